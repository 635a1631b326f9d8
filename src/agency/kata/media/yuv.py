"""Frames kept as decoded (planar YUV 4:2:0); only the region around the insert becomes BGR.

A plain re-encode never converts pixels to RGB. Compositing only changes the pixels
around the product, so the renderer takes the frame as the decoder gives it, converts
just that region to BGR and back, and pipes YUV to the encoder: everything outside the
region passes through bit for bit, and the full-frame colour conversions (one in the
decoder's scaler, one in the encoder's) and half of the pipe traffic are gone.

Conversions use OpenCV's I420 routines (BT.601, limited range) in both directions, the
same matrix the BGR path used through swscale's defaults, so a region's round trip is
consistent with the pixels around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import av
import cv2
import numpy as np
from numpy.typing import NDArray

Box = tuple[int, int, int, int]
"""(x0, y0, x1, y1) in luma pixels, end exclusive."""


@dataclass
class YuvFrame:
    """A 4:2:0 frame as three planes (uint8): ``y`` (h × w), ``u`` and ``v`` (h/2 × w/2)."""

    y: NDArray[Any]
    u: NDArray[Any]
    v: NDArray[Any]

    @classmethod
    def from_av(cls, frame: av.VideoFrame) -> YuvFrame:
        """Copy the planes out of a decoded frame (converted if it is not yuv420p)."""
        if frame.format.name != "yuv420p":
            frame = frame.reformat(format="yuv420p")
        planes = []
        for plane in frame.planes:
            rows = np.frombuffer(memoryview(plane), np.uint8)  # type: ignore[arg-type]
            rows = rows.reshape(plane.height, plane.line_size)
            # Always a copy: the decoder may still reference this buffer (a reference
            # frame for the next ones), and the renderer writes into the planes.
            planes.append(np.array(rows[:, : plane.width], copy=True))
        return cls(planes[0], planes[1], planes[2])

    @property
    def width(self) -> int:
        """Luma width."""
        return int(self.y.shape[1])

    @property
    def height(self) -> int:
        """Luma height."""
        return int(self.y.shape[0])

    def align(self, box: Box) -> Box:
        """``box`` grown to 4:2:0 block bounds (x even, y and height multiples of 4) and
        clipped to the frame; empty when it misses the frame."""
        x0, y0, x1, y1 = box
        x0, y0 = max(0, x0 - x0 % 2), max(0, y0 - y0 % 4)
        x1 = min(self.width, x1 + x1 % 2)
        y1 = min(self.height, y1 + (-y1) % 4)
        x1 -= (x1 - x0) % 2
        y1 -= (y1 - y0) % 4
        return (x0, y0, max(x0, x1), max(y0, y1))

    def to_bgr(self, box: Box) -> NDArray[Any]:
        """The aligned ``box`` (see :meth:`align`) as a BGR uint8 image."""
        x0, y0, x1, y1 = box
        w, h = x1 - x0, y1 - y0
        packed = np.empty((h * 3 // 2, w), np.uint8)
        packed[:h] = self.y[y0:y1, x0:x1]
        cy0, cy1, cx0, cx1 = y0 // 2, y1 // 2, x0 // 2, x1 // 2
        packed[h : h + h // 4] = self.u[cy0:cy1, cx0:cx1].reshape(h // 4, w)
        packed[h + h // 4 :] = self.v[cy0:cy1, cx0:cx1].reshape(h // 4, w)
        bgr: NDArray[Any] = cv2.cvtColor(packed, cv2.COLOR_YUV2BGR_I420)
        return bgr

    def put_bgr(self, box: Box, bgr: NDArray[Any]) -> None:
        """Write a BGR image back into the aligned ``box``."""
        x0, y0, x1, y1 = box
        w, h = x1 - x0, y1 - y0
        packed = cv2.cvtColor(np.ascontiguousarray(bgr), cv2.COLOR_BGR2YUV_I420)
        self.y[y0:y1, x0:x1] = packed[:h]
        cy0, cy1, cx0, cx1 = y0 // 2, y1 // 2, x0 // 2, x1 // 2
        self.u[cy0:cy1, cx0:cx1] = packed[h : h + h // 4].reshape(h // 2, w // 2)
        self.v[cy0:cy1, cx0:cx1] = packed[h + h // 4 :].reshape(h // 2, w // 2)

    def small_bgr(self, width: int = 160) -> NDArray[Any]:
        """A downscaled BGR copy of the whole frame (for flash and overview checks).

        The planes are reduced by a whole factor (OpenCV's fast area path), so the result
        is about ``width`` wide, and converted with the BT.601 limited-range matrix.
        """
        factor = max(1, round(self.width / width))
        size = (max(1, self.width // factor), max(1, self.height // factor))
        y = cv2.resize(self.y, size, interpolation=cv2.INTER_AREA).astype(np.float32) - 16.0
        u = cv2.resize(self.u, size, interpolation=cv2.INTER_AREA).astype(np.float32) - 128.0
        v = cv2.resize(self.v, size, interpolation=cv2.INTER_AREA).astype(np.float32) - 128.0
        y *= 1.164
        bgr = np.stack([y + 2.017 * u, y - 0.392 * u - 0.813 * v, y + 1.596 * v], axis=2)
        result: NDArray[Any] = np.clip(bgr + 0.5, 0, 255).astype(np.uint8)
        return result

    def bgr(self) -> NDArray[Any]:
        """The whole frame as BGR (for full-frame detectors on sampled frames)."""
        return self.to_bgr(self.align((0, 0, self.width, self.height)))

    def tobytes(self) -> bytes:
        """The frame as raw yuv420p, the layout ffmpeg's rawvideo demuxer reads."""
        return self.y.tobytes() + self.u.tobytes() + self.v.tobytes()


def supports_yuv(width: int, height: int) -> bool:
    """Whether frames of this size go through the YUV path (even width, height a multiple
    of 4: whole 4:2:0 blocks everywhere)."""
    return width % 2 == 0 and height % 4 == 0
