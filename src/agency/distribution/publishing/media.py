"""From a queue item's asset ids to the media files a publisher sends, and the pre-send
media check against the platform's placement spec.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from agency.core.errors import InputError
from agency.db.models import Asset
from agency.db.repository import OrgScope
from agency.distribution.formatting import validate_media
from agency.distribution.publishing.disclosure import is_synthetic
from agency.distribution.publishing.models import MediaFile
from agency.storage import BlobStore, StorageError, asset_path

MediaResolver = Callable[[OrgScope, Sequence[str]], list[MediaFile]]

_PLACEMENTS: dict[str, dict[tuple[str, bool], str]] = {
    "x": {("*", False): "image", ("*", True): "video"},
    "linkedin": {("*", False): "image", ("*", True): "video"},
    "instagram": {
        ("post", False): "feed_image",
        ("carousel", False): "carousel",
        ("carousel", True): "carousel",
        ("story", False): "story_image",
        ("story", True): "story",
        ("*", True): "reel",
    },
    "facebook": {("*", False): "feed_image", ("reel", True): "reel", ("*", True): "feed_video"},
    "tiktok": {("*", True): "video", ("*", False): "photo"},
    "youtube": {("short", True): "short", ("*", True): "video"},
}


def placement_for(platform: str, kind: str, *, video: bool) -> str:
    """The media placement a post of ``kind`` uses on ``platform``."""
    table = _PLACEMENTS.get(platform, {})
    placement = table.get((kind, video)) or table.get(("*", video))
    if placement is None:
        what = "video" if video else "image"
        raise InputError(
            f"A {platform} {kind} cannot carry an {what}.",
            field="media_asset_ids",
            fix=f"Use a {'video' if not video else 'image'} or another post kind.",
        )
    return placement


# (min, max) media per post. X: 4 media (API v2 media_ids maxItems 4); Instagram carousel
# 2-10 items (content publishing docs); LinkedIn multiImage 2-20 (Posts API); TikTok and
# YouTube one video per post.
MEDIA_COUNTS: dict[tuple[str, str], tuple[int, int]] = {
    ("x", "*"): (0, 4),
    ("linkedin", "*"): (0, 20),
    ("facebook", "*"): (0, 10),
    ("instagram", "carousel"): (2, 10),
    ("instagram", "*"): (1, 1),
    ("tiktok", "photo"): (1, 35),
    ("tiktok", "*"): (1, 1),
    ("youtube", "*"): (1, 1),
}


def check_media_count(platform: str, kind: str, count: int) -> None:
    """InputError when a post carries too few or too many media for its platform and kind."""
    low, high = MEDIA_COUNTS.get((platform, kind)) or MEDIA_COUNTS.get((platform, "*"), (0, 99))
    if low <= count <= high:
        return
    wanted = f"exactly {low}" if low == high else f"{low} to {high}"
    raise InputError(
        f"A {platform} {kind} takes {wanted} media file(s); {count} given.",
        field="media_asset_ids",
        fix=f"Attach {wanted} file(s)." if count < low else f"Remove {count - high} file(s).",
    )


def probe_codec(path: Path) -> str | None:
    """The video codec of the file at ``path`` (``h264``, ``hevc``, ``prores``…), if readable."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = next((s for s in container.streams if s.type == "video"), None)
            return str(stream.codec_context.name) if stream is not None else None
    except (av.error.FFmpegError, OSError):  # type: ignore[attr-defined]
        return None


def _codec(asset: Asset, store: BlobStore | None) -> str | None:
    known = (asset.provenance or {}).get("extra", {}).get("codec")
    if known or store is None or not asset.media_type.startswith("video/"):
        return known
    try:
        return probe_codec(store.local_path(asset.storage_key))
    except (OSError, StorageError):
        return None


def check_media(
    platform: str, kind: str, assets: Sequence[Asset], *, store: BlobStore | None = None
) -> None:
    """InputError naming the file and each violation when media do not fit the placement.

    With ``store`` a video's codec is read from the file itself.
    """
    check_media_count(platform, kind, len(assets))
    for index, asset in enumerate(assets, start=1):
        video = asset.media_type.startswith("video/")
        placement = placement_for(platform, kind, video=video)
        if asset.width is None or asset.height is None:
            raise InputError(
                f"Media {index} ({asset.filename or asset.id}) has no known dimensions.",
                field="media_asset_ids",
                fix="Re-upload the file so it is probed.",
            )
        result = validate_media(
            platform,
            placement,
            width=asset.width,
            height=asset.height,
            duration_s=asset.duration_s,
            size_bytes=asset.size_bytes,
            container=asset.media_type,
            codec=_codec(asset, store),
        )
        errors = [v for v in result.violations if v.severity == "error"]
        if errors:
            details = "; ".join(f"{v.message} {v.fix}" for v in errors)
            raise InputError(
                f"Media {index} ({asset.filename or asset.id}) does not fit {platform} "
                f"{placement}: {details}",
                field="media_asset_ids",
                fix=errors[0].fix,
            )


def load_assets(scope: OrgScope, asset_ids: Sequence[str]) -> list[Asset]:
    """The assets in order; NotFound for a missing one."""
    return [scope.get(Asset, asset_id) for asset_id in asset_ids]


def provenances(assets: Sequence[Asset]) -> list[dict[str, Any]]:
    return [dict(asset.provenance or {}) for asset in assets]


def store_resolver(store: BlobStore, *, public_base_url: str | None = None) -> MediaResolver:
    """Resolve assets to local files (for uploads) and public URLs (for platforms that pull)."""

    def resolve(scope: OrgScope, asset_ids: Sequence[str]) -> list[MediaFile]:
        files: list[MediaFile] = []
        for asset in load_assets(scope, asset_ids):
            url = f"{public_base_url.rstrip('/')}/{asset.checksum}" if public_base_url else None
            files.append(
                MediaFile(
                    asset_id=asset.id,
                    media_type=asset.media_type,
                    path=asset_path(scope, store, asset.id),
                    url=url,
                    size_bytes=asset.size_bytes,
                    width=asset.width,
                    height=asset.height,
                    duration_s=asset.duration_s,
                    synthetic=is_synthetic(dict(asset.provenance or {})),
                )
            )
        return files

    return resolve
