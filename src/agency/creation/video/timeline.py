"""The video timeline: media edits as frozen data.

A :class:`Timeline` lists clips (stills with Ken Burns motion, video, solid colour)
joined by cuts or xfade transitions, text overlays, captions and audio tracks. It is
loadable from JSON (:func:`load_timeline`) and rendered by one function
(:func:`agency.creation.video.render_timeline`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agency.core.errors import InputError
from agency.creation.audio.tracks import AudioTrack

MAX_TIMELINE_SECONDS = 600.0
"""Longest timeline rendered (10 minutes); longer edits are refused before ffmpeg starts."""

PLATFORM_SIZES: dict[str, tuple[int, int]] = {
    "reel": (1080, 1920),  # Instagram Reels, TikTok, YouTube Shorts (9:16)
    "square": (1080, 1080),  # feed posts (1:1)
    "landscape": (1920, 1080),  # YouTube, LinkedIn, X (16:9)
}

TransitionKind = Literal[
    "fade", "fadeblack", "fadewhite", "dissolve", "wipeleft", "wiperight", "wipeup",
    "wipedown", "slideleft", "slideright", "slideup", "slidedown", "smoothleft",
    "smoothright", "smoothup", "smoothdown", "circleopen", "circleclose", "radial",
    "pixelize", "zoomin", "hblur",
]  # fmt: skip
Motion = Literal["none", "zoom_in", "zoom_out", "pan_left", "pan_right", "pan_up", "pan_down"]
Position = Literal["top", "center", "bottom"]

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
Color = Annotated[str, Field(pattern=_COLOR.pattern, examples=["#1A2B3C"])]
Seconds = Annotated[float, Field(gt=0, le=MAX_TIMELINE_SECONDS)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Transition(_Model):
    """An xfade into a clip from the one before it."""

    kind: TransitionKind = "fade"
    duration_s: Annotated[float, Field(gt=0, le=5)] = 0.5


class ImageClip(_Model):
    """A still image, optionally moving (Ken Burns zoom or pan)."""

    kind: Literal["image"] = "image"
    source: Path
    duration_s: Seconds
    motion: Motion = "zoom_in"
    motion_amount: Annotated[float, Field(ge=0, le=0.5)] = 0.12
    fit: Literal["cover", "contain"] = "cover"
    transition: Transition | None = None


class VideoClip(_Model):
    """A section of a video file, from ``start_s`` for ``duration_s``.

    Its own sound is muted unless ``audio_gain_db`` is set; then it plays under any
    voice-over (ducked like music). A clip without a sound track simply stays silent.
    """

    kind: Literal["video"] = "video"
    source: Path
    duration_s: Seconds
    start_s: Annotated[float, Field(ge=0)] = 0.0
    fit: Literal["cover", "contain"] = "cover"
    audio_gain_db: Annotated[float, Field(ge=-60, le=24)] | None = None
    transition: Transition | None = None


class ColorClip(_Model):
    """A solid colour card (behind titles, end cards)."""

    kind: Literal["color"] = "color"
    color: Color = "#000000"
    duration_s: Seconds
    transition: Transition | None = None


Clip = Annotated[ImageClip | VideoClip | ColorClip, Field(discriminator="kind")]


class TextStyle(_Model):
    """How overlay or caption text looks; sizes are fractions of the frame height."""

    size: Annotated[float, Field(gt=0.005, le=0.3)] = 0.045
    color: Color = "#FFFFFF"
    box: bool = True
    box_color: Color = "#000000"
    box_opacity: Annotated[float, Field(ge=0, le=1)] = 0.55
    font: Path | None = None
    max_width: Annotated[float, Field(gt=0.1, le=1)] = 0.86


class TextOverlay(_Model):
    """Text shown from ``start_s`` to ``end_s`` (titles, prices, calls to action)."""

    text: Annotated[str, Field(min_length=1, max_length=500)]
    start_s: Annotated[float, Field(ge=0)]
    end_s: Annotated[float, Field(gt=0)]
    position: Position = "center"
    style: TextStyle = TextStyle(size=0.06, box=False)
    fade_s: Annotated[float, Field(ge=0, le=2)] = 0.25
    animation: Literal["fade", "slide_up"] = "fade"
    """``slide_up`` also rises into place (by 6 % of the height) while fading in."""

    @model_validator(mode="after")
    def _ordered(self) -> TextOverlay:
        if self.end_s <= self.start_s:
            raise ValueError("end_s must be after start_s")
        return self


class CaptionCue(_Model):
    """One caption: the words spoken between ``start_s`` and ``end_s``."""

    start_s: Annotated[float, Field(ge=0)]
    end_s: Annotated[float, Field(gt=0)]
    text: Annotated[str, Field(min_length=1, max_length=300)]

    @model_validator(mode="after")
    def _ordered(self) -> CaptionCue:
        if self.end_s <= self.start_s:
            raise ValueError("end_s must be after start_s")
        return self


class Captions(_Model):
    """Cues burned into the picture (if ``burn``) and always written as SRT/VTT sidecars."""

    cues: list[CaptionCue] = Field(default_factory=list)
    burn: bool = True
    style: TextStyle = TextStyle()


class Timeline(_Model):
    """A whole edit: output size and rate, clips, text, captions and audio."""

    width: Annotated[int, Field(ge=64, le=4096, multiple_of=2)] = 1080
    height: Annotated[int, Field(ge=64, le=4096, multiple_of=2)] = 1920
    fps: Annotated[int, Field(ge=1, le=60)] = 30
    background: Color = "#000000"
    clips: Annotated[list[Clip], Field(min_length=1, max_length=200)]
    overlays: list[TextOverlay] = Field(default_factory=list)
    captions: Captions = Captions()
    audio: list[AudioTrack] = Field(default_factory=list)
    loudness_lufs: Annotated[float, Field(ge=-31, le=-5)] = -14.0
    true_peak_dbtp: Annotated[float, Field(ge=-9, le=0)] = -1.0

    @classmethod
    def for_platform(cls, platform: str, **fields: object) -> Timeline:
        """A timeline sized for ``reel`` (1080×1920), ``square`` or ``landscape``."""
        if platform not in PLATFORM_SIZES:
            raise InputError(
                f"Unknown platform preset {platform!r}.",
                field="platform",
                fix=f"Use one of {', '.join(PLATFORM_SIZES)}.",
            )
        width, height = PLATFORM_SIZES[platform]
        return cls.model_validate({"width": width, "height": height, **fields})

    @property
    def duration_s(self) -> float:
        """Length of the rendered video (clip durations less transition overlaps)."""
        total = sum(c.duration_s for c in self.clips)
        overlap = sum(c.transition.duration_s for c in self.clips[1:] if c.transition)
        return round(total - overlap, 6)

    def clip_frames(self) -> list[tuple[int, int]]:
        """``(first frame on the timeline, frame count)`` of every clip."""
        spans, end = [], 0
        for i, clip in enumerate(self.clips):
            n = max(1, round(clip.duration_s * self.fps))
            overlap = round(clip.transition.duration_s * self.fps) if clip.transition else 0
            start = end - max(1, overlap) if i and clip.transition else end
            spans.append((start, n))
            end = start + n
        return spans

    @model_validator(mode="after")
    def _consistent(self) -> Timeline:
        if self.clips[0].transition is not None:
            raise ValueError("clips[0].transition: the first clip has nothing to transition from")
        for i in range(1, len(self.clips)):
            tr = self.clips[i].transition
            if tr and tr.duration_s >= min(self.clips[i - 1].duration_s, self.clips[i].duration_s):
                raise ValueError(
                    f"clips[{i}].transition: {tr.duration_s:g} s must be shorter than both clips"
                )
        for i, clip in enumerate(self.clips):
            t_in = clip.transition.duration_s if clip.transition else 0.0
            nxt = self.clips[i + 1].transition if i + 1 < len(self.clips) else None
            t_out = nxt.duration_s if nxt else 0.0
            if t_in + t_out > clip.duration_s - 2 / self.fps:
                raise ValueError(
                    f"clips[{i}].duration_s: {clip.duration_s:g} s is too short for its "
                    f"transitions ({t_in:g} s in, {t_out:g} s out)"
                )
        total = self.duration_s
        if total > MAX_TIMELINE_SECONDS:
            raise ValueError(f"timeline lasts {total:g} s; the limit is {MAX_TIMELINE_SECONDS:g} s")
        return self


def load_timeline(data: str | bytes | dict[str, object]) -> Timeline:
    """Parse a timeline from JSON (or a dict), turning validation errors into an InputError."""
    try:
        if isinstance(data, dict):
            return Timeline.model_validate(data)
        return Timeline.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        named = re.match(r"(?:Value error, )?(\w+\[\d+\]\.\w+|timeline):", first["msg"])
        where = where or (named.group(1) if named else "timeline")
        raise InputError(
            f"Invalid timeline at {where}: {first['msg']}.",
            field=where,
            fix="Correct that field; see agency.creation.video.Timeline for the schema.",
        ) from exc
