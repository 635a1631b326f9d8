"""Which creatives a calendar needs: per territory, one per image size and one video."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from agency.core.artifacts import Artifact
from agency.strategy.calendar import Slot

CreativeKind = Literal["image", "video"]

# (platform, slot format) → image format of the designer. Sizes per PLATFORMS.md:
# Instagram feed 4:5 portrait, stories 9:16, LinkedIn/Facebook link shares 1.91:1,
# X in-stream 16:9, Meta ads square 1:1.
IMAGE_FORMAT = {
    ("instagram", "post"): "portrait",
    ("instagram", "carousel"): "portrait",
    ("instagram", "story"): "story",
    ("facebook", "post"): "square",
    ("facebook", "story"): "story",
    ("linkedin", "post"): "link",
    ("linkedin", "carousel"): "square",
    ("linkedin", "article"): "link",
    ("x", "post"): "landscape",
    ("x", "thread"): "landscape",
    ("youtube", "post"): "landscape",
    ("ads", "ad"): "square",
    ("meta_ads", "ad"): "square",
    ("email", "email"): "link",
}
VIDEO_FORMATS = {"reel", "short", "reel/short"}


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:32] or "x"


class Creative(Artifact):
    """One image or video that serves every slot in ``slot_ids``."""

    key: str
    kind: CreativeKind
    territory: str
    format: str = Field(description="Designer format (square, story, …) or 'reel' for video.")
    slot_ids: list[str] = Field(default_factory=list)


def plan_creatives(slots: Iterable[Slot]) -> list[Creative]:
    """The creatives the slots need, grouped by territory and size."""
    groups: dict[tuple[str, CreativeKind, str], list[str]] = {}
    for slot in slots:
        if slot.format in VIDEO_FORMATS:
            kind: CreativeKind = "video"
            size = "reel"
        else:
            image = IMAGE_FORMAT.get((slot.platform, slot.format))
            if image is None:
                continue
            kind, size = "image", image
        groups.setdefault((slot.territory, kind, size), []).append(slot.id)
    return [
        Creative(
            key=f"{_slug(territory)}-{size}",
            kind=kind,
            territory=territory,
            format=size,
            slot_ids=ids,
        )
        for (territory, kind, size), ids in sorted(groups.items())
    ]
