"""Shadows of an upright product, rendered into the scene before the product is blended.

Two shadows ground a standing product:

* the **contact shadow** (ambient occlusion): a soft dark ellipse under the base, as wide
  as the base and as deep as a disc on the surface looks from the camera (the surface's
  foreshortening ``k``, see :func:`plane_foreshortening`);
* the **cast shadow**: the product's silhouette laid on the surface away from the light.
  A point at height ``β`` above the contact line lands at ``β·v`` from it, where
  ``v = length·(cos φ·u + (0.35 + 0.65·sin φ)·k·down)``; ``u`` is the bottom edge's
  direction, ``down`` the opposite of the product's up and ``φ`` the light direction. So
  the silhouette is flipped about the contact line, compressed by ``k``, sheared sideways
  by the light's horizontal component; it fades with height (``exp(-1.6·r)``, ``r`` the
  height fraction) and its penumbra widens with it (a blend of a tight and a wide blur).

The light direction follows :mod:`agency.kata.analysis.light`: the image-plane direction
light comes FROM, 0° = from the left, 90° = from above, 180° = from the right. Light from
the left throws the shadow to the right; light from above (the far side of the table, or
high overhead) throws a short one towards the camera; light from below (the camera's
side) throws it behind the product, where the product hides most of it.

:func:`shadow_params_from_light` maps a measured light to parameters. Assumptions: the
measured directionality tells how much of the light is one hard source (the rest is
ambient), so the cast shadow's opacity rises with it from 0 (flat light: contact shadow
only, below directionality 0.15) to 0.5, and its softness falls; the elevation of the
light is unknown, so light that reads as coming from the side is taken as lower (longer
shadow, up to 1 product height) than light from above (about half that); dim scenes
(mean luma under 80) are lit mostly by bounce light, so their cast shadow is weaker.

Everything is computed in the shadow's bounding box only, at a reduced working
resolution (the product about ``work_size`` px tall) and upscaled: shadows are soft, and
this keeps a 1080p frame well under 10 ms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import cv2
import numpy as np
from numpy.typing import NDArray

from ..geometry import FloatArray, apply_homography
from .decal import Product
from .upright import homography

FloatImage = NDArray[Any]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class ShadowParams:
    """How the shadows of a standing product look.

    ``contact_opacity`` and ``cast_opacity`` are the darkness (0–1) at their darkest;
    ``softness`` 0–1 widens both penumbras; ``length`` is the cast shadow's length on the
    surface per unit of product height; ``direction_deg`` is where the light comes from
    (0 = left, 90 = above) and ``directionality`` (0 flat … 1 one hard source) nudges the
    contact shadow away from the light.
    """

    contact_opacity: float = 0.55
    cast_opacity: float = 0.0
    softness: float = 0.8
    length: float = 0.5
    direction_deg: float = 90.0
    directionality: float = 0.0


def _smoothstep(edge0: float, edge1: float, x: float) -> float:
    t = min(1.0, max(0.0, (x - edge0) / (edge1 - edge0)))
    return t * t * (3.0 - 2.0 * t)


def shadow_params_from_light(
    direction_deg: float, directionality: float, brightness: float
) -> ShadowParams:
    """Shadow parameters for a measured light (see the module docstring for the mapping)."""
    d = min(1.0, max(0.0, float(directionality)))
    hard = _smoothstep(0.15, 0.65, d)
    level = min(1.0, max(0.5, float(brightness) / 80.0))
    side = abs(math.cos(math.radians(direction_deg)))
    return ShadowParams(
        contact_opacity=0.6 - 0.15 * hard,
        cast_opacity=0.5 * hard * level,
        softness=1.0 - 0.65 * hard,
        length=(0.3 + 0.7 * d) * (0.45 + 0.55 * side),
        direction_deg=float(direction_deg) % 360.0,
        directionality=d,
    )


class ShadowMap(NamedTuple):
    """Darkness (0–1) in the frame region ``box`` = (x, y, w, h): out = scene × (1 − it)."""

    box: Box
    darkness: FloatImage


def silhouette_of(product: Product, max_side: int = 160) -> FloatImage:
    """The product's alpha without its padding, reduced for shadow work (do it once)."""
    pad_x = (product.alpha.shape[1] - product.width) // 2
    pad_y = (product.alpha.shape[0] - product.height) // 2
    alpha = product.alpha[pad_y : pad_y + product.height, pad_x : pad_x + product.width]
    scale = max_side / max(alpha.shape)
    if scale < 1.0:
        size = (max(1, round(alpha.shape[1] * scale)), max(1, round(alpha.shape[0] * scale)))
        alpha = cv2.resize(alpha, size, interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(alpha, dtype=np.float32)


def plane_foreshortening(
    surface: FloatArray,
    contact: Sequence[float],
    width: int,
    height: int,
    *,
    focal: float | None = None,
    default: float = 0.35,
) -> float:
    """How much the surface is squashed in depth at ``contact``: image depth / width of a
    small square on it (1 seen from straight above, → 0 at grazing angles).

    ``surface`` must be the image of a rectangle on the surface (an analysis zone, or a
    footprint made inside one): its vanishing line gives the surface's orientation, given
    a focal length (default 0.8 × frame width, a 64° horizontal field of view, centred
    principal point). A quad with no measurable perspective (a parallelogram) or a point
    beyond its horizon gives ``default``.
    """
    unit = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    try:
        h = homography(unit, np.asarray(surface, np.float64))
        horizon = np.linalg.inv(h)[2]
    except np.linalg.LinAlgError:
        return default
    p = np.array([contact[0], contact[1], 1.0])
    norm = math.hypot(horizon[0], horizon[1])
    if norm < 1e-12 or abs(horizon @ p) / norm > 50.0 * max(width, height):
        return default
    f = focal if focal is not None else 0.8 * width
    k_mat = np.array([[f, 0.0, width / 2.0], [0.0, f, height / 2.0], [0.0, 0.0, 1.0]])
    normal = k_mat.T @ horizon
    normal /= np.linalg.norm(normal)
    ray = np.linalg.solve(k_mat, p)
    if abs(normal @ ray) < 1e-9:
        return default
    point = ray / (normal @ ray)  # on the plane normal·X = 1
    if point[2] <= 0:
        return default
    across = np.cross(normal, ray)
    across /= np.linalg.norm(across)
    along = np.cross(normal, across)
    eps = 1e-3 * float(np.linalg.norm(point))

    def image_step(direction: FloatArray) -> float:
        a, b = k_mat @ (point + eps * direction), k_mat @ (point - eps * direction)
        return float(np.linalg.norm(a[:2] / a[2] - b[:2] / b[2]))

    return float(np.clip(image_step(along) / max(image_step(across), 1e-12), 0.05, 1.0))


def _base_of(silhouette: FloatImage) -> tuple[int, int, float, float]:
    """Top row, bottom row (exclusive) and the base's column span of the opaque product."""
    rows = silhouette.max(axis=1)
    threshold = 0.5 * float(rows.max())
    opaque = np.nonzero(rows >= threshold)[0]
    top, bottom = int(opaque[0]), int(opaque[-1]) + 1
    band = silhouette[max(top, bottom - max(1, silhouette.shape[0] // 40)) : bottom].max(axis=0)
    cols = np.nonzero(band >= threshold)[0]
    return top, bottom, float(cols[0]), float(cols[-1] + 1)


def _line_kernel(direction: FloatArray, reach: float) -> NDArray[Any]:
    """A structuring element: a line ``±reach`` px along ``direction``."""
    n = math.ceil(reach)
    kernel = np.zeros((2 * n + 1, 2 * n + 1), np.uint8)
    end = direction * reach
    a = (round(n - end[0]), round(n - end[1]))
    b = (round(n + end[0]), round(n + end[1]))
    cv2.line(kernel, a, b, 1, 1)
    return kernel


def render_shadow(
    standing: FloatArray,
    silhouette: FloatImage,
    *,
    width: int,
    height: int,
    foreshortening: float,
    params: ShadowParams,
    work_size: int = 128,
) -> ShadowMap:
    """Contact and cast shadow darkness of the product standing on ``standing`` (TL, TR,
    BR, BL) in a ``width``×``height`` frame.

    ``silhouette`` is the product's alpha whose corners map onto the quad's corners (see
    :func:`silhouette_of`); ``foreshortening`` is the surface's depth squash at the contact
    point (:func:`plane_foreshortening`).
    """
    q = np.asarray(standing, np.float64)
    sil = np.asarray(silhouette, np.float32)
    if float(sil.max(initial=0.0)) <= 0.0:
        return ShadowMap((0, 0, 0, 0), np.zeros((0, 0), np.float32))
    hs, ws = sil.shape
    top, bottom, col0, col1 = _base_of(sil)
    to_image = homography(np.array([[0.0, 0.0], [ws, 0.0], [ws, hs], [0.0, hs]]), q)
    base_l, base_r, crown = apply_homography(
        to_image, np.array([[col0, bottom], [col1, bottom], [(col0 + col1) / 2, top]])
    )
    pivot = (base_l + base_r) / 2
    base_w = max(float(np.linalg.norm(base_r - base_l)), 1.0)
    u = (q[2] - q[3]) / max(float(np.linalg.norm(q[2] - q[3])), 1e-9)
    up_vec = (q[0] + q[1] - q[2] - q[3]) / 2
    upn = up_vec / max(float(np.linalg.norm(up_vec)), 1e-9)
    down = np.array([u[1], -u[0]])  # perpendicular to the bottom edge, away from the top
    if down @ upn > 0:
        down = -down
    product_h = max(float(np.linalg.norm(crown - pivot)), 1.0)
    k = min(1.0, max(0.02, float(foreshortening)))
    phi = math.radians(params.direction_deg)
    side, depth = math.cos(phi), 0.35 + 0.65 * math.sin(phi)
    v = params.length * (side * u + depth * k * down)
    soft = min(1.0, max(0.0, params.softness))

    # Contact shadow: a disc on the surface under the base, nudged away from the light.
    a = 0.5 * base_w * (1.05 + 0.25 * soft)
    b = max(a * k, 1.0)
    centre = pivot + 0.1 * params.directionality * (side * a * u + depth * b * down)
    corners = [centre + sx * 1.6 * a * u + sy * 1.6 * b * down for sx in (-1, 1) for sy in (-1, 1)]

    # Cast shadow: q = pivot + α·u + β·upn  ↦  pivot + α·u + β·v (affine, in the image).
    cast = params.cast_opacity > 0 and float(np.linalg.norm(v)) > 1e-6
    sil_px = product_h / max(bottom - top, 1)  # image px per silhouette px (height)
    sigma_far = (bottom - top) * (0.015 + 0.12 * soft)
    sigma_near = 0.6 + (bottom - top) * 0.01 * soft
    pad = math.ceil(3 * sigma_far) + 2
    affine = np.eye(3)
    if cast:
        basis = np.stack([u, upn], axis=1)
        lin = np.stack([u, v], axis=1) @ np.linalg.inv(basis)
        affine[:2, :2] = lin
        affine[:2, 2] = pivot - lin @ pivot
        corners += list(apply_homography(affine @ to_image, np.array([[0, 0], [ws, 0]])))
        corners.append(pivot + product_h * v)
    reach = 3 * sigma_far * sil_px * max(1.0, float(np.linalg.norm(v))) if cast else 0.0
    pts = np.array(corners)
    margin = reach + (0.5 * base_w * k if cast else 0.0) + 3.0
    x0 = max(0, math.floor(pts[:, 0].min() - margin))
    y0 = max(0, math.floor(pts[:, 1].min() - margin))
    x1 = min(width, math.ceil(pts[:, 0].max() + margin))
    y1 = min(height, math.ceil(pts[:, 1].max() + margin))
    if x1 <= x0 or y1 <= y0:
        return ShadowMap((0, 0, 0, 0), np.zeros((0, 0), np.float32))
    bw, bh = x1 - x0, y1 - y0
    s = min(1.0, work_size / product_h)
    cw, ch = max(1, math.ceil(bw * s)), max(1, math.ceil(bh * s))
    sx, sy = cw / bw, ch / bh
    # Frame px → working px, pixel centres aligned as cv2.resize aligns them.
    to_work = np.array(
        [[sx, 0.0, (0.5 - x0) * sx - 0.5], [0.0, sy, (0.5 - y0) * sy - 0.5], [0.0, 0.0, 1.0]]
    )

    xs = (np.arange(cw, dtype=np.float32) + 0.5) / sx - 0.5 + x0 - centre[0]
    ys = (np.arange(ch, dtype=np.float32) + 0.5) / sy - 0.5 + y0 - centre[1]
    along = u[0] * xs[None, :] + u[1] * ys[:, None]
    across = down[0] * xs[None, :] + down[1] * ys[:, None]
    falloff = 2.0 + 2.5 * (1.0 - soft)
    dist2 = (along / a) ** 2 + (across / b) ** 2
    darkness = params.contact_opacity * np.exp(-falloff * dist2)

    if cast:
        r = np.clip((bottom - (np.arange(hs) + 0.5)) / max(bottom - top, 1), 0.0, 1.0)
        faded = sil * np.exp(-1.6 * r).astype(np.float32)[:, None]
        faded = np.pad(faded, pad)
        sharp = cv2.GaussianBlur(faded, (0, 0), sigma_near)
        wide = cv2.GaussianBlur(faded, (0, 0), sigma_far)
        r_pad = np.clip((bottom + pad - (np.arange(hs + 2 * pad) + 0.5)) / (bottom - top), 0, 1)
        graded = sharp + (wide - sharp) * r_pad.astype(np.float32)[:, None]
        shift = np.array([[1.0, 0.0, -pad], [0.0, 1.0, -pad], [0.0, 0.0, 1.0]])
        m = to_work @ affine @ to_image @ shift
        warped = cv2.warpPerspective(graded, m, (cw, ch), flags=cv2.INTER_LINEAR, borderValue=0)
        # A solid product is about as deep as it is wide: its shadow is a band that deep
        # on the surface, not the flat silhouette's sliver (a side light shows it most).
        reach_px = 0.5 * base_w * k * min(sx, sy)
        if reach_px >= 0.5:
            warped = cv2.dilate(warped, _line_kernel(down, reach_px))
        warped = cv2.GaussianBlur(warped, (0, 0), 0.7)
        shade = params.cast_opacity * np.clip(warped, 0.0, 1.0)
        darkness = 1.0 - (1.0 - darkness) * (1.0 - shade)

    darkness = np.clip(darkness, 0.0, 1.0).astype(np.float32)
    if (cw, ch) != (bw, bh):
        darkness = cv2.resize(darkness, (bw, bh), interpolation=cv2.INTER_LINEAR)
    return ShadowMap((x0, y0, bw, bh), darkness)


def apply_shadow(frame: NDArray[Any], box: Box, darkness: FloatImage) -> NDArray[Any]:
    """``frame`` (uint8 BGR) darkened by ``darkness`` in ``box``; a new frame.

    The scene is multiplied by ``1 − darkness`` in linear light (a 2.2 power law:
    ``srgb × (1 − d)^(1/2.2)``), as an occluder takes a share of the light. It never
    brightens a pixel and leaves everything outside ``box`` as it was.
    """
    out = frame.copy()
    x, y, w, h = box
    fx0, fy0 = max(0, x), max(0, y)
    fx1, fy1 = min(frame.shape[1], x + w), min(frame.shape[0], y + h)
    if fx1 <= fx0 or fy1 <= fy0:
        return out
    d = np.clip(darkness[fy0 - y : fy1 - y, fx0 - x : fx1 - x], 0.0, 1.0).astype(np.float32)
    factor = cv2.pow(1.0 - d, 1.0 / 2.2)
    region = out[fy0:fy1, fx0:fx1]
    if region.ndim == 3:
        factor = cv2.merge([factor] * region.shape[2])
    # x·f with f ≤ 1, rounded to nearest: never above x, and exactly x where f = 1.
    out[fy0:fy1, fx0:fx1] = cv2.multiply(region, factor, dtype=cv2.CV_8U)
    return out
