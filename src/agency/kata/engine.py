"""``composite_video``: place a product into footage so it looks like it was there.

Steps: check the inputs; find shots; resolve where the placement starts (explicit quad,
a contact point, a zone, or the best zone of an analysis); track it through its shot —
the quad itself in ``decal`` mode, a footprint on the surface under the product in
``upright`` mode — while collecting the clean plate for occlusion; then one streamed
render pass (:mod:`agency.kata.render_pass`) and REPORT.json with the realism score and
the brand-safety checks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from agency.core.errors import InputError
from agency.creation.media_tools import check_image

from .analysis.analyzer import analyze_video
from .analysis.shots import ShotDetector
from .compositing.decal import prepare_product, read_product_image
from .compositing.occlusion import PlateBuilder
from .compositing.renderer import DecalCompositor
from .compositing.shadows import plane_foreshortening
from .compositing.upright import follow
from .geometry import FloatArray
from .media.reader import MAX_SECONDS, VideoInfo, open_video_info
from .models import AnalysisReport, CompositeResult, LightEstimate, Shot
from .placement.targets import PlacementTarget, resolve_target
from .placement.track_pass import TrackedPlacement, track_placement
from .placement.upright_target import (
    DEFAULT_SCALE,
    UprightStart,
    resolve_upright,
    zone_holding,
)
from .progress import Progress, ProgressTicker
from .quality.brand_safety import DECAL_THRESHOLDS
from .quality.realism import RealismMeter, track_jitter
from .quality.safety_pass import SafetyCollector
from .render_pass import UprightShading, render
from .report import build_report, write_report

MODES = ("decal", "upright")
SURFACES = ("support", "vertical")


def composite_video(
    video: Path,
    product: Path,
    out: Path,
    *,
    mode: str = "decal",
    quad: Sequence[Sequence[float]] | None = None,
    zone_id: str | None = None,
    at: Sequence[float] | None = None,
    scale: float | None = None,
    surface: str | None = None,
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
    (``frames[0]``, default 0). Without it: in ``decal`` mode the zone ``zone_id`` (or the
    zone holding the point ``at``, or the best zone of the analysis) is used; in
    ``upright`` mode the product stands on the contact point ``at`` (or the centre of the
    zone), ``scale`` × the surface's width wide (default 0.2); a decal on a zone fills
    ``scale`` of it (default 0.9). ``surface`` (``support`` or ``vertical``) restricts the
    zones chosen automatically to that kind. The placement runs to the end of its shot
    or of ``frames`` (``(start, end)``, end exclusive). ``progress(step, fraction)`` is
    called during the ``analyze``, ``track`` and ``render`` steps. With ``occlusion`` (the
    default), whatever passes in front of the plane hides the product (see
    :mod:`agency.kata.compositing.occlusion`).
    """
    if mode not in MODES:
        raise InputError(f"Unknown mode {mode!r}.", field="mode", fix=f"Use one of {MODES}.")
    if surface is not None and surface not in SURFACES:
        raise InputError(
            f"Unknown surface type {surface!r}.", field="surface", fix=f"Use one of {SURFACES}."
        )
    if scale is not None and not 0.0 < scale <= 1.0:
        raise InputError(
            f"scale {scale} is not a share of the surface.", field="scale", fix="Use 0 < scale ≤ 1."
        )
    info = open_video_info(Path(video), max_seconds=max_seconds)
    check_image(Path(product), field="product")
    # Read (and for upright, cut out) once; sized again once the on-screen size is known.
    image = read_product_image(Path(product), cut_out=mode == "upright")
    item = prepare_product(image)
    if quad is None and analysis is None:
        analysis = analyze_video(info.path, max_seconds=max_seconds, progress=progress)
    if analysis is not None:
        shots = [s.shot for s in analysis.shots]
        frame_count = analysis.frame_count
    else:
        frame_count = info.frame_count
        shots = ShotDetector().detect(info.path, frame_count=frame_count)
        frame_count = max(frame_count, shots[-1].end_frame if shots else 0)
    size = (item.width, item.height)
    target, upright = _resolve(
        mode,
        quad=quad,
        zone_id=zone_id,
        at=at,
        scale=scale,
        surface=surface,
        frames=frames,
        shots=shots,
        frame_count=frame_count,
        info=info,
        product_size=size,
        analysis=analysis,
    )
    placement = _placement_of(upright)
    span = target.end_frame - target.start_frame
    first_quad = placement(target.quad)
    builder = PlateBuilder(first_quad, span) if occlusion else None
    tracked = track_placement(
        info.path,
        target,
        smooth_window=smooth_window,
        plate=builder,
        plate_quad=placement,
        progress=ProgressTicker(progress, "track", span),
    )
    plate = builder.build() if builder is not None else None
    quads = [placement(q) for q in tracked.smooth]
    if quads:
        edges = np.linalg.norm(np.roll(np.array(quads), -1, axis=1) - np.array(quads), axis=2)
        on_screen = int(np.ceil(edges.max()))
        side = int(np.clip(2 * on_screen, 64, 2048))
        item = prepare_product(image, max_side=side)
    compositor = DecalCompositor(item, harmonizer=harmonizer)
    meter = RealismMeter(product=item)
    limits = DECAL_THRESHOLDS if upright is None else None
    safety = SafetyCollector(info.fps, info.width, info.height, size, thresholds=limits)
    shading = None
    if upright is not None:
        plane = upright.surface if upright.surface is not None else upright.footprint
        shading = UprightShading(
            foreshortening=plane_foreshortening(
                plane, upright.contact.tolist(), info.width, info.height
            ),
            light=_shot_light(analysis, target),
        )
    stats = render(
        info,
        Path(out),
        quad_at=lambda i: _at(quads, tracked, i),
        velocity_at=tracked.velocity_at,
        start_frame=tracked.start_frame,
        compositor=compositor,
        plate=plate,
        meter=meter,
        safety=safety,
        upright=shading,
        measure_every=measure_every,
        crf=crf,
        ticker=ProgressTicker(progress, "render", frame_count),
    )
    jitter = track_jitter(tracked.raw, tracked.smooth)
    quality: dict[str, object] = dict(meter.result(jitter_px=jitter))
    if compositor.optics is not None:
        quality["scene_blur_sigma_px"] = round(compositor.optics.scene_blur_sigma, 3)
        quality["scene_noise_sigma"] = round(compositor.optics.scene_noise_sigma, 3)
    if compositor.gains is not None:
        quality["relight_gains_bgr"] = [round(g, 4) for g in compositor.gains]
    brand_safety = safety.report()
    quality["brand_safety"] = brand_safety.model_dump(mode="json")
    extra: dict[str, object] = {
        "zone_id": upright.zone.id if upright and upright.zone else target.zone_id,
        "harmonizer": harmonizer,
        "stopped": tracked.stopped,
        "rekeys": tracked.rekeys,
        "occlusion": _occlusion_summary(plate is not None, stats.hidden, stats.shadowed),
    }
    if upright is not None:
        extra["contact_point"] = [round(float(v), 3) for v in upright.contact]
        extra["footprint"] = [[round(float(x), 3), round(float(y), 3)] for x, y in target.quad]
        if stats.shadow_params is not None:
            extra["shadow"] = {
                k: round(v, 4) if isinstance(v, float) else v
                for k, v in vars(stats.shadow_params).items()
            }
    written = stats.written
    report = build_report(
        fps=info.fps,
        width=info.width,
        height=info.height,
        frame_count=written,
        shots=[s.model_copy(update={"end_frame": min(s.end_frame, written)}) for s in shots],
        mode=mode,
        placed=stats.placed,
        quality=quality,
        extra=extra,
        hidden=stats.hidden,
    )
    if report_path is not None:
        write_report(Path(report_path), report)
    return CompositeResult(
        output=Path(out),
        report_path=Path(report_path) if report_path else None,
        frame_count=written,
        placed_frames=len(stats.placed),
        realism=float(quality.get("realism", 0.0)),  # type: ignore[arg-type]
        brand_safe=brand_safety.passed,
        report=report,
    )


