"""Build the one ffmpeg filter graph that renders a whole timeline.

Each clip becomes a chain sized to the output (stills move with ``zoompan``), the
chains are joined by ``xfade`` or ``concat``, text is drawn with ``drawtext`` on
the joined picture, and the audio tracks are mixed, ducked and normalised by the
audio engine's graph fragment. No frame passes through Python.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agency.creation.audio.mix import mix_graph, track_input_args
from agency.creation.audio.tracks import AudioTrack

from .captions import wrap_lines
from .timeline import ColorClip, ImageClip, TextStyle, Timeline, VideoClip

SUPERSAMPLE_PIXELS = 4_500_000
"""Stills that move are scaled to about this many pixels first, so zoompan's integer
crop steps are sub-pixel at the output size (no visible judder)."""


@dataclass
class RenderPlan:
    """ffmpeg inputs and filter graph for one timeline."""

    fps: int
    input_args: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    audio_inputs: list[tuple[int, AudioTrack]] = field(default_factory=list)
    frames: int = 0
    n_inputs: int = 0

    @property
    def duration_s(self) -> float:
        """Exact output duration (a whole number of frames)."""
        return self.frames / self.fps

    def add_input(self, args: list[str]) -> int:
        self.input_args += args
        self.n_inputs += 1
        return self.n_inputs - 1


def _hex(color: str) -> str:
    return "0x" + color.lstrip("#")


def _fit(clip: ImageClip | VideoClip, w: int, h: int, background: str) -> str:
    if clip.fit == "contain":
        return (
            f"scale={w}:{h}:force_original_aspect_ratio=decrease:out_range=tv,"
            f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color={_hex(background)}"
        )
    return f"scale={w}:{h}:force_original_aspect_ratio=increase:out_range=tv,crop={w}:{h}"


def _zoompan(clip: ImageClip, n: int, tl: Timeline) -> str:
    a, p = clip.motion_amount, f"(on/{max(1, n - 1)})"
    center_x, center_y = "(iw-iw/zoom)/2", "(ih-ih/zoom)/2"
    z, x, y = f"{1 + a:.4f}", center_x, center_y
    if clip.motion == "zoom_in":
        z = f"1+{a:.4f}*{p}"
    elif clip.motion == "zoom_out":
        z = f"1+{a:.4f}*(1-{p})"
    elif clip.motion == "pan_left":
        x = f"(iw-iw/zoom)*(1-{p})"
    elif clip.motion == "pan_right":
        x = f"(iw-iw/zoom)*{p}"
    elif clip.motion == "pan_up":
        y = f"(ih-ih/zoom)*(1-{p})"
    elif clip.motion == "pan_down":
        y = f"(ih-ih/zoom)*{p}"
    scale = max(1.0, (SUPERSAMPLE_PIXELS / (tl.width * tl.height)) ** 0.5)
    sw, sh = 2 * round(tl.width * scale / 2), 2 * round(tl.height * scale / 2)
    size = f"{tl.width}x{tl.height}"
    return (
        f"{_fit(clip, sw, sh, tl.background)},setsar=1,"
        f"zoompan=z='{z}':x='{x}':y='{y}':d={n}:s={size}:fps={tl.fps}"
    )


def _clip_chain(
    plan: RenderPlan, clip: ImageClip | VideoClip | ColorClip, n: int, tl: Timeline
) -> str:
    w, h, fps = tl.width, tl.height, tl.fps
    tail = f"format=yuv420p,settb=1/{fps},setpts=N"
    if isinstance(clip, ColorClip):
        return f"color=c={_hex(clip.color)}:s={w}x{h}:r={fps}:d={n / fps:.6f},{tail}"
    if isinstance(clip, VideoClip):
        seek = ["-ss", f"{clip.start_s:.3f}", "-t", f"{clip.duration_s + 0.5:.3f}"]
        idx = plan.add_input([*seek, "-i", str(clip.source)])
        return (
            f"[{idx}:v]fps={fps},{_fit(clip, w, h, tl.background)},setsar=1,"
            f"tpad=stop_mode=clone:stop_duration={clip.duration_s:.3f},trim=end_frame={n},{tail}"
        )
    idx = plan.add_input(["-framerate", str(fps), "-i", str(clip.source)])
    if clip.motion == "none" or clip.motion_amount == 0:
        still = f"{_fit(clip, w, h, tl.background)},setsar=1,format=yuv420p"
        return f"[{idx}:v]{still},loop=loop={n - 1}:size=1:start=0,{tail}"
    return f"[{idx}:v]{_zoompan(clip, n, tl)},{tail}"


def _drawtext(
    lines: list[str], *, style: TextStyle, font: Path, tl: Timeline, position: str,
    start: float, end: float, fade: float, workdir: Path, key: str, bottom_margin: float,
    slide: bool = False,
) -> list[str]:  # fmt: skip
    size = max(8, round(style.size * tl.height))
    line_h = round(size * 1.3)
    block = line_h * len(lines)
    if position == "top":
        y0 = round(tl.height * 0.12)
    elif position == "center":
        y0 = (tl.height - block) // 2
    else:
        y0 = round(tl.height * (1 - bottom_margin)) - block
    enable = f"between(t,{start:.3f},{end:.3f})"
    alpha = "1"
    if fade > 0:
        f = min(fade, (end - start) / 2)
        alpha = f"if(lt(t,{start + f:.3f}),(t-{start:.3f})/{f:.3f},if(gt(t,{end - f:.3f}),({end:.3f}-t)/{f:.3f},1))"  # noqa: E501
    box = (
        f":box=1:boxcolor={_hex(style.box_color)}@{style.box_opacity:g}:boxborderw={size // 4}"
        if style.box
        else f":shadowcolor=0x000000@0.6:shadowx={max(1, size // 20)}:shadowy={max(1, size // 20)}"
    )
    rise = ""
    if slide and fade > 0:  # ease-out rise into place over the fade-in
        f = min(fade, (end - start) / 2)
        rise = f"+{round(tl.height * 0.06)}*pow(1-min(1,max(0,(t-{start:.3f})/{f:.3f})),2)"
    filters = []
    for k, line in enumerate(lines):
        text_file = workdir / f"{key}_{k}.txt"
        text_file.write_text(line, encoding="utf-8")
        filters.append(
            f"drawtext=fontfile='{font}':textfile='{text_file}':expansion=none:fontsize={size}"
            f":fontcolor={_hex(style.color)}:x=(w-text_w)/2:y='{y0 + k * line_h}{rise}'{box}"
            f":enable='{enable}':alpha='{alpha}'"
        )
    return filters


def _join_clips(plan: RenderPlan, tl: Timeline, spans: list[tuple[int, int]]) -> str:
    """Join clip chains ``[c{i}]`` with cuts and transitions; return the joined label.

    xfade only works in 4:4:4, so running whole clips through it would convert every
    frame twice. Instead each clip is split into head / body / tail: only the few
    overlapping frames go through xfade, and bodies and blends are concatenated in
    4:2:0.
    """
    fps = tl.fps
    overlap = [0] * (len(spans) + 1)
    for i in range(1, len(spans)):
        overlap[i] = sum(spans[i - 1]) - spans[i][0]
    segments: list[str] = []
    for i, (_, n) in enumerate(spans):
        t_in, t_out = overlap[i], overlap[i + 1]
        pieces = [("b", f"trim=start_frame={t_in}:end_frame={n - t_out}")]
        if t_in:
            pieces.insert(0, ("h", f"trim=end_frame={t_in}"))
        if t_out:
            pieces.append(("t", f"trim=start_frame={n - t_out}"))
        if len(pieces) == 1:
            plan.parts.append(f"[c{i}]null[b{i}]")
        else:
            outs = "".join(f"[{k}{i}s]" for k, _ in pieces)
            plan.parts.append(f"[c{i}]split={len(pieces)}{outs}")
            plan.parts += [f"[{k}{i}s]{trim},setpts=PTS-STARTPTS[{k}{i}]" for k, trim in pieces]
        transition = tl.clips[i].transition
        if t_in and transition:
            plan.parts.append(
                f"[t{i - 1}][h{i}]xfade=transition={transition.kind}:duration={t_in / fps:.6f}"
                f":offset=0,format=yuv420p[x{i}]"
            )
            segments.append(f"[x{i}]")
        segments.append(f"[b{i}]")
    if len(segments) == 1:
        return segments[0]
    plan.parts.append(f"{''.join(segments)}concat=n={len(segments)}:v=1:a=0,settb=1/{fps}[joined]")
    return "[joined]"


def caption_margin(tl: Timeline) -> float:
    """Bottom margin (fraction of height) keeping captions clear of each platform's UI."""
    aspect = tl.height / tl.width
    return 0.24 if aspect > 1.3 else 0.10 if aspect > 0.9 else 0.08


