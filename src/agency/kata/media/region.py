"""One decoded frame during rendering, and the region around the insert that is edited.

On the YUV path only the region becomes BGR (see :mod:`agency.kata.media.yuv`); on the
BGR path (frame sizes that are not whole 4:2:0 blocks) the whole frame is BGR and the
region is a view into it. Either way the compositor works on the region with the quad in
region coordinates, and :meth:`FrameRegion.output` is what the encoder takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import av
import cv2
import numpy as np
from numpy.typing import NDArray

from ..geometry import FloatArray, scaled_box
from .yuv import YuvFrame

REGION_SCALE = 2.0
"""The region is the quad's bounding box grown this much about its centre: it holds the
ring light and optics are measured in (1.8×), the occlusion plate (1.35×) and the blur
margin."""


@dataclass
class FrameRegion:
    """A frame being rendered: its pixels and the box of it currently taken out as BGR."""

    yuv: YuvFrame | None
    bgr: NDArray[Any] | None
    box: tuple[int, int, int, int] = (0, 0, 0, 0)

    @classmethod
    def of(cls, decoded: av.VideoFrame, use_yuv: bool) -> FrameRegion:
        """Wrap a decoded frame for the YUV or the BGR path."""
        if use_yuv:
            return cls(YuvFrame.from_av(decoded), None)
        return cls(None, decoded.to_ndarray(format="bgr24"))

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the frame."""
        if self.yuv is not None:
            return self.yuv.width, self.yuv.height
        assert self.bgr is not None
        return int(self.bgr.shape[1]), int(self.bgr.shape[0])

    def around(
        self, quad: FloatArray, scale: float = REGION_SCALE
    ) -> tuple[NDArray[Any], FloatArray]:
        """The BGR region around ``quad`` (its box grown ``scale`` times) and the quad in
        region coordinates."""
        width, height = self.size
        box = scaled_box(quad, width, height, scale)
        if self.yuv is not None:
            self.box = self.yuv.align(box)
            region = self.yuv.to_bgr(self.box)
        else:
            assert self.bgr is not None
            self.box = box
            x0, y0, x1, y1 = box
            region = self.bgr[y0:y1, x0:x1]
        return region, np.asarray(quad, np.float64) - [self.box[0], self.box[1]]

    def put(self, region: NDArray[Any]) -> None:
        """Write the edited region back where :meth:`around` took it from."""
        x0, y0, x1, y1 = self.box
        if self.yuv is not None:
            self.yuv.put_bgr(self.box, region)
        else:
            assert self.bgr is not None
            self.bgr[y0:y1, x0:x1] = region

    def whole_bgr(self) -> NDArray[Any]:
        """The whole frame as BGR (converted on the YUV path: use on sampled frames)."""
        if self.yuv is not None:
            return self.yuv.bgr()
        assert self.bgr is not None
        return self.bgr

    def output(self) -> NDArray[Any] | YuvFrame:
        """What the encoder takes."""
        if self.yuv is not None:
            return self.yuv
        assert self.bgr is not None
        return self.bgr

    def small_bgr(self, width: int) -> NDArray[Any]:
        """A downscaled BGR copy of the whole frame, about ``width`` wide."""
        if self.yuv is not None:
            return self.yuv.small_bgr(width)
        assert self.bgr is not None
        height = max(2, round(self.bgr.shape[0] * width / self.bgr.shape[1] / 2) * 2)
        small: NDArray[Any] = cv2.resize(self.bgr, (width, height), interpolation=cv2.INTER_AREA)
        return small
