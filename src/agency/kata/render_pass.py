"""The render pass: decode every frame, composite the placed ones, encode, and measure.

Per placed frame, in the region around the insert only: the occluder matte (what is in
front of the plane), for ``upright`` the contact and cast shadows on the surface (hidden
by occluders too), then the product — relit, defocused, motion-blurred, grained and cut by
the matte. Realism is measured every ``measure_every`` placed frames and the brand-safety
collector sees every frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .analysis.light import estimate_light
from .compositing.occlusion import CleanPlate
from .compositing.renderer import DecalCompositor, occluder_in_box
from .compositing.shadows import (
    ShadowParams,
    apply_shadow,
    render_shadow,
    shadow_params_from_light,
    silhouette_of,
)
from .geometry import FloatArray, visible_fraction
from .media.reader import VideoInfo, iter_decoded
from .media.region import REGION_SCALE, FrameRegion
from .media.writer import FrameEncoder
from .media.yuv import supports_yuv
from .models import LightEstimate
from .progress import ProgressTicker
from .quality.realism import RealismMeter
from .quality.safety_pass import SafetyCollector

SHADOW_REGION_SCALE = 3.2
"""Upright inserts need room around them for the cast shadow."""


@dataclass
class UprightShading:
    """What upright mode adds: shadows from the scene's light on the surface."""

    foreshortening: float
    light: LightEstimate | None = None
    params: ShadowParams | None = None


@dataclass
class RenderStats:
    """What the pass saw: placed quads, hidden share per frame, shadowed frames, light."""

    placed: list[tuple[int, FloatArray]] = field(default_factory=list)
    hidden: dict[int, float] = field(default_factory=dict)
    shadowed: list[float] = field(default_factory=list)
    written: int = 0
    shadow_params: ShadowParams | None = None


def render(
    info: VideoInfo,
    out: Path,
    *,
    quad_at: Callable[[int], FloatArray | None],
    velocity_at: Callable[[int], tuple[float, float]],
    start_frame: int,
    compositor: DecalCompositor,
    plate: CleanPlate | None,
    meter: RealismMeter,
    safety: SafetyCollector,
    upright: UprightShading | None,
    measure_every: int,
    crf: int,
    ticker: ProgressTicker,
) -> RenderStats:
    """Stream ``info``'s video to ``out`` with the product composited where placed."""
    stats = RenderStats()
    silhouette = silhouette_of(compositor.product) if upright is not None else None
    scale = SHADOW_REGION_SCALE if upright is not None else REGION_SCALE
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
            where = quad_at(index)
            safety.observe(frame, index, placed=where is not None)
            if where is not None:
                region, local = frame.around(where, scale)
                occluded = plate.occlusion(region, local) if plate is not None else None
                if upright is not None and silhouette is not None:
                    if upright.params is None:
                        light = upright.light or estimate_light(frame.whole_bgr())
                        upright.params = shadow_params_from_light(
                            light.direction_deg, light.directionality, light.brightness
                        )
                    shadow = render_shadow(
                        local,
                        silhouette,
                        width=region.shape[1],
                        height=region.shape[0],
                        foreshortening=upright.foreshortening,
                        params=upright.params,
                    )
                    darkness = shadow.darkness
                    if occluded is not None and darkness.size:
                        darkness = darkness * (1.0 - occluder_in_box(occluded, shadow.box))
                    if darkness.size:
                        region = apply_shadow(region, shadow.box, darkness)
                region = compositor.composite(region, local, velocity_at(index), occlusion=occluded)
                frame.put(region)
                stats.placed.append((index, where))
                stats.hidden[index] = compositor.last_hidden
                inside = visible_fraction(where, info.width, info.height)
                safety.placed(index, where, inside * (1.0 - compositor.last_hidden))
                if occluded is not None:
                    stats.shadowed.append(occluded.shadow)
                meter.add_hidden(compositor.last_hidden)
                if (index - start_frame) % measure_every == 0:
                    meter.measure(region, local)
                    if upright is not None:
                        meter.measure_contact(region, local)
            encoder.write(frame.output())
            stats.written += 1
            ticker.tick(stats.written)
    ticker.finish()
    stats.shadow_params = upright.params if upright is not None else None
    return stats
