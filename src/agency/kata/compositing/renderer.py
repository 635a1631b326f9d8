"""The decal compositor: one frame in, the same frame with the product placed out.

Per frame: warp the product onto the tracked quad, relight it to the scene, blur it to
the scene's defocus, add the scene's noise and blend it premultiplied. Light and optics
are re-measured every ``remeasure_every`` frames and eased (exponential moving average),
so a change in exposure is followed without flicker.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..geometry import FloatArray, quad_mask, scaled_box
from .decal import Product, WarpedDecal, blend, warp_decal
from .harmonize import Harmonization, illuminant_match, reinhard_lab
from .matching import (
    NoiseBank,
    OpticsMatch,
    add_noise,
    apply_blur,
    apply_motion_blur,
    measure_optics,
)
from .occlusion import Occlusion

HARMONIZERS = ("illuminant", "reinhard", "none")


class DecalCompositor:
    """Places one product on successive frames; keeps its eased light and optics state."""

    def __init__(
        self,
        product: Product,
        *,
        harmonizer: str = "illuminant",
        remeasure_every: int = 10,
        ease: float = 0.3,
        seed: int = 0,
        shutter: float = 0.5,
        match_optics: bool = True,
    ) -> None:
        if harmonizer not in HARMONIZERS:
            raise ValueError(f"harmonizer must be one of {HARMONIZERS}")
        self.product = product
        self.harmonizer = harmonizer
        self.remeasure_every = remeasure_every
        self.ease = ease
        self.shutter = shutter
        self.match_optics = match_optics
        self._rng = np.random.default_rng(seed)
        self._bank = NoiseBank(self._rng)
        self._count = 0
        self._gains: NDArray[Any] | None = None
        self._optics: OpticsMatch | None = None
        self.last_decal: WarpedDecal | None = None
        self._lit: Product | None = None
        self.last_hidden = 0.0
        """Share of the product hidden by occluders in the last frame composited."""

    def context_mask(self, quad: FloatArray, width: int, height: int) -> NDArray[Any]:
        """The ring of scene around the quad that light and optics are measured in."""
        outer = quad_mask(quad, width, height, scale=1.8)
        inner = quad_mask(quad, width, height, scale=1.05)
        ring: NDArray[Any] = np.where((outer > 0) & (inner == 0), 255, 0).astype(np.uint8)
        return ring

    def composite(
        self,
        frame: NDArray[Any],
        quad: FloatArray,
        velocity: tuple[float, float] = (0.0, 0.0),
        occlusion: Occlusion | None = None,
    ) -> NDArray[Any]:
        """Return ``frame`` with the product on ``quad`` moving at ``velocity`` px/frame,
        hidden where ``occlusion`` says something is in front of it."""
        height, width = frame.shape[:2]
        due = self._count % self.remeasure_every == 0
        if due and (self.match_optics or self.harmonizer != "none"):
            self._remeasure(frame, quad)
        self._count += 1
        streak = math.hypot(*velocity) * self.shutter
        optics = self._optics if self.match_optics else None
        sigma = optics.blur_sigma if optics is not None else 0.0
        # The measured blur already holds the motion streak on about half of the edges.
        sigma = math.sqrt(max(0.0, sigma**2 - streak**2 / 24.0))
        margin = 4 + math.ceil(streak + 3 * sigma)
        # Relit once per remeasure at the product's own size, then warped: the same colour
        # operation per pixel, without redoing it on every frame's warped pixels.
        source = self._lit if self.harmonizer == "illuminant" and self._lit else self.product
        decal = warp_decal(source, quad, width, height, margin=margin)
        if decal is None:
            self.last_decal = None
            self.last_hidden = 0.0
            return frame
        x, y, w, h = decal.box
        alpha = decal.alpha
        premult = decal.premultiplied
        if self.harmonizer == "reinhard":
            straight = premult / np.maximum(alpha, 1e-4)[:, :, None]
            scene = frame[y : y + h, x : x + w].astype(np.float32) / 255.0
            context = self.context_mask(quad - [x, y], w, h) > 0
            straight = reinhard_lab(straight, alpha, scene, context, strength=0.5)
            premult = np.clip(straight, 0, 1) * alpha[:, :, None]
        premult = apply_blur(premult, sigma)
        alpha = apply_blur(alpha, sigma)
        if self.match_optics:
            premult = apply_motion_blur(premult, velocity, self.shutter)
            alpha = apply_motion_blur(alpha, velocity, self.shutter)
        if optics is not None:
            premult = add_noise(premult, alpha, optics.noise_sigma, self._rng, self._bank)
        self.last_hidden = 0.0
        if occlusion is not None:
            front = occluder_in_box(occlusion, (x, y, w, h))
            total = float(alpha.sum())
            premult = premult * (1.0 - front[:, :, None])
            alpha = alpha * (1.0 - front)
            self.last_hidden = 1.0 - float(alpha.sum()) / total if total > 0 else 0.0
        decal = WarpedDecal(decal.box, premult.astype(np.float32), alpha.astype(np.float32))
        self.last_decal = decal
        return blend(frame, decal)

    def _remeasure(self, frame: NDArray[Any], quad: FloatArray) -> None:
        """Measure light, blur and noise in the ring around ``quad``; ease towards them."""
        x0, y0, x1, y1 = scaled_box(quad, frame.shape[1], frame.shape[0], 1.8)
        crop = frame[y0:y1, x0:x1]
        ring = self.context_mask(quad - [x0, y0], x1 - x0, y1 - y0)
        if crop.size == 0 or int(ring.max(initial=0)) == 0:
            return
        optics = measure_optics(crop, ring)
        if self._optics is None:
            self._optics = optics
        else:
            k, old = self.ease, self._optics
            self._optics = OpticsMatch(
                old.blur_sigma + k * (optics.blur_sigma - old.blur_sigma),
                old.noise_sigma + k * (optics.noise_sigma - old.noise_sigma),
                optics.scene_blur_sigma,
                optics.scene_noise_sigma,
            )
        if self.harmonizer == "illuminant":
            product = self.product
            straight = product.premultiplied / np.maximum(product.alpha, 1e-4)[:, :, None]
            scene = crop.astype(np.float32) / 255.0
            match = illuminant_match(straight, product.alpha, scene, ring > 0)
            gains = np.asarray(match.gains)
            self._gains = (
                gains if self._gains is None else self._gains + self.ease * (gains - self._gains)
            )
            relit = Harmonization(self.gains or (1.0, 1.0, 1.0)).apply(straight)
            self._lit = Product(
                np.clip(relit, 0, 1) * product.alpha[:, :, None],
                product.alpha,
                product.width,
                product.height,
            )

    @property
    def optics(self) -> OpticsMatch | None:
        """The blur and noise currently matched."""
        return self._optics

    @property
    def gains(self) -> tuple[float, float, float] | None:
        """The current relighting gains (BGR, linear light)."""
        return (
            None
            if self._gains is None
            else (float(self._gains[0]), float(self._gains[1]), float(self._gains[2]))
        )


def occluder_in_box(occlusion: Occlusion, box: tuple[int, int, int, int]) -> NDArray[Any]:
    """The occluder matte (0–1) cropped or padded to the frame box ``(x, y, w, h)``."""
    x, y, w, h = box
    ox, oy, ow, oh = occlusion.box
    out = np.zeros((h, w), np.float32)
    x0, y0 = max(x, ox), max(y, oy)
    x1, y1 = min(x + w, ox + ow), min(y + h, oy + oh)
    if x1 > x0 and y1 > y0:
        part = occlusion.matte[y0 - oy : y1 - oy, x0 - ox : x1 - ox]
        out[y0 - y : y1 - y, x0 - x : x1 - x] = part
    return out
