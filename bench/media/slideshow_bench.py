"""Benchmark: a 30-second, 8-scene 1080×1920 slideshow with captions and music.

Renders the same edit three ways and prints wall times and ratios:

1. V3's engine (``render_timeline``: one ffmpeg filter graph, plus an audio-only
   loudness measurement pass);
2. one hand-written ffmpeg command with the same filters (zoompan, xfade, drawtext,
   music bed, single-pass loudnorm);
3. MoviePy 2 (per-frame Python compositing; install with
   ``pip install -e '.[bench]' && pip install --no-deps moviepy==2.2.1``).

Usage: ``python bench/media/slideshow_bench.py [--skip-moviepy] [--workdir DIR]``
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from agency.creation.audio import MusicSpec, make_music_bed
from agency.creation.fonts import DEFAULT_FONT
from agency.creation.media_tools import ffmpeg_exe, is_faststart, measure_loudness, probe_media
from agency.creation.video import (
    AudioTrack,
    CaptionCue,
    Captions,
    ImageClip,
    Timeline,
    Transition,
    render_timeline,
)

W, H, FPS, SCENES, FADE, TOTAL = 1080, 1920, 30, 8, 0.4, 30.0
SCENE = (TOTAL + (SCENES - 1) * FADE) / SCENES  # 4.1 s (123 frames), overlapping by the fades
CAPTIONS = [
    "Meet the new cold brew", "Steeped for eighteen hours", "Smooth, never bitter",
    "Bold single-origin beans", "Ready in the fridge", "Zero sugar added",
    "Made for busy mornings", "Order yours today",
]  # fmt: skip
MOTIONS = ["zoom_in", "pan_left", "zoom_out", "pan_right"] * 2


def make_assets(root: Path) -> tuple[list[Path], Path]:
    """Eight 1600×1200 photos-like stills and a 30 s music bed."""
    images = []
    rng = np.random.default_rng(3)
    for i in range(SCENES):
        base = rng.integers(40, 215, 3)
        y = np.linspace(0, 1, 1200)[:, None, None]
        x = np.linspace(0, 1, 1600)[None, :, None]
        arr = np.clip(base * (0.6 + 0.5 * y) + 60 * x, 0, 255).astype(np.uint8)
        img = Image.fromarray(arr)
        draw = ImageDraw.Draw(img)
        for _ in range(25):
            x0, y0 = rng.integers(0, 1500), rng.integers(0, 1100)
            draw.ellipse([x0, y0, x0 + rng.integers(30, 300), y0 + rng.integers(30, 300)],
                         fill=tuple(int(c) for c in rng.integers(0, 255, 3)))  # fmt: skip
        path = root / f"scene{i}.jpg"
        img.save(path, quality=92)
        images.append(path)
    music = make_music_bed(MusicSpec(mood="upbeat"), root / "music.wav", duration_s=TOTAL).path
    return images, music


def cue(i: int) -> tuple[float, float]:
    start = i * (SCENE - FADE) + (0.3 if i else 0.0)
    return start, min(TOTAL, start + SCENE - FADE - 0.3)


def run_engine(images: list[Path], music: Path, out: Path) -> None:
    clips = [
        ImageClip(source=p, duration_s=SCENE, motion=MOTIONS[i], motion_amount=0.12,  # type: ignore[arg-type]
                  transition=Transition(kind="fade", duration_s=FADE) if i else None)
        for i, p in enumerate(images)
    ]  # fmt: skip
    cues = [CaptionCue(start_s=cue(i)[0], end_s=cue(i)[1], text=t) for i, t in enumerate(CAPTIONS)]
    tl = Timeline.for_platform(
        "reel", fps=FPS, clips=clips, captions=Captions(cues=cues),
        audio=[AudioTrack(source=music, role="music", fade_out_s=1.0)],
    )  # fmt: skip
    render_timeline(tl, out)


def handwritten_command(images: list[Path], music: Path, out: Path) -> list[str]:
    """The single ffmpeg command a person would write for this slideshow."""
    n = round(SCENE * FPS)
    sw, sh = 1590, 2828  # the same ~4.5 MP supersampling the engine uses
    zoom = {
        "zoom_in": ("1+0.12*on/{m}", "(iw-iw/zoom)/2", "(ih-ih/zoom)/2"),
        "zoom_out": ("1+0.12*(1-on/{m})", "(iw-iw/zoom)/2", "(ih-ih/zoom)/2"),
        "pan_left": ("1.12", "(iw-iw/zoom)*(1-on/{m})", "(ih-ih/zoom)/2"),
        "pan_right": ("1.12", "(iw-iw/zoom)*on/{m}", "(ih-ih/zoom)/2"),
    }
    parts, args = [], []
    for i, img in enumerate(images):
        z, x, y = (e.format(m=n - 1) for e in zoom[MOTIONS[i]])
        args += ["-framerate", str(FPS), "-i", str(img)]
        parts.append(
            f"[{i}:v]scale={sw}:{sh}:force_original_aspect_ratio=increase:out_range=tv,"
            f"crop={sw}:{sh},setsar=1,zoompan=z='{z}':x='{x}':y='{y}':d={n}:s={W}x{H}:fps={FPS},"
            f"format=yuv420p[s{i}]"
        )
    last = "[s0]"
    for i in range(1, SCENES):
        offset = i * (SCENE - FADE)
        parts.append(f"{last}[s{i}]xfade=transition=fade:duration={FADE}:offset={offset:.4f}[x{i}]")
        last = f"[x{i}]"
    texts = []
    for i, text in enumerate(CAPTIONS):
        start, end = cue(i)
        texts.append(
            f"drawtext=fontfile='{DEFAULT_FONT}':text='{text}':fontsize=86:fontcolor=white"
            f":x=(w-text_w)/2:y=1360:box=1:boxcolor=black@0.55:boxborderw=21"
            f":enable='between(t,{start:.3f},{end:.3f})'"
        )
    parts.append(f"{last}{','.join(texts)},format=yuv420p[v]")
    parts.append(
        f"[{SCENES}:a]aresample=48000,afade=t=out:st={TOTAL - 1}:d=1,"
        "loudnorm=I=-14:TP=-1.5:LRA=11,aresample=48000[a]"
    )
    return [
        ffmpeg_exe(), "-hide_banner", "-y", *args, "-i", str(music),
        "-filter_complex", ";".join(parts), "-map", "[v]", "-map", "[a]",
        "-c:v", "libx264", "-profile:v", "high", "-preset", "veryfast", "-crf", "21",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", "-ar", "48000",
        "-t", str(TOTAL), "-movflags", "+faststart", str(out),
    ]  # fmt: skip


def run_moviepy(images: list[Path], music: Path, out: Path) -> None:
    from moviepy import AudioFileClip, CompositeVideoClip, ImageClip, TextClip, vfx

    layers = []
    for i, path in enumerate(images):
        start = i * (SCENE - FADE)
        base = ImageClip(str(path)).resized(height=H)
        base = base.cropped(x_center=base.w / 2, width=W) if base.w > W else base.resized(width=W)
        clip = base.with_duration(SCENE).resized(lambda t: 1 + 0.12 * t / SCENE)
        clip = clip.with_position("center").with_start(start)
        layers.append(clip.with_effects([vfx.CrossFadeIn(FADE)]) if i else clip)
        c0, c1 = cue(i)
        caption = TextClip(
            font=str(DEFAULT_FONT), text=CAPTIONS[i], font_size=86, color="white",
            bg_color=(0, 0, 0), margin=(21, 21),
        )  # fmt: skip
        layers.append(caption.with_start(c0).with_duration(c1 - c0).with_position(("center", 1360)))
    video = CompositeVideoClip(layers, size=(W, H)).with_duration(TOTAL)
    video = video.with_audio(AudioFileClip(str(music)).with_duration(TOTAL))
    video.write_videofile(
        str(out), fps=FPS, codec="libx264", preset="veryfast", audio_codec="aac",
        audio_fps=48000, ffmpeg_params=["-pix_fmt", "yuv420p", "-crf", "21"], logger=None,
    )  # fmt: skip


def _cpu() -> float:
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, fn, *args) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall and CPU seconds (this process and its ffmpeg children) of one render."""
    cpu0, started = _cpu(), time.perf_counter()
    fn(*args)
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu0
    out = args[-1]
    info = probe_media(out)
    loud = measure_loudness(out)
    print(
        f"{label:<12} wall {elapsed:6.2f} s  cpu {cpu:6.2f} s  {info.width}x{info.height} "
        f"{info.video_profile} {info.pix_fmt} {info.duration_s:.2f}s faststart={is_faststart(out)} "
        f"{loud.integrated_lufs:+.1f} LUFS TP {loud.true_peak_dbtp:+.1f}"
    )
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-moviepy", action="store_true")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="slideshow-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    images, music = make_assets(root)
    cmd = handwritten_command(images, music, root / "hand.mp4")
    engine, hand = (float("inf"),) * 2, (float("inf"),) * 2
    for _ in range(args.repeat):  # interleaved, best of N: the machine may be shared
        e = timed("engine", run_engine, images, music, root / "engine.mp4")
        h = timed("hand ffmpeg", lambda o: subprocess.run(cmd, check=True, capture_output=True),
                  root / "hand.mp4")  # fmt: skip
        engine, hand = min(engine, e), min(hand, h)
    print(f"engine / hand-written ffmpeg: wall {engine[0] / hand[0]:.2f}x, "
          f"cpu {engine[1] / hand[1]:.2f}x (target <= 1.3)")  # fmt: skip
    if not args.skip_moviepy:
        movie = timed("moviepy 2", run_moviepy, images, music, root / "moviepy.mp4")
        print(f"moviepy / engine: wall {movie[0] / engine[0]:.1f}x, "
              f"cpu {movie[1] / engine[1]:.1f}x (target >= 5)")  # fmt: skip
    if not args.workdir:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
