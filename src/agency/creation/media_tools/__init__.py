"""ffmpeg location, guarded execution, atomic outputs, input checks and probing."""

from .ffmpeg import FfmpegNotFound, atomic_output, ffmpeg_exe, run_ffmpeg, write_text_atomic
from .inputs import MAX_IMAGE_PIXELS, MAX_SOURCE_SECONDS, check_av_source, check_exists, check_image
from .probe import (
    Loudness,
    MediaInfo,
    has_audio,
    is_faststart,
    measure_loudness,
    mp4_top_level_boxes,
    probe_media,
)

__all__ = [
    "MAX_IMAGE_PIXELS",
    "MAX_SOURCE_SECONDS",
    "FfmpegNotFound",
    "Loudness",
    "MediaInfo",
    "atomic_output",
    "check_av_source",
    "check_exists",
    "check_image",
    "ffmpeg_exe",
    "has_audio",
    "is_faststart",
    "measure_loudness",
    "mp4_top_level_boxes",
    "probe_media",
    "run_ffmpeg",
    "write_text_atomic",
]
