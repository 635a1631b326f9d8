"""Helpers for the Kata tests: test data paths, generated media of known answer (synthetic
camera moves over real photos written as MP4s, ffmpeg lavfi clips)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from agency.creation.media_tools import ffmpeg_exe
from agency.kata.media.writer import FrameEncoder
from agency.kata.quality.synthetic import SyntheticSequence
from shared_data import TESTDATA  # type: ignore[import-not-found]

DATA = TESTDATA
DESK = DATA / "video-frames/desk-pan-cis581/frame0.png"
SCENEDETECT = DATA / "pyscenedetect"


def write_sequence(seq: SyntheticSequence, path: Path, fps: float = 30.0) -> Path:
    """Encode a synthetic sequence (near-lossless) to ``path``."""
    with FrameEncoder(path, width=seq.width, height=seq.height, fps=fps, crf=10) as enc:
        for frame in seq.frames():
            enc.write(frame)
    return path


def lavfi(path: Path, source: str, *extra: str) -> Path:
    """Render an ffmpeg lavfi source to ``path``."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", source]
    subprocess.run([*cmd, *extra, str(path)], check=True, timeout=60)
    return path
