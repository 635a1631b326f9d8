"""Render a :class:`Timeline` to a platform-ready MP4 in one ffmpeg pass.

H.264 High, yuv420p, ``+faststart``; AAC 48 kHz stereo normalised to the timeline's
loudness target with a measured two-pass loudnorm (pass 1 reads only the audio, so
the picture is still encoded once). Captions are burned in and written as SRT and
WebVTT sidecars. The result is probed, not assumed.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from agency.core.artifacts import Artifact
from agency.core.errors import InputError
from agency.creation.audio.mix import (
    check_tracks,
    loudnorm_filter,
    measure_loudnorm,
    mix_graph,
    normalization_type,
    track_input_args,
)
from agency.creation.audio.tracks import AudioTrack
from agency.creation.fonts import font_for_text
from agency.creation.media_tools import (
    Loudness,
    MediaInfo,
    atomic_output,
    check_av_source,
    check_exists,
    check_image,
    has_audio,
    is_faststart,
    measure_loudness,
    probe_media,
    run_ffmpeg,
    write_text_atomic,
)

from .captions import to_srt, to_vtt
from .graph import build_plan
from .timeline import ImageClip, Timeline, VideoClip


class RenderResult(Artifact):
    """A rendered video, its caption sidecars and what probing it found."""

    path: Path
    srt_path: Path | None
    vtt_path: Path | None
    duration_s: float
    info: MediaInfo
    faststart: bool
    loudness: Loudness | None
    normalization: str
    elapsed_s: float


def check_sources(tl: Timeline) -> None:
    """Refuse missing, corrupt, oversized or over-long sources before ffmpeg starts."""
    for i, clip in enumerate(tl.clips):
        field = f"clips[{i}].source"
        if isinstance(clip, ImageClip):
            check_image(clip.source, field=field)
        elif isinstance(clip, VideoClip):
            length = check_av_source(clip.source, field=field, kind="video")
            if length and clip.start_s >= length:
                raise InputError(
                    f"clips[{i}] starts at {clip.start_s:g} s but the video lasts {length:.1f} s.",
                    field=f"clips[{i}].start_s",
                    fix="Start the clip inside the video.",
                )
    check_tracks(tl.audio)


def clip_audio_tracks(tl: Timeline) -> list[AudioTrack]:
    """The own sound of video clips that asked for it (and have a sound track)."""
    tracks = []
    for clip, (start, _) in zip(tl.clips, tl.clip_frames(), strict=True):
        if (
            isinstance(clip, VideoClip)
            and clip.audio_gain_db is not None
            and has_audio(clip.source)
        ):
            tracks.append(
                AudioTrack(
                    source=clip.source, role="music", start_s=start / tl.fps,
                    source_start_s=clip.start_s, duration_s=clip.duration_s,
                    gain_db=clip.audio_gain_db, fade_in_s=0.05, fade_out_s=0.0,
                )
            )  # fmt: skip
    return tracks


def resolve_fonts(tl: Timeline) -> dict[str, Path]:
    """A font for every overlay and caption that can draw all of its characters."""
    fonts: dict[str, Path] = {}
    for i, ov in enumerate(tl.overlays):
        if ov.style.font:
            check_exists(ov.style.font, field=f"overlays[{i}].style.font")
        fonts[f"overlay{i}"] = font_for_text(
            ov.text, preferred=ov.style.font, field=f"overlays[{i}].text"
        )
    style_font = tl.captions.style.font
    if style_font:
        check_exists(style_font, field="captions.style.font")
    for i, cue in enumerate(tl.captions.cues):
        fonts[f"cue{i}"] = font_for_text(
            cue.text, preferred=style_font, field=f"captions.cues[{i}].text"
        )
    return fonts


def _link_fonts(fonts: dict[str, Path], workdir: Path) -> dict[str, Path]:
    """Symlink fonts under simple names so no path needs filter-graph escaping."""
    linked: dict[Path, Path] = {}
    for path in set(fonts.values()):
        link = workdir / f"font{len(linked)}{path.suffix.lower()}"
        link.symlink_to(path.resolve())
        linked[path] = link
    return {key: linked[path] for key, path in fonts.items()}


def render_timeline(
    timeline: Timeline,
    out: Path,
    *,
    timeout_s: float | None = None,
    preset: str = "veryfast",
    crf: int = 21,
) -> RenderResult:
    """Render ``timeline`` to ``out`` (MP4) plus ``.srt``/``.vtt`` sidecars when it has cues."""
    started = time.monotonic()
    out = Path(out)
    check_sources(timeline)
    fonts = resolve_fonts(timeline)
    limit = timeout_s or max(120.0, 15.0 * timeline.duration_s)
    with tempfile.TemporaryDirectory(prefix="agency-render-") as tmp:
        workdir = Path(tmp)
        fonts = _link_fonts(fonts, workdir)
        tail, normalization = "aresample=48000", "none"
        tracks = [*timeline.audio, *clip_audio_tracks(timeline)]
        if tracks:
            audio_args = [a for tr in tracks for a in track_input_args(tr)]
            frames = sum(timeline.clip_frames()[-1])
            graph = mix_graph(list(enumerate(tracks)), frames / timeline.fps, "mix")
            measured = measure_loudnorm(
                audio_args, graph, "mix", target_lufs=timeline.loudness_lufs, timeout_s=limit
            )
            tail = loudnorm_filter(
                measured, target_lufs=timeline.loudness_lufs, true_peak_dbtp=timeline.true_peak_dbtp
            )
        plan = build_plan(timeline, fonts=fonts, workdir=workdir, tracks=tracks, audio_tail=tail)
        with atomic_output(out) as part:
            proc = run_ffmpeg(
                [*plan.input_args, "-filter_complex", ";".join(plan.parts),
                 "-map", "[vout]", "-map", "[aout]",
                 "-c:v", "libx264", "-profile:v", "high", "-preset", preset, "-crf", str(crf),
                 "-x264-params", "cabac=1:8x8dct=1",  # High profile even on the fastest presets
                 "-pix_fmt", "yuv420p", "-r", str(timeline.fps), "-g", str(2 * timeline.fps),
                 "-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2",
                 "-t", f"{plan.duration_s:.6f}", "-movflags", "+faststart", "-f", "mp4", str(part)],
                timeout_s=limit,
                what="video render",
            )  # fmt: skip
        if tracks:
            normalization = normalization_type(proc.stderr)
    srt = vtt = None
    if timeline.captions.cues:
        srt = write_text_atomic(out.with_suffix(".srt"), to_srt(timeline.captions.cues))
        vtt = write_text_atomic(out.with_suffix(".vtt"), to_vtt(timeline.captions.cues))
    return RenderResult(
        path=out,
        srt_path=srt,
        vtt_path=vtt,
        duration_s=plan.duration_s,
        info=probe_media(out),
        faststart=is_faststart(out),
        loudness=measure_loudness(out, timeout_s=limit) if tracks else None,
        normalization=normalization,
        elapsed_s=round(time.monotonic() - started, 3),
    )