def build_plan(
    tl: Timeline,
    *,
    fonts: dict[str, Path],
    workdir: Path,
    tracks: Sequence[AudioTrack],
    audio_tail: str,
) -> RenderPlan:
    """Inputs and filter graph producing ``[vout]`` and ``[aout]`` for ``tl``.

    ``fonts`` maps ``overlay{i}`` / ``cue{i}`` to the font resolved for that text;
    ``tracks`` are mixed (the timeline's audio plus any video clips' own sound) and
    ``audio_tail`` is the filter applied to the mix (pass-2 loudnorm).
    """
    plan = RenderPlan(fps=tl.fps)
    spans = tl.clip_frames()
    for i, (clip, (_, n)) in enumerate(zip(tl.clips, spans, strict=True)):
        plan.parts.append(f"{_clip_chain(plan, clip, n, tl)}[c{i}]")
    label = _join_clips(plan, tl, spans)
    plan.frames = sum(spans[-1])
    texts: list[str] = []
    for i, ov in enumerate(tl.overlays):
        font = fonts[f"overlay{i}"]
        size = max(8, round(ov.style.size * tl.height))
        lines = wrap_lines(
            ov.text, font=font, size_px=size, max_width_px=round(ov.style.max_width * tl.width)
        )
        texts += _drawtext(lines, style=ov.style, font=font, tl=tl, position=ov.position,
                           start=ov.start_s, end=ov.end_s, fade=ov.fade_s, workdir=workdir,
                           key=f"overlay{i}", bottom_margin=caption_margin(tl),
                           slide=ov.animation == "slide_up")  # fmt: skip
    if tl.captions.burn:
        style = tl.captions.style
        size = max(8, round(style.size * tl.height))
        for i, cue in enumerate(tl.captions.cues):
            font = fonts[f"cue{i}"]
            lines = wrap_lines(
                cue.text, font=font, size_px=size, max_width_px=round(style.max_width * tl.width)
            )
            texts += _drawtext(lines, style=style, font=font, tl=tl, position="bottom",
                               start=cue.start_s, end=cue.end_s, fade=0.0, workdir=workdir,
                               key=f"cue{i}", bottom_margin=caption_margin(tl))  # fmt: skip
    plan.parts.append(f"{label}{','.join([*texts, 'format=yuv420p'])}[vout]")
    duration = plan.duration_s
    for track in tracks:
        idx = plan.add_input(track_input_args(track))
        plan.audio_inputs.append((idx, track))
    plan.parts.append(mix_graph(plan.audio_inputs, duration, "mix"))
    plan.parts.append(f"[mix]{audio_tail}[aout]")
    return plan


def filter_script(plan: RenderPlan) -> str:
    """The whole graph as text (one chain per line, for logs and debugging)."""
    return f";{os.linesep}".join(plan.parts)
