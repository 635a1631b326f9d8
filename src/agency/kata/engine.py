"""``composite_video``: place a product into footage so it looks like it was there.

Steps: check the inputs; find shots; resolve where the placement starts (explicit quad,
a zone, or the best zone of an analysis); track it through its shot; then one streamed
render pass — decode (PyAV), composite, encode (ffmpeg libx264 through a pipe, source
audio carried over) — and REPORT.json.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from agency.core.errors import InputError
from agency.creation.media_tools import check_image

from .analysis.analyzer import analyze_video
from .analysis.shots import ShotDetector
from .compositing.decal import load_product
from .compositing.occlusion import PlateBuilder
from .compositing.renderer import DecalCompositor
from .media.reader import MAX_SECONDS, iter_decoded, open_video_info
from .media.region import FrameRegion
from .media.writer import FrameEncoder
from .media.yuv import supports_yuv
from .models import AnalysisReport, CompositeResult
from .placement.targets import resolve_target
from .placement.track_pass import track_placement
from .progress import Progress, ProgressTicker
from .quality.realism import RealismMeter, track_jitter
from .report import build_report, write_report

MODES = ("decal",)


def composite_video(
    video: Path,
    product: Path,
    out: Path,
    *,
    mode: str = "decal",
    quad: Sequence[Sequence[float]] | None = None,
    zone_id: str | None = None,
    frames: tuple[int, int] | None = None,
    report_path: Path | None = None,
    analysis: AnalysisReport | None = None,
    harmonizer: str = "illuminant",
    smooth_window: int = 9,
    measure_every: int = 10,
    max_seconds: float = MAX_SECONDS,
    crf: int = 18,
    occlusion: bool = True,
    progress: Progress | None = None,
) -> CompositeResult:
    """Composite ``product`` into ``video`` and write ``out`` (MP4) and the report.

    ``quad`` is where the product's corners (TL, TR, BR, BL) go in the first placed frame
    (``frames[0]``, default 0); without it the zone ``zone_id`` — or the best zone of the
    analysis — is used. The placement runs to the end of its shot or of ``frames``
    (``(start, end)``, end exclusive). ``progress(step, fraction)`` is called during the
    ``analyze``, ``track`` and ``render`` steps. With ``occlusion`` (the default),
    whatever passes in front of the plane hides the product (see
    :mod:`agency.kata.compositing.occlusion`).
    """
    if mode not in MODES:
        raise InputError(f"Unknown mode {mode!r}.", field="mode", fix=f"Use one of {MODES}.")
    info = open_video_info(Path(video), max_seconds=max_seconds)
    check_image(Path(product), field="product")
    item = load_product(Path(product))
    if quad is None and analysis is None:
        analysis = analyze_video(info.path, max_seconds=max_seconds, progress=progress)
    if analysis is not None:
        shots = [s.shot for s in analysis.shots]
        frame_count = analysis.frame_count
    else:
        frame_count = info.frame_count
        shots = ShotDetector().detect(info.path, frame_count=frame_count)
        frame_count = max(frame_count, shots[-1].end_frame if shots else 0)
    target = resolve_target(
        quad=quad,
        zone_id=zone_id,
        frames=frames,
        shots=shots,
        frame_count=frame_count,
        width=info.width,
        height=info.height,
        product_size=(item.width, item.height),
        analysis=analysis,
    )
    span = target.end_frame - target.start_frame
    builder = PlateBuilder(target.quad, span) if occlusion else None
    tracked = track_placement(
        info.path,
        target,
        smooth_window=smooth_window,
        plate=builder,
        progress=ProgressTicker(progress, "track", span),
    )
    plate = builder.build() if builder is not None else None
    if len(tracked.smooth):
        edges = np.linalg.norm(np.roll(tracked.smooth, -1, axis=1) - tracked.smooth, axis=2)
        on_screen = int(np.ceil(edges.max()))
        item = load_product(Path(product), max_side=int(np.clip(2 * on_screen, 64, 2048)))
    compositor = DecalCompositor(item, harmonizer=harmonizer)
    meter = RealismMeter(product=item)
    placed = []
    hidden: dict[int, float] = {}
    shadowed: list[float] = []
    written = 0
    ticker = ProgressTicker(progress, "render", frame_count)
    use_yuv = supports_yuv(info.width, info.height)
    with FrameEncoder(
        Path(out),
        width=info.width,
        height=info.height,
        fps=info.fps,
        audio_from=info.path,
        audio_codec=info.audio_codec,
        crf=crf,
        rotation=info.rotation,
        sample_aspect=info.sample_aspect,
        pixel_format="yuv420p" if use_yuv else "bgr24",
    ) as encoder:
        for index, decoded in iter_decoded(info.path):
            frame = FrameRegion.of(decoded, use_yuv)
            where = tracked.quad_at(index)
            if where is not None:
                region, local = frame.around(where)
                occluded = plate.occlusion(region, local) if plate is not None else None
                region = compositor.composite(
                    region, local, tracked.velocity_at(index), occlusion=occluded
                )
                frame.put(region)
                placed.append((index, where))
                hidden[index] = compositor.last_hidden
                if occluded is not None:
                    shadowed.append(occluded.shadow)
                if (index - tracked.start_frame) % measure_every == 0:
                    meter.measure(region, local)
            encoder.write(frame.output())
            written += 1
            ticker.tick(written)
    ticker.finish()
    jitter = track_jitter(tracked.raw, tracked.smooth)
    quality: dict[str, object] = dict(meter.result(jitter_px=jitter))
    if compositor.optics is not None:
        quality["scene_blur_sigma_px"] = round(compositor.optics.scene_blur_sigma, 3)
        quality["scene_noise_sigma"] = round(compositor.optics.scene_noise_sigma, 3)
    if compositor.gains is not None:
        quality["relight_gains_bgr"] = [round(g, 4) for g in compositor.gains]
    extra = {
        "zone_id": target.zone_id,
        "harmonizer": harmonizer,
        "stopped": tracked.stopped,
        "rekeys": tracked.rekeys,
        "occlusion": _occlusion_summary(plate is not None, hidden, shadowed),
    }
    report = build_report(
        fps=info.fps,
        width=info.width,
        height=info.height,
        frame_count=written,
        shots=[s.model_copy(update={"end_frame": min(s.end_frame, written)}) for s in shots],
        mode=mode,
        placed=placed,
        quality=quality,
        extra=extra,
        hidden=hidden,
    )
    if report_path is not None:
        write_report(Path(report_path), report)
    return CompositeResult(
        output=Path(out),
        report_path=Path(report_path) if report_path else None,
        frame_count=written,
        placed_frames=len(placed),
        realism=float(quality.get("realism", 0.0)),  # type: ignore[arg-type]
        report=report,
    )


def _occlusion_summary(
    active: bool, hidden: dict[int, float], shadowed: list[float]
) -> dict[str, object]:
    """How much of the product occluders hid, for the report."""
    covered = [v for v in hidden.values() if v > 0.01]
    return {
        "method": "clean-plate difference on the tracked plane" if active else "off",
        "frames_occluded": len(covered),
        "max_hidden_fraction": round(max(covered, default=0.0), 4),
        "frames_with_cast_shadow": sum(1 for s in shadowed if s > 0.02),
    }
