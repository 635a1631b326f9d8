"""Video engine: a timeline of clips, text, captions and audio rendered by one ffmpeg graph."""

from .captions import cues_from_script, parse_captions, to_srt, to_vtt
from .render import RenderResult, render_timeline
from .timeline import (
    MAX_TIMELINE_SECONDS,
    PLATFORM_SIZES,
    AudioTrack,
    CaptionCue,
    Captions,
    ColorClip,
    ImageClip,
    TextOverlay,
    TextStyle,
    Timeline,
    Transition,
    VideoClip,
    load_timeline,
)

__all__ = [
    "MAX_TIMELINE_SECONDS",
    "PLATFORM_SIZES",
    "AudioTrack",
    "CaptionCue",
    "Captions",
    "ColorClip",
    "ImageClip",
    "RenderResult",
    "TextOverlay",
    "TextStyle",
    "Timeline",
    "Transition",
    "VideoClip",
    "cues_from_script",
    "load_timeline",
    "parse_captions",
    "render_timeline",
    "to_srt",
    "to_vtt",
]
