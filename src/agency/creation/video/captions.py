"""Captions: cue timing from a script, SRT/WebVTT sidecars, and line wrapping for burn-in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from .timeline import CaptionCue


def cues_from_script(
    text: str, duration_s: float, *, start_s: float = 0.0, max_chars: int = 42
) -> list[CaptionCue]:
    """Split a voice-over script into cues of at most ``max_chars``, timed by length.

    Each cue gets a share of ``duration_s`` proportional to its characters, which
    tracks steady speech closely enough for social captions.
    """
    chunks: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        line = ""
        for word in sentence.split():
            if line and len(line) + 1 + len(word) > max_chars:
                chunks.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        if line:
            chunks.append(line)
    if not chunks:
        return []
    total = sum(len(c) for c in chunks)
    cues, t = [], start_s
    for chunk in chunks:
        length = duration_s * len(chunk) / total
        cues.append(CaptionCue(start_s=round(t, 3), end_s=round(t + length, 3), text=chunk))
        t += length
    return cues


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: Sequence[CaptionCue]) -> str:
    """SubRip text for ``cues``."""
    blocks = [
        f"{i}\n{_stamp(c.start_s, ',')} --> {_stamp(c.end_s, ',')}\n{c.text}\n"
        for i, c in enumerate(cues, 1)
    ]
    return "\n".join(blocks)


def to_vtt(cues: Sequence[CaptionCue]) -> str:
    """WebVTT text for ``cues``."""
    blocks = [f"{_stamp(c.start_s, '.')} --> {_stamp(c.end_s, '.')}\n{c.text}\n" for c in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)


_TIMING = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{3})\s+-->\s+(\d+):(\d\d):(\d\d)[,.](\d{3})")


def parse_captions(text: str) -> list[CaptionCue]:
    """Read cues back from SRT or WebVTT text."""
    cues: list[CaptionCue] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = block.splitlines()
        for k, line in enumerate(lines):
            match = _TIMING.search(line)
            if match:
                g = [int(x) for x in match.groups()]
                start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
                end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
                body = "\n".join(lines[k + 1 :]).strip()
                if body:
                    cues.append(CaptionCue(start_s=start, end_s=end, text=body))
                break
    return cues


@lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def wrap_lines(text: str, *, font: Path, size_px: int, max_width_px: int) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width_px`` in ``font`` at ``size_px``."""
    face = _font(Path(font), size_px)
    lines: list[str] = []
    for paragraph in text.splitlines() or [text]:
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if line and face.getlength(trial) > max_width_px:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
    return lines
