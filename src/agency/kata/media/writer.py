"""Stream raw BGR frames into ffmpeg (libx264) and carry the source's audio over.

Frames go through a pipe, never through temporary images; the output appears at its
final path only when ffmpeg finished cleanly (``atomic_output``).
"""

from __future__ import annotations

import subprocess
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from agency.core.errors import ProviderError
from agency.creation.media_tools import atomic_output, ffmpeg_exe

from .yuv import YuvFrame

_COPYABLE_AUDIO = {"aac", "mp3", "alac", "ac3"}


class FrameEncoder:
    """Context manager that encodes frames written with :meth:`write` to ``out``."""

    def __init__(
        self,
        out: Path,
        *,
        width: int,
        height: int,
        fps: float,
        audio_from: Path | None = None,
        audio_codec: str | None = None,
        crf: int = 18,
        preset: str = "veryfast",
        rotation: float = 0.0,
        sample_aspect: tuple[int, int] | None = None,
        pixel_format: str = "bgr24",
    ) -> None:
        self.out = Path(out)
        self.width, self.height, self.fps = width, height, fps
        self.audio_from, self.audio_codec = audio_from, audio_codec
        self.crf, self.preset = crf, preset
        self.rotation, self.sample_aspect = rotation, sample_aspect
        if pixel_format not in ("bgr24", "yuv420p"):
            raise ValueError("pixel_format must be bgr24 or yuv420p")
        self.pixel_format = pixel_format
        self.frames = 0
        self._stack = ExitStack()
        self._proc: subprocess.Popen[bytes] | None = None

    def _command(self, target: Path) -> list[str]:
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
        cmd += ["-f", "rawvideo", "-pix_fmt", self.pixel_format]
        cmd += ["-s", f"{self.width}x{self.height}"]
        cmd += ["-r", f"{self.fps:.6f}"]
        if self.rotation:
            # Keep the frames coded as they are and let players rotate, like the source.
            cmd += ["-noautorotate", "-display_rotation", f"{self.rotation:g}"]
        cmd += ["-i", "-"]
        if self.audio_from and self.audio_codec:
            cmd += ["-i", str(self.audio_from), "-map", "0:v:0", "-map", "1:a:0"]
            cmd += ["-c:a", "copy"] if self.audio_codec in _COPYABLE_AUDIO else ["-c:a", "aac"]
        even = "scale=trunc(iw/2)*2:trunc(ih/2)*2"
        if self.sample_aspect:
            even += f",setsar={self.sample_aspect[0]}/{self.sample_aspect[1]}"
        cmd += ["-vf", even, "-c:v", "libx264", "-preset", self.preset, "-crf", str(self.crf)]
        cmd += ["-pix_fmt", "yuv420p", "-movflags", "+faststart", "-shortest", str(target)]
        return cmd

    def __enter__(self) -> FrameEncoder:
        target = self._stack.enter_context(atomic_output(self.out))
        self._proc = subprocess.Popen(
            self._command(target), stdin=subprocess.PIPE, stderr=subprocess.PIPE
        )
        return self

    def write(self, frame: NDArray[Any] | YuvFrame) -> None:
        """Encode one frame of the declared size: a BGR array (``bgr24``) or a
        :class:`YuvFrame` (``yuv420p``)."""
        if self._proc is None or self._proc.stdin is None:
            raise RuntimeError("FrameEncoder used outside its context")
        if isinstance(frame, YuvFrame):
            if self.pixel_format != "yuv420p":
                raise ValueError("this encoder takes BGR frames")
            shape: tuple[int, ...] = (frame.height, frame.width, 3)
            data = frame.tobytes()
        else:
            if self.pixel_format != "bgr24":
                raise ValueError("this encoder takes YUV frames")
            shape = frame.shape
            data = np.ascontiguousarray(frame).tobytes()
        if shape != (self.height, self.width, 3):
            raise ValueError(f"frame shape {shape} != {(self.height, self.width, 3)}")
        try:
            self._proc.stdin.write(data)
        except BrokenPipeError as exc:
            raise ProviderError(
                f"ffmpeg stopped taking frames: {self._stderr()}", provider="ffmpeg"
            ) from exc
        self.frames += 1

    def _stderr(self) -> str:
        if self._proc is None or self._proc.stderr is None:
            return ""
        return self._proc.stderr.read().decode("utf-8", "replace")[-600:]

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._finish(failed=exc_type is not None)
        except BaseException as err:
            self._stack.__exit__(type(err), err, err.__traceback__)
            raise
        self._stack.__exit__(exc_type, exc, tb)

    def _finish(self, *, failed: bool) -> None:
        proc = self._proc
        if proc is None:
            return
        if failed:
            proc.kill()
            proc.wait()
            return
        assert proc.stdin is not None
        proc.stdin.close()
        err = self._stderr()
        if proc.wait(timeout=600) != 0:
            raise ProviderError(f"ffmpeg encode failed: {err}", provider="ffmpeg")
