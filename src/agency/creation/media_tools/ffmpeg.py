"""Find and run ffmpeg: one place for timeouts, error messages and atomic outputs.

ffmpeg comes from the ``imageio-ffmpeg`` package (a static build with libx264,
AAC, libass and freetype); the system's ``ffmpeg`` on PATH is the fallback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from agency.core.errors import AgencyError, ProviderError

STDERR_TAIL_CHARS = 2000


class FfmpegNotFound(AgencyError):
    """Neither the bundled nor a system ffmpeg could be found."""

    code = "ffmpeg_not_found"


@lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary: imageio-ffmpeg's bundled build, else the system's."""
    override = os.environ.get("AGENCY_FFMPEG")
    if override and Path(override).is_file():
        return override
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        pass
    system = shutil.which("ffmpeg")
    if system:
        return system
    raise FfmpegNotFound(
        "ffmpeg was not found: install the imageio-ffmpeg package or the system's ffmpeg."
    )


def _tail(text: str) -> str:
    text = text.strip()
    return text if len(text) <= STDERR_TAIL_CHARS else "…" + text[-STDERR_TAIL_CHARS:]


def run_ffmpeg(
    args: Sequence[str], *, timeout_s: float, what: str = "ffmpeg"
) -> subprocess.CompletedProcess[str]:
    """Run ffmpeg with ``args`` (without the binary), killing it after ``timeout_s``.

    Raises :class:`ProviderError` (provider ``ffmpeg``) with the tail of stderr when
    ffmpeg fails, and a retryable one when it runs past the timeout.
    """
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", *args]
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill(proc)
        out, err = proc.communicate()
        raise ProviderError(
            f"{what} ran past its {timeout_s:g} s timeout and was stopped.",
            provider="ffmpeg",
            retryable=True,
            body=_tail(err),
        ) from None
    except BaseException:
        _kill(proc)
        proc.communicate()
        raise
    if proc.returncode != 0:
        raise ProviderError(
            f"{what} failed (exit {proc.returncode}): {_tail(err)[-400:]}",
            provider="ffmpeg",
            body=_tail(err),
        )
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _kill(proc: subprocess.Popen[str]) -> None:
    """Kill ffmpeg and anything it started (it runs in its own session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


@contextmanager
def atomic_output(final: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``final``; rename it into place only on success.

    On any error the temporary file is removed, so a failed render never leaves a
    half-written asset at ``final``.
    """
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{final.stem}.", suffix=f".part{final.suffix}", dir=final.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise ProviderError(f"No output was written for {final.name}.", provider="ffmpeg")
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(final: Path, text: str) -> Path:
    """Write a small text file (captions, manifests) atomically."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", dir=final.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp_name, final)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    return final
