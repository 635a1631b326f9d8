"""Upright mode geometry: a product standing on a horizontal surface, seen in perspective.

The product is a billboard whose bottom-edge midpoint (the *contact point*) sits on the
surface. The tracker does not follow the product itself (it is not in the video) but a
*footprint*: a patch of the surface around the contact point. Each frame, the footprint's
homography carries the contact point to its new place; the product's size follows the
surface's horizontal scale at that point and its up direction follows the camera's roll.

Why the horizontal scale and not ``sqrt(det J)``: the surface is foreshortened in depth
(a tabletop seen from the side is squashed vertically in the image), and a dolly towards
it changes that squash faster than the width (depth scales as 1/Z², width as 1/Z). An
upright object's height is parallel to the image plane like its width, so it scales with
the width, never with the depth. ``sqrt(det J)`` mixes the depth term in and would make
the product shrink or grow in height as the camera moves; for a level camera the
horizontal scale is exact.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from agency.core.errors import InputError

from ..geometry import FloatArray, apply_homography

PointLike = Sequence[float] | FloatArray
UP = -math.pi / 2
"""Image angle (atan2(dy, dx), y down) of straight up."""


def homography(src: FloatArray, dst: FloatArray) -> FloatArray:
    """The 3×3 homography taking four ``src`` points onto ``dst``, solved in float64."""
    a = np.zeros((8, 8))
    b = np.zeros(8)
    for i, ((x, y), (u, v)) in enumerate(zip(src, dst, strict=True)):
        a[2 * i] = [x, y, 1, 0, 0, 0, -u * x, -u * y]
        a[2 * i + 1] = [0, 0, 0, x, y, 1, -v * x, -v * y]
        b[2 * i], b[2 * i + 1] = u, v
    h = np.append(np.linalg.solve(a, b), 1.0)
    return h.reshape(3, 3)


def standing_quad(
    contact: PointLike, width_px: float, height_px: float, up_angle_rad: float = UP
) -> FloatArray:
    """TL, TR, BR, BL of a product standing with its bottom-edge midpoint on ``contact``.

    ``up_angle_rad`` is the image direction of the product's up (``atan2(dy, dx)`` with y
    pointing down): ``-pi/2`` is straight up; a camera roll turns it.
    """
    c = np.asarray(contact, np.float64)
    up = np.array([math.cos(up_angle_rad), math.sin(up_angle_rad)])
    right = np.array([-up[1], up[0]])
    half = right * (width_px / 2.0)
    top = up * height_px
    return np.array([c - half + top, c + half + top, c + half, c - half])


def _row_span(quad: FloatArray, y: float) -> tuple[float, float] | None:
    """Where the horizontal line at ``y`` enters and leaves a convex quad."""
    xs = []
    for i in range(4):
        (x0, y0), (x1, y1) = quad[i], quad[(i + 1) % 4]
        if (y0 - y) * (y1 - y) <= 0 and y0 != y1:
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        elif y0 == y1 == y:
            xs.extend([x0, x1])
    return (min(xs), max(xs)) if xs else None


def _inside_quad(quad: FloatArray, point: FloatArray) -> bool:
    """True when ``point`` lies in the convex quad (either winding)."""
    signs = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        signs.append((b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0]))
    return all(s >= 0 for s in signs) or all(s <= 0 for s in signs)


def initial_standing_quad(
    at: PointLike,
    product_w: int,
    product_h: int,
    surface_quad: FloatArray | None,
    scale: float,
    frame_w: int,
    frame_h: int,
) -> FloatArray:
    """The product's quad in the first frame, standing upright on the contact point ``at``.

    Its width is ``scale`` times the surface's width along the horizontal line through
    ``at`` (the whole frame's width without a surface), its height follows the product's
    aspect ratio. The camera is taken to be level in that frame (up is straight up).
    """
    c = np.asarray(at, np.float64)
    if c.shape != (2,) or not np.all(np.isfinite(c)):
        raise InputError("The contact point needs [x, y].", field="at", fix="Give [x, y] in px.")
    if not (0 <= c[0] < frame_w and 0 <= c[1] < frame_h):
        raise InputError(
            f"The contact point ({c[0]:.0f}, {c[1]:.0f}) is outside the {frame_w}×{frame_h} frame.",
            field="at",
            fix="Pick a point on the surface inside the frame.",
        )
    if not scale > 0:
        raise InputError("The scale must be positive.", field="scale", fix="Use e.g. 0.2.")
    if product_w <= 0 or product_h <= 0:
        raise InputError("The product image is empty.", field="product", fix="Upload it again.")
    span = float(frame_w)
    if surface_quad is not None:
        quad = np.asarray(surface_quad, np.float64)
        row = _row_span(quad, float(c[1]))
        if row is None or not _inside_quad(quad, c):
            raise InputError(
                "The contact point is not on the chosen surface.",
                field="at",
                fix="Pick a point inside the surface's outline, or another surface.",
            )
        span = row[1] - row[0]
    width = scale * span
    height = width * product_h / product_w
    if height > frame_h:
        raise InputError(
            f"At this scale the product would be {height:.0f} px tall, taller than the "
            f"{frame_h} px frame.",
            field="scale",
            fix=f"Use a scale below {scale * frame_h / height:.3f}.",
        )
    return standing_quad(c, width, height)


def _jacobian(h: FloatArray, point: FloatArray, step: float) -> FloatArray:
    """Columns: image displacement per unit of each plane coordinate at ``point``."""
    pts = point + np.array([[step, 0], [-step, 0], [0, step], [0, -step]])
    m = apply_homography(h, pts)
    return np.stack([(m[0] - m[1]) / (2 * step), (m[2] - m[3]) / (2 * step)], axis=1)


def _largest_extent(
    test: Callable[[FloatArray], bool], base: FloatArray, direction: FloatArray, limit: float
) -> float:
    """Largest ``e`` in ``[0, limit]`` with every point ``base + e·direction`` passing."""
    if test(base + limit * direction):
        return limit
    lo, hi = 0.0, limit
    for _ in range(30):
        mid = (lo + hi) / 2
        if test(base + mid * direction):
            lo = mid
        else:
            hi = mid
    return lo


def footprint_quad(
    contact: PointLike,
    bottom_width: float,
    surface: FloatArray | None,
    width: int,
    height: int,
    *,
    widen: float = 2.5,
    depth: float = 0.6,
    behind: float = 0.3,
    min_width: float = 96.0,
) -> FloatArray:
    """A quad on the surface around ``contact`` for the planar tracker to follow.

    It is ``widen`` × the product's bottom width wide (at least ``min_width`` px, so it
    carries enough texture) and ``depth`` × that deep, with only ``behind`` of the depth
    behind the contact line: the surface in front of (below) the contact point is the
    part most surely still the surface, while behind it lies the surface's far edge and
    whatever stands beyond. With a ``surface`` quad (a rectangle on the surface, like an
    analysis zone) the footprint is a rectangle of that surface's own coordinates, so its
    sides follow the perspective and it never leaves the surface; without one it is an
    axis-aligned box. Either way it is cut back to lie inside the frame.
    """
    c = np.asarray(contact, np.float64)
    frame_ok = bool(0 <= c[0] <= width and 0 <= c[1] <= height)
    if surface is None:
        to_image = np.eye(3)
    else:
        unit = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
        to_image = homography(unit, np.asarray(surface, np.float64))
    to_plane = np.linalg.inv(to_image)
    pc = apply_homography(to_plane, c[None])[0]
    on_surface = surface is None or bool(np.all((pc >= -1e-9) & (pc <= 1 + 1e-9)))
    if not (frame_ok and on_surface):
        raise InputError(
            "The contact point is outside the frame or the surface.",
            field="at",
            fix="Pick a point on the surface inside the frame.",
        )
    span_px = max(widen * bottom_width, min_width)
    depth_px = depth * span_px
    step = 1.0 if surface is None else 1e-3
    jac = _jacobian(to_image, pc, step)
    per_u = float(np.linalg.norm(jac[:, 0]))
    per_v = float(np.linalg.norm(jac[:, 1]))
    # Plane extents from the contact point: left, right, far (behind), near (in front).
    ext = {
        "left": span_px / 2 / per_u,
        "right": span_px / 2 / per_u,
        "far": behind * depth_px / per_v,
        "near": (1 - behind) * depth_px / per_v,
    }
    if surface is not None:
        ext["left"] = min(ext["left"], pc[0])
        ext["right"] = min(ext["right"], 1 - pc[0])
        ext["far"] = min(ext["far"], pc[1])
        ext["near"] = min(ext["near"], 1 - pc[1])

    def in_frame(points: FloatArray) -> bool:
        img = apply_homography(to_image, np.atleast_2d(points))
        return bool(
            np.all((img[:, 0] >= 0) & (img[:, 0] <= width))
            and np.all((img[:, 1] >= 0) & (img[:, 1] <= height))
        )

    # Depth first along the contact's own column, then each side at those depths: every
    # test starts from points already inside, so the bisection is well founded.
    ext["far"] = _largest_extent(in_frame, pc[None], np.array([[0.0, -1.0]]), ext["far"])
    ext["near"] = _largest_extent(in_frame, pc[None], np.array([[0.0, 1.0]]), ext["near"])
    rows = np.array([[pc[0], pc[1] - ext["far"]], [pc[0], pc[1] + ext["near"]]])
    ext["left"] = _largest_extent(in_frame, rows, np.array([[-1.0, 0.0]]), ext["left"])
    ext["right"] = _largest_extent(in_frame, rows, np.array([[1.0, 0.0]]), ext["right"])
    u0, u1 = pc[0] - ext["left"], pc[0] + ext["right"]
    v0, v1 = pc[1] - ext["far"], pc[1] + ext["near"]
    corners = np.array([[u0, v0], [u1, v0], [u1, v1], [u0, v1]])
    return apply_homography(to_image, corners)


def follow(standing0: FloatArray, footprint0: FloatArray, footprint_t: FloatArray) -> FloatArray:
    """The product's TL, TR, BR, BL in frame t, from the footprint's quads in 0 and t.

    The footprint homography H carries the contact point c₀ (bottom-edge midpoint). The
    product scales by the surface's horizontal scale at c₀: the length H gives the
    bottom edge (central difference over the bottom edge's own span, exact for affine
    motion) over its length in frame 0, for width and height alike (see the module
    docstring for why not the area scale). It turns by the angle the bottom edge turns
    by (camera roll). The result is frame 0's quad moved by that similarity, so it is
    exact for translation, zoom and roll, and smooth in H.
    """
    q0 = np.asarray(standing0, np.float64)
    h = homography(np.asarray(footprint0, np.float64), np.asarray(footprint_t, np.float64))
    bl, br = q0[3], q0[2]
    c0 = (bl + br) / 2
    edge = br - bl
    d = float(np.linalg.norm(edge)) / 2
    if d <= 0:
        raise ValueError("the standing quad has no bottom edge")
    u = edge / (2 * d)
    ct, right, left = apply_homography(h, np.array([c0, c0 + d * u, c0 - d * u]))
    moved = right - left
    scale = float(np.linalg.norm(moved)) / (2 * d)
    angle = math.atan2(u[0] * moved[1] - u[1] * moved[0], float(u @ moved))
    cos, sin = math.cos(angle), math.sin(angle)
    rotation = np.array([[cos, -sin], [sin, cos]])
    result: FloatArray = ct + scale * (q0 - c0) @ rotation.T
    return result
