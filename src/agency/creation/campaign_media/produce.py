"""Render the planned creatives: designs for images, timelines for videos."""

from __future__ import annotations

import re
import tempfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import Field

from agency.core.artifacts import Artifact
from agency.creation.audio import MusicSpec, make_music_bed
from agency.creation.audio.music import Mood
from agency.creation.audio.tracks import AudioTrack
from agency.creation.campaign_media.plan import Creative
from agency.creation.credentials import SigningIdentity, sign_media
from agency.creation.image import render_design
from agency.creation.video import (
    Captions,
    ImageClip,
    Timeline,
    Transition,
    cues_from_script,
    render_timeline,
)
from agency.providers import VoiceProvider, VoiceRequest

MAX_SCRIPT_WORDS = 32


class BrandLook(Artifact):
    """What every creative is drawn with."""

    palette: list[str] = Field(default_factory=list)
    fonts: list[str] = Field(default_factory=list)
    logo: bytes | None = None
    product_image: bytes | None = None


class CreativeCopy(Artifact):
    """The words of one territory's creatives."""

    headline: str
    body: str = ""
    cta: str = "Shop now"
    script: str = Field(description="Voice-over for the video.")
    mood: str = Field(default="", description="The territory's tone; picks the music mood.")


class MediaItem(Artifact):
    """A rendered creative: where it is and what made it."""

    key: str
    kind: str
    territory: str
    format: str
    path: str
    width: int
    height: int
    duration_s: float | None = None
    slot_ids: list[str] = Field(default_factory=list)
    sidecars: list[str] = Field(default_factory=list)
    provenance: dict[str, Any] = Field(default_factory=dict)


_MOODS: dict[str, Mood] = {
    "warm": "calm",
    "bold": "upbeat",
    "witty": "playful",
    "plain": "corporate",
    "playful": "playful",
}


def _mood(tone: str) -> Mood:
    """A music mood for a territory's tone of voice."""
    tone = tone.lower()
    for word, mood in _MOODS.items():
        if word in tone:
            return mood
    return "calm"


def short_script(text: str, max_words: int = MAX_SCRIPT_WORDS) -> str:
    """A speakable script: no links, hashtags or markers, cut at a sentence near the limit."""
    text = re.sub(r"https?://\S+|#\w+|\[\d+\]", "", text)
    text = " ".join(text.split())
    words = text.split()
    if len(words) <= max_words:
        return text
    cut = " ".join(words[:max_words])
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if end > 40:
        return cut[: end + 1]
    clause = max(cut.rfind(", "), cut.rfind(": "), cut.rfind("; "))
    if clause > 40:
        cut = cut[:clause]
    kept = cut.split()
    while kept and kept[-1].lower().strip(",;:") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(",;:") + "."


_DANGLING = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)


def _image(creative: Creative, copy: CreativeCopy, look: BrandLook, out: Path) -> MediaItem:
    rendered = render_design(
        creative.format,
        headline=copy.headline,
        body=copy.body or None,
        cta=copy.cta,
        product_image=look.product_image,
        logo=look.logo,
        palette=look.palette or None,
        fonts=look.fonts or None,
        seed=zlib.crc32(creative.key.encode()) % 10_000,
    )
    path = out / f"{creative.key}.png"
    path.write_bytes(rendered.png)
    return MediaItem(
        key=creative.key,
        kind="image",
        territory=creative.territory,
        format=creative.format,
        path=str(path),
        width=rendered.width,
        height=rendered.height,
        slot_ids=creative.slot_ids,
        provenance={"provider": "offline-designer", "stage": "creation.image"},
    )


def _video(
    creative: Creative,
    copy: CreativeCopy,
    look: BrandLook,
    out: Path,
    voice: VoiceProvider,
) -> MediaItem:
    with tempfile.TemporaryDirectory(prefix="agency-media-") as tmp_dir:
        tmp = Path(tmp_dir)
        script = short_script(copy.script)
        spoken = voice.speak(VoiceRequest(text=script, language="en"))
        voice_path = tmp / "voice.wav"
        voice_path.write_bytes(spoken.wav)
        duration = round(spoken.duration_s + 1.2, 2)
        music = make_music_bed(MusicSpec(mood=_mood(copy.mood)), tmp / "music.wav")
        stills = []
        for index, template in enumerate(("story", "story")):
            design = render_design(
                template,
                headline=copy.headline if index == 0 else copy.cta,
                body=(copy.body or None) if index == 0 else None,
                cta=copy.cta if index == 0 else None,
                product_image=look.product_image,
                logo=look.logo,
                palette=look.palette or None,
                fonts=look.fonts or None,
                seed=index + 1,
            )
            still = tmp / f"still-{index}.png"
            still.write_bytes(design.png)
            stills.append(still)
        half = round(duration / 2 + 0.25, 2)
        timeline = Timeline.for_platform(
            "reel",
            clips=[
                ImageClip(source=stills[0], duration_s=half, motion="zoom_in"),
                ImageClip(
                    source=stills[1],
                    duration_s=half,
                    motion="zoom_out",
                    transition=Transition(kind="fade", duration_s=0.5),
                ),
            ],
            captions=Captions(cues=cues_from_script(script, spoken.duration_s, start_s=0.4)),
            audio=[
                AudioTrack(source=voice_path, role="voice", start_s=0.4),
                AudioTrack(source=music.path, role="music", loop=True, gain_db=-8, fade_out_s=1.0),
            ],
        )
        path = out / f"{creative.key}.mp4"
        result = render_timeline(timeline, path)
    return MediaItem(
        key=creative.key,
        kind="video",
        territory=creative.territory,
        format="reel",
        path=str(path),
        width=result.info.width or timeline.width,
        height=result.info.height or timeline.height,
        duration_s=result.duration_s,
        slot_ids=creative.slot_ids,
        sidecars=[str(p) for p in (result.srt_path, result.vtt_path) if p is not None],
        provenance={
            "provider": "ffmpeg-timeline",
            "voice": spoken.provider,
            "voice_model": spoken.model,
            "music": "synthesized",
            "stage": "creation.video",
        },
    )


def produce_creatives(
    creatives: Sequence[Creative],
    *,
    copy_for: Callable[[str], CreativeCopy],
    look: BrandLook,
    out_dir: Path,
    voice: VoiceProvider,
    on_progress: Callable[[str, float], None] | None = None,
    credentials: SigningIdentity | None = None,
) -> list[MediaItem]:
    """Render every creative into ``out_dir``; ``copy_for(territory)`` gives its words.

    With ``credentials`` every file carries C2PA content credentials that say it was
    made by software: ``algorithmicMedia`` for designs, ``trainedAlgorithmicMedia`` for
    videos (their voice-over is a neural TTS model).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    items = []
    for index, creative in enumerate(creatives):
        copy = copy_for(creative.territory)
        if creative.kind == "video":
            item = _video(creative, copy, look, out_dir, voice)
            source_type = "trainedAlgorithmicMedia"
        else:
            item = _image(creative, copy, look, out_dir)
            source_type = "algorithmicMedia"
        if credentials is not None:
            path = Path(item.path)
            sign_media(
                path,
                path,
                identity=credentials,
                title=f"{copy.headline} ({creative.format})",
                digital_source_type=source_type,
            )
            item = item.model_copy(update={"provenance": {**item.provenance, "c2pa": source_type}})
        items.append(item)
        if on_progress:
            on_progress(creative.key, (index + 1) / len(creatives))
    return items
