"""YouTube Data API: resumable upload (session URI → PUT bytes, 308 resumes), Shorts.

The upload session URI is recorded before any byte is sent, so a resumed attempt asks
the session how far it got (``Content-Range: bytes */N``) and finishes it; a session
that already completed answers with the video, which is never uploaded twice.
``status.containsSyntheticMedia`` declares altered or synthetic content.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import httpx

from agency.core.errors import ProviderError
from agency.distribution.accounts.service import Credentials
from agency.distribution.publishing.http import HttpPublisher, reset_after
from agency.distribution.publishing.models import (
    PostMetrics,
    PostRequest,
    PublishContext,
    PublishResult,
    same_text,
)

CHUNK_BYTES = 8 * 256 * 1024  # a multiple of 256 KiB, as the API requires
RETRY_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "backendError"})


class YouTubePublisher(HttpPublisher):
    """Videos and Shorts on a YouTube channel."""

    platform = "youtube"
    default_base_url = "https://www.googleapis.com"

    def __init__(self, *, analytics_base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.analytics_base_url = (
            analytics_base_url or "https://youtubeanalytics.googleapis.com"
        ).rstrip("/")

    def _detail(self, body: dict[str, Any]) -> tuple[str, str | None]:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        assert isinstance(error, dict)
        reasons = [e.get("reason") for e in error.get("errors") or [] if isinstance(e, dict)]
        return str(error.get("message") or body), (reasons[0] if reasons else None)

    def _classify(self, response: httpx.Response) -> ProviderError:
        error = super()._classify(response)
        reason = error.details.get("platform_code")
        if reason in RETRY_REASONS or reason == "quotaExceeded":
            error.retryable = True
            error.retry_after = reset_after(response.headers) or (
                3600.0 if reason == "quotaExceeded" else None
            )
        return error

    def _snippet(self, post: PostRequest) -> dict[str, Any]:
        title = post.title or post.text.split("\n", 1)[0][:100]
        description = post.text
        if post.kind == "short" and "#shorts" not in f"{title} {description}".lower():
            description = f"{description}\n\n#Shorts".strip()
        return {
            "snippet": {
                "title": title,
                "description": description,
                "tags": list(post.options.get("tags") or []),
                "categoryId": str(post.options.get("category_id") or "22"),
            },
            "status": {
                "privacyStatus": str(post.options.get("privacy_status") or "public"),
                "selfDeclaredMadeForKids": bool(post.options.get("made_for_kids", False)),
                "containsSyntheticMedia": post.disclosure.ai_generated,
            },
        }

    def _session(self, post: PostRequest, account: Credentials, size: int) -> str:
        media = post.media[0]
        response = self._call(
            "POST",
            "/upload/youtube/v3/videos",
            account,
            params={"uploadType": "resumable", "part": "snippet,status"},
            content=json.dumps(self._snippet(post)),
            headers={
                "Content-Type": "application/json; charset=UTF-8",
                "X-Upload-Content-Length": str(size),
                "X-Upload-Content-Type": media.media_type,
            },
        )
        location = response.headers.get("location")
        if not location:
            raise self.permanent("YouTube returned no upload session URI.")
        return location

    def _offset(self, session: str, account: Credentials, size: int) -> int | dict[str, Any]:
        """Bytes the session already has, or the video if the upload completed."""
        response = self._call(
            "PUT",
            session,
            account,
            ok=(200, 201, 308),
            headers={"Content-Range": f"bytes */{size}", "Content-Length": "0"},
        )
        if response.status_code in (200, 201):
            return self._json(response)
        received = response.headers.get("range")
        return int(received.rsplit("-", 1)[1]) + 1 if received else 0

    def publish(
        self, post: PostRequest, account: Credentials, ctx: PublishContext
    ) -> PublishResult:
        """Open (or reopen) the upload session and send the bytes in chunks."""
        if len(post.media) != 1 or not post.media[0].is_video:
            raise self.permanent("a YouTube upload needs exactly one video.")
        data = post.media[0].read()
        size = len(data)
        session = ctx.progress.get("session")
        offset: int | dict[str, Any] = 0
        if session:
            try:
                offset = self._offset(str(session), account, size)
            except ProviderError as exc:
                if exc.status_code not in (404, 410):
                    raise
                session = None  # the session expired; nothing was published by it
        if not session:
            session = self._session(post, account, size)
            ctx.record(session=session)
            offset = 0
        while not isinstance(offset, dict):
            end = min(size, offset + CHUNK_BYTES)
            response = self._call(
                "PUT",
                str(session),
                account,
                ok=(200, 201, 308),
                content=data[offset:end],
                headers={"Content-Range": f"bytes {offset}-{end - 1}/{size}"},
            )
            if response.status_code in (200, 201):
                offset = self._json(response)
            else:
                received = response.headers.get("range")
                offset = int(received.rsplit("-", 1)[1]) + 1 if received else 0
        video_id = str(offset["id"])
        url = (
            f"https://www.youtube.com/shorts/{video_id}"
            if post.kind == "short"
            else f"https://www.youtube.com/watch?v={video_id}"
        )
        return PublishResult(video_id, url)

    def find_by_idempotency(
        self, account: Credentials, post: PostRequest, ctx: PublishContext
    ) -> PublishResult | None:
        """A video of the channel with this title published since the claim, if any."""
        if ctx.progress.get("session"):
            return None  # the recorded session tells publish() whether it completed
        params = {
            "part": "snippet",
            "forMine": "true",
            "type": "video",
            "order": "date",
            "maxResults": "50",
            "publishedAfter": (ctx.since - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        data = self._json(self._call("GET", "/youtube/v3/search", account, params=params))
        title = self._snippet(post)["snippet"]["title"]
        for item in data.get("items") or []:
            if same_text(item.get("snippet", {}).get("title"), title):
                video = str(item["id"]["videoId"])
                return PublishResult(video, f"https://www.youtube.com/watch?v={video}")
        return None

    def fetch_metrics(self, account: Credentials, post_id: str) -> PostMetrics:
        """Statistics from the Data API, watch time from the Analytics API."""
        params = {"part": "statistics", "id": post_id}
        data = self._json(self._call("GET", "/youtube/v3/videos", account, params=params))
        stats = (data.get("items") or [{}])[0].get("statistics", {})
        report = self._json(
            self._call(
                "GET",
                f"{self.analytics_base_url}/v2/reports",
                account,
                params={
                    "ids": "channel==MINE",
                    "metrics": "views,estimatedMinutesWatched",
                    "filters": f"video=={post_id}",
                    "startDate": "2005-01-01",
                    "endDate": "2099-12-31",
                },
            )
        )
        rows = report.get("rows") or []
        minutes = float(rows[0][1]) if rows and len(rows[0]) > 1 else None
        views = int(stats["viewCount"]) if "viewCount" in stats else None
        return PostMetrics(
            impressions=views,
            likes=int(stats.get("likeCount", 0)),
            comments=int(stats.get("commentCount", 0)),
            video_views=views,
            watch_time_s=minutes * 60 if minutes is not None else None,
            raw={**stats, "estimatedMinutesWatched": minutes},
        )
