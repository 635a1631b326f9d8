"""What publishers take and return: a post to send, its media, the result, metrics."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from agency.distribution.accounts.service import Credentials

POST_KINDS = ("post", "thread", "carousel", "reel", "story", "video", "short", "inbox", "photo")


def fingerprint(text: str) -> str:
    """SHA-256 of ``text`` with whitespace collapsed: how a post is recognized on re-read."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()


def same_text(a: str | None, b: str | None) -> bool:
    """True when two texts are the same post text (whitespace-insensitive)."""
    return a is not None and b is not None and fingerprint(a) == fingerprint(b)


@dataclass(frozen=True)
class MediaFile:
    """One media file of a post: a local path to upload and/or a public URL to pull."""

    asset_id: str
    media_type: str
    path: Path | None = None
    url: str | None = None
    size_bytes: int | None = None
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    codec: str | None = None
    synthetic: bool = False

    @property
    def is_video(self) -> bool:
        return self.media_type.startswith("video/")

    def read(self) -> bytes:
        """The file's bytes (for platforms that take uploads)."""
        if self.path is None:
            raise FileNotFoundError(f"media {self.asset_id} has no local file")
        return self.path.read_bytes()


@dataclass(frozen=True)
class Disclosure:
    """What the post must disclose: AI-made media, and sponsorship."""

    ai_generated: bool = False
    paid_partnership: bool = False
    sponsor_id: str | None = None
    own_brand: bool = False


@dataclass(frozen=True)
class PostRequest:
    """A post as a publisher sends it (text already formatted and disclosed)."""

    item_id: str
    idempotency_key: str
    platform: str
    kind: str
    text: str
    parts: list[str] = field(default_factory=list)
    title: str | None = None
    link: str | None = None
    media: list[MediaFile] = field(default_factory=list)
    disclosure: Disclosure = field(default_factory=Disclosure)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def texts(self) -> list[str]:
        """Each post of a thread, or the one text."""
        return self.parts or [self.text]


@dataclass(frozen=True)
class PublishResult:
    """Where the post landed."""

    platform_post_id: str
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PostMetrics:
    """One reading of a post's metrics, in the same units on every platform."""

    impressions: int | None = None
    reach: int | None = None
    likes: int = 0
    comments: int = 0
    shares: int = 0
    saves: int = 0
    clicks: int | None = None
    video_views: int | None = None
    watch_time_s: float | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def engagements(self) -> int:
        """Likes + comments + shares + saves + clicks: the one engagement count."""
        return self.likes + self.comments + self.shares + self.saves + (self.clicks or 0)

    @property
    def engagement_rate(self) -> float | None:
        """Engagements per impression (reach, then views, where impressions are missing)."""
        base = self.impressions or self.reach or self.video_views
        return round(self.engagements / base, 6) if base else None


@dataclass
class PublishContext:
    """How far an earlier attempt got, and how to record progress durably."""

    progress: dict[str, Any]
    save: Callable[[dict[str, Any]], None]
    since: datetime
    resumed: bool = False

    def record(self, **values: Any) -> None:
        """Remember ``values`` (committed before the next platform call)."""
        self.progress.update(values)
        self.save(dict(self.progress))


class Publisher(Protocol):
    """One platform's publishing API."""

    platform: str

    def publish(
        self, post: PostRequest, account: Credentials, ctx: PublishContext
    ) -> PublishResult:
        """Send ``post``; resume from ``ctx.progress`` where an earlier attempt stopped."""
        ...

    def find_by_idempotency(
        self, account: Credentials, post: PostRequest, ctx: PublishContext
    ) -> PublishResult | None:
        """The post if an earlier attempt already published it (read from the platform)."""
        ...

    def fetch_metrics(self, account: Credentials, post_id: str) -> PostMetrics:
        """The post's current metrics."""
        ...
