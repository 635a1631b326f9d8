"""Check a media file against a placement's spec before anything is uploaded."""

from __future__ import annotations

from collections.abc import Sequence

from agency.core import InputError
from agency.distribution.formatting.models import MediaValidation, Rendition, Violation
from agency.distribution.platforms import MediaSpec, PlatformSpec, get_platform, parse_ratio

_CODEC_ALIASES = {
    "avc": "h264",
    "avc1": "h264",
    "h.264": "h264",
    "x264": "h264",
    "h265": "hevc",
    "h.265": "hevc",
    "hvc1": "hevc",
    "hev1": "hevc",
    "x265": "hevc",
    "av01": "av1",
    "vp09": "vp9",
    "mp4v": "mpeg4",
}
_CONTAINER_ALIASES = {"jpg": "jpeg", "quicktime": "mov", "m4v": "mp4", "mpg": "mpeg"}


def _normal(value: str, aliases: dict[str, str]) -> str:
    key = value.strip().lower().lstrip(".")
    key = key.split("/")[-1]  # "video/mp4" → "mp4"
    return aliases.get(key, key)


def get_media_spec(platform: str | PlatformSpec, placement: str) -> MediaSpec:
    """The spec of ``placement`` on ``platform``; ``InputError`` names the valid ones."""
    spec = platform if isinstance(platform, PlatformSpec) else get_platform(platform)
    try:
        return spec.media[placement]
    except KeyError:
        options = ", ".join(sorted(spec.media)) or "none"
        raise InputError(
            f"{spec.display_name} has no media placement {placement!r}.",
            field="placement",
            fix=f"Use one of: {options}.",
        ) from None


def _aspect_fix(width: int, height: int, target: float) -> str:
    if width / height < target:
        return f"Crop the height to {round(width / target)} px ({width}x{round(width / target)})."
    return f"Crop the width to {round(height * target)} px ({round(height * target)}x{height})."


def _aspect(media: MediaSpec, width: int, height: int) -> list[Violation]:
    ratio = width / height
    if media.aspect_ratios and not any(
        item.contains(ratio, media.aspect_tolerance) for item in media.aspect_ratios
    ):
        nearest = min(
            media.aspect_ratios,
            key=lambda item: min(abs(ratio - item.low), abs(ratio - item.high)),
        )
        off = min(abs(ratio - nearest.low), abs(ratio - nearest.high))
        allowed = ", ".join(item.label for item in media.aspect_ratios)
        return [
            Violation(
                code="wrong_aspect_ratio",
                message=f"Aspect ratio {width}x{height} ({ratio:.3f}) is not allowed; "
                f"allowed: {allowed}.",
                by=round(off, 4),
                fix=_aspect_fix(
                    width, height, nearest.low if ratio < nearest.low else nearest.high
                ),
                field="aspect_ratio",
            )
        ]
    if media.recommended_aspect:
        target = parse_ratio(media.recommended_aspect)
        if abs(ratio - target) > target * media.aspect_tolerance:
            return [
                Violation(
                    code="aspect_not_recommended",
                    message=f"Aspect ratio {ratio:.3f} works, but {media.recommended_aspect} "
                    "is recommended for this placement.",
                    by=round(abs(ratio - target), 4),
                    fix=f"Use a {media.recommended_aspect} rendition if there is one.",
                    severity="warning",
                    field="aspect_ratio",
                )
            ]
    return []


def _bound(
    field: str,
    what: str,
    value: float | None,
    limits: tuple[float | None, float | None],
    unit: str,
    codes: tuple[str, str],
) -> list[Violation]:
    low, high = limits
    if value is None:
        return []
    if low is not None and value < low:
        return [
            Violation(
                code=codes[0],
                message=f"{what} is {value:g}{unit}; the minimum is {low:g}{unit}.",
                by=round(low - value, 4),
                fix=f"Raise {what.lower()} by at least {low - value:g}{unit}.",
                field=field,
            )
        ]
    if high is not None and value > high:
        return [
            Violation(
                code=codes[1],
                message=f"{what} is {value:g}{unit}; the maximum is {high:g}{unit}.",
                by=round(value - high, 4),
                fix=f"Reduce {what.lower()} by at least {value - high:g}{unit}.",
                field=field,
            )
        ]
    return []