def _resolve(
    mode: str,
    *,
    quad: Sequence[Sequence[float]] | None,
    zone_id: str | None,
    at: Sequence[float] | None,
    scale: float | None,
    surface: str | None,
    frames: tuple[int, int] | None,
    shots: list[Shot],
    frame_count: int,
    info: VideoInfo,
    product_size: tuple[int, int],
    analysis: AnalysisReport | None,
) -> tuple[PlacementTarget, UprightStart | None]:
    """The tracked target (the product's quad, or upright the footprint under it)."""
    upright: UprightStart | None = None
    track_quad = quad
    if mode == "upright":
        upright = resolve_upright(
            quad=quad,
            at=at,
            zone_id=zone_id,
            scale=DEFAULT_SCALE if scale is None else scale,
            product_size=product_size,
            width=info.width,
            height=info.height,
            analysis=analysis,
            kind=surface,
        )
        track_quad, zone_id = upright.footprint.tolist(), None
        if upright.zone is not None and quad is None and at is None:
            first = upright.zone.frame
            frames = (max(first, frames[0]), frames[1]) if frames else (first, frame_count)
    elif at is not None:
        hit = zone_holding(analysis, at)
        if hit is None:
            raise InputError(
                f"No zone holds the point {at[0]:g},{at[1]:g}.",
                field="at",
                fix="Pick a point inside a zone (see `agency kata analyze`) or give a quad.",
            )
        zone_id = hit.id
    target = resolve_target(
        quad=track_quad,
        zone_id=zone_id,
        frames=frames,
        shots=shots,
        frame_count=frame_count,
        width=info.width,
        height=info.height,
        product_size=product_size,
        analysis=analysis,
        surface=surface if mode == "decal" else None,
        fill=0.9 if scale is None or mode == "upright" else scale,
    )
    return target, upright


def _placement_of(upright: UprightStart | None) -> Callable[[FloatArray], FloatArray]:
    """Tracked quad → the product's quad: itself for decals, the standing quad upright."""
    if upright is None:
        return lambda q: np.asarray(q, np.float64)
    standing, footprint = upright.standing, upright.footprint
    return lambda q: follow(standing, footprint, np.asarray(q, np.float64))


def _at(quads: list[FloatArray], tracked: TrackedPlacement, index: int) -> FloatArray | None:
    i = index - tracked.start_frame
    return quads[i] if 0 <= i < len(quads) else None


def _shot_light(analysis: AnalysisReport | None, target: PlacementTarget) -> LightEstimate | None:
    """The light the analysis measured in the shot holding the placement's first frame."""
    if analysis is None:
        return None
    for shot in analysis.shots:
        if shot.shot.start_frame <= target.start_frame < shot.shot.end_frame:
            return shot.light
    return None


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
