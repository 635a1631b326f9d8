"""Offline image-to-video: a still animated with ffmpeg's zoompan (Ken Burns).

The motion comes from the prompt ("zoom out", "pan left", "pan right"; zoom in
otherwise). ffmpeg is imageio-ffmpeg's bundled static binary, or ``ffmpeg`` on
PATH; every run has a timeout.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from agency.core import InputError, ProviderError
from agency.providers.base import VideoRequest, VideoResult, prompt_hash

ZOOM = 0.25  # how far the zoom travels over the clip


def find_ffmpeg() -> str | None:
    """imageio-ffmpeg's bundled ffmpeg, else one on PATH, else None."""
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        return shutil.which("ffmpeg")


def _even(value: int) -> int:
    return max(16, value - value % 2)


def motion_filter(prompt: str, frames: int, width: int, height: int, fps: int) -> str:
    """The zoompan filter for the motion the prompt asks for."""
    words = prompt.lower()
    t = f"on/{max(1, frames - 1)}"
    centre_x, centre_y = "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"
    if "zoom out" in words or "pull back" in words:
        zoom, x, y = f"{1 + ZOOM}-{ZOOM}*{t}", centre_x, centre_y
    elif "pan left" in words:
        zoom, x, y = f"{1 + ZOOM}", f"(iw-iw/zoom)*(1-{t})", centre_y
    elif "pan right" in words or "pan" in words:
        zoom, x, y = f"{1 + ZOOM}", f"(iw-iw/zoom)*{t}", centre_y
    else:
        zoom, x, y = f"1+{ZOOM}*{t}", centre_x, centre_y
    # Upscale first: zoompan rounds to whole pixels, which jitters at output size.
    return (
        f"scale={width * 2}:{height * 2}:force_original_aspect_ratio=increase,"
        f"crop={width * 2}:{height * 2},"
        f"zoompan=z='{zoom}':x='{x}':y='{y}':d=1:s={width}x{height}:fps={fps},"
        "format=yuv420p"
    )


class FfmpegVideoProvider:
    """VideoProvider that animates a still with zoompan into an H.264 MP4."""

    name = "ffmpeg-zoompan"
    model = "zoompan-1"

    def __init__(self, *, ffmpeg: str | None = None, timeout_s: float = 300.0) -> None:
        self._ffmpeg = ffmpeg
        self._timeout_s = timeout_s

    def _exe(self) -> str:
        exe = self._ffmpeg or find_ffmpeg()
        if not exe:
            raise ProviderError(
                "No ffmpeg found. Fix: pip install imageio-ffmpeg==0.8.1 "
                "or apt-get install ffmpeg.",
                provider=self.name,
            )
        return exe

    def animate(self, request: VideoRequest) -> VideoResult:
        """An MP4 of ``duration_s`` seconds moving over the still."""
        try:
            still = Image.open(io.BytesIO(request.image))
            still.load()
        except (UnidentifiedImageError, OSError) as exc:
            raise InputError(
                "The image is not a readable picture.", field="image", fix="send PNG or JPEG bytes"
            ) from exc
        width = _even(request.width or min(still.width, 1920))
        height = _even(request.height or round(width * still.height / still.width))
        frames = max(1, round(request.duration_s * request.fps))
        vf = motion_filter(request.prompt, frames, width, height, request.fps)
        with tempfile.TemporaryDirectory(prefix="agency-video-") as tmp:
            src, out = Path(tmp) / "still.png", Path(tmp) / "out.mp4"
            still.convert("RGB").save(src)
            cmd = [
                self._exe(), "-hide_banner", "-loglevel", "error", "-y",
                "-loop", "1", "-framerate", str(request.fps), "-i", str(src),
                "-vf", vf, "-frames:v", str(frames), "-r", str(request.fps),
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
                "-movflags", "+faststart", str(out),
            ]  # fmt: skip
            try:
                done = subprocess.run(cmd, capture_output=True, timeout=self._timeout_s)
            except subprocess.TimeoutExpired as exc:
                raise ProviderError(
                    f"ffmpeg took over {self._timeout_s:.0f} s; use a shorter or smaller clip.",
                    provider=self.name,
                    retryable=True,
                ) from exc
            if done.returncode != 0 or not out.exists():
                err = done.stderr.decode("utf-8", "replace").strip()[-2000:]
                raise ProviderError(f"ffmpeg failed: {err}", provider=self.name, body=err)
            data = out.read_bytes()
        return VideoResult(
            mp4=data,
            width=width,
            height=height,
            duration_s=frames / request.fps,
            provider=self.name,
            model=self.model,
            prompt_hash=prompt_hash(request.prompt),
            seed=request.seed,
        )