def _listed(
    field: str, value: str | None, allowed: Sequence[str], aliases: dict[str, str]
) -> list[Violation]:
    if value is None or not allowed or _normal(value, aliases) in allowed:
        return []
    return [
        Violation(
            code=f"unsupported_{field}",
            message=f"{field.capitalize()} {value!r} is not supported; use {', '.join(allowed)}.",
            by=None,
            fix=f"Re-encode as {allowed[0]}.",
            field=field,
        )
    ]


def validate_media(
    platform: str,
    placement: str,
    *,
    width: int,
    height: int,
    duration_s: float | None = None,
    size_bytes: int | None = None,
    codec: str | None = None,
    container: str | None = None,
    fps: float | None = None,
) -> MediaValidation:
    """Check one file's facts against ``platform``'s ``placement`` spec."""
    if width <= 0 or height <= 0:
        raise InputError("Width and height must be positive.", field="width", fix="Probe the file.")
    spec = get_platform(platform)
    media = get_media_spec(spec, placement)
    found = _aspect(media, width, height)
    resolution = ("resolution_too_low", "resolution_too_high")
    found += _bound("width", "Width", width, (media.min_width, media.max_width), " px", resolution)
    found += _bound(
        "height", "Height", height, (media.min_height, media.max_height), " px", resolution
    )
    pixels = (None, media.max_pixels)
    found += _bound("pixels", "Pixel count", width * height, pixels, "", resolution)
    if media.kind == "video":
        durations = (media.min_duration_s, media.max_duration_s)
        found += _bound(
            "duration_s", "Duration", duration_s, durations, " s", ("too_short", "too_long")
        )
        fps_codes = ("fps_too_low", "fps_too_high")
        found += _bound("fps", "Frame rate", fps, (media.min_fps, media.max_fps), " fps", fps_codes)
    cap = media.max_size_bytes
    if size_bytes is not None and cap is not None and size_bytes > cap:
        over = size_bytes - cap
        found.append(
            Violation(
                code="file_too_large",
                message=f"File is {size_bytes:,} bytes; the limit is "
                f"{cap:,} ({media.max_size_mb:g} MB).",
                by=over,
                fix=f"Compress or shorten it by at least {over:,} bytes.",
                field="size_bytes",
            )
        )
    found += _listed("codec", codec, media.codecs, _CODEC_ALIASES)
    found += _listed("container", container, media.containers, _CONTAINER_ALIASES)
    return MediaValidation(
        platform=spec.name,
        placement=placement,
        valid=not any(v.severity == "error" for v in found),
        aspect_ratio=round(width / height, 4),
        violations=found,
    )


def validate_rendition(platform: str, placement: str, rendition: Rendition) -> MediaValidation:
    """``validate_media`` for a ``Rendition``."""
    return validate_media(
        platform,
        placement,
        width=rendition.width,
        height=rendition.height,
        duration_s=rendition.duration_s,
        size_bytes=rendition.size_bytes,
        codec=rendition.codec,
        container=rendition.container,
        fps=rendition.fps,
    )


def pick_rendition(
    platform: str, placement: str, renditions: Sequence[Rendition]
) -> Rendition | None:
    """The best valid rendition: closest to the recommended ratio, then the largest."""
    media = get_media_spec(platform, placement)
    valid = [r for r in renditions if validate_rendition(platform, placement, r).valid]
    if not valid:
        return None
    target = parse_ratio(media.recommended_aspect) if media.recommended_aspect else None

    def score(rendition: Rendition) -> tuple[float, int]:
        ratio = rendition.width / rendition.height
        distance = abs(ratio - target) if target is not None else 0.0
        return (round(distance, 3), -(rendition.width * rendition.height))

    return min(valid, key=score)
