"""Gathers what the brand-safety checks need while the render pass runs.

Every frame goes to the flash meter (a copy about 240 pixels wide: the meter works on a coarse
grid anyway). Placed frames are sampled for faces (twice a second) and for text and
signage (every two seconds) on the whole frame; the report then judges the placement
(:func:`agency.kata.quality.brand_safety.check_brand_safety`).
"""

from __future__ import annotations

import math
from typing import Any

from ..analysis.faces import FaceDetector
from ..analysis.flashes import FlashMeter
from ..analysis.text_regions import detect_text_regions
from ..geometry import FloatArray
from ..media.region import FrameRegion
from .brand_safety import Box, BrandSafetyReport, SafetyThresholds, check_brand_safety

FLASH_WIDTH = 240


class SafetyCollector:
    """Per frame in order: :meth:`observe` the source, :meth:`placed` when the product is
    in it; then :meth:`report`."""

    def __init__(
        self,
        fps: float,
        width: int,
        height: int,
        product_size: tuple[int, int],
        *,
        faces_every_s: float = 1.0,
        text_every_s: float = 2.0,
        faces: FaceDetector | None = None,
        thresholds: SafetyThresholds | None = None,
    ) -> None:
        self.fps, self.width, self.height = fps, width, height
        self.thresholds = thresholds
        self.product_size = product_size
        self._face_every = max(1, math.ceil(fps * faces_every_s))
        self._text_every = max(1, math.ceil(fps * text_every_s))
        self._detector = faces if faces is not None else FaceDetector()
        self._flash: FlashMeter | None = None
        self._first: int | None = None
        self.placements: list[tuple[int, FloatArray]] = []
        self.visible: list[float] = []
        self.faces: dict[int, list[Box]] = {}
        self.text: dict[int, list[Box]] = {}

    def observe(self, frame: FrameRegion, index: int, placed: bool) -> None:
        """One source frame, before anything is composited into it (so a face the
        product would cover is still found)."""
        small = frame.small_bgr(FLASH_WIDTH)
        if self._flash is None:
            self._flash = FlashMeter(self.fps, small.shape[1], small.shape[0])
        self._flash.add(small)
        if not placed:
            return
        if self._first is None:
            self._first = index
        offset = index - self._first
        face_due = offset % self._face_every == 0 and self._detector.available
        text_due = offset % self._text_every == 0
        if face_due or text_due:
            whole = frame.whole_bgr()
            if face_due:
                self.faces[index] = [f.box for f in self._detector.detect(whole)]
            if text_due:
                self.text[index] = detect_text_regions(whole)

    def placed(self, index: int, quad: FloatArray, visible: float) -> None:
        """Where the product went in frame ``index`` and how much of it shows."""
        self.placements.append((index, quad))
        self.visible.append(visible)

    def report(self) -> BrandSafetyReport:
        """The brand-safety report of the placement."""
        return check_brand_safety(
            fps=self.fps,
            width=self.width,
            height=self.height,
            product_size=self.product_size,
            placements=self.placements,
            visible_fractions=self.visible,
            faces=self.faces,
            flashes=self.flash_result(),
            text_regions=self.text,
            thresholds=self.thresholds,
        )

    def flash_result(self) -> dict[str, Any] | None:
        """The flash meter's verdict on every frame seen."""
        return self._flash.result() if self._flash is not None else None
