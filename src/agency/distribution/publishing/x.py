"""X (API v2): chunked media upload, ``POST /2/tweets``, threads chained by reply.

Each part of a thread is recorded as soon as X answers, so a resumed attempt
continues after the last posted part (replying to it) instead of starting over.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from agency.core.errors import ProviderError
from agency.distribution.accounts.service import Credentials
from agency.distribution.publishing.http import AccountGone, HttpPublisher
from agency.distribution.publishing.models import (
    MediaFile,
    PostMetrics,
    PostRequest,
    PublishContext,
    PublishResult,
    same_text,
)

CHUNK_BYTES = 4 * 1024 * 1024


class XPublisher(HttpPublisher):
    """Posts and threads on X through API v2."""

    platform = "x"
    default_base_url = "https://api.x.com"

    def _detail(self, body: dict[str, Any]) -> tuple[str, str | None]:
        errors = body.get("errors") or []
        first = errors[0] if errors and isinstance(errors[0], dict) else {}
        message = body.get("detail") or first.get("message") or body.get("title") or str(body)
        return str(message), str(body.get("type") or first.get("code") or "") or None

    def _upload(self, account: Credentials, media: MediaFile) -> str:
        data = media.read()
        category = "tweet_video" if media.is_video else "tweet_image"
        init = self._call(
            "POST",
            "/2/media/upload/initialize",
            account,
            json={
                "media_type": media.media_type,
                "total_bytes": len(data),
                "media_category": category,
            },
        )
        media_id = str(self._json(init)["data"]["id"])
        for index, start in enumerate(range(0, len(data), CHUNK_BYTES)):
            self._call(
                "POST",
                f"/2/media/upload/{media_id}/append",
                account,
                data={"segment_index": str(index)},
                files={"media": ("chunk", data[start : start + CHUNK_BYTES])},
            )
        final = self._json(self._call("POST", f"/2/media/upload/{media_id}/finalize", account))
        info = final.get("data", {}).get("processing_info")
        if info:
            self._poll(lambda: self._media_state(account, media_id), f"media {media_id}")
        return media_id

    def _media_state(self, account: Credentials, media_id: str) -> str | None:
        response = self._call(
            "GET", "/2/media/upload", account, params={"command": "STATUS", "media_id": media_id}
        )
        info = self._json(response).get("data", {}).get("processing_info", {})
        state = info.get("state")
        if state == "failed":
            error = info.get("error", {})
            raise self.permanent(
                f"media {media_id} failed processing: {error.get('message', 'unknown error')}"
            )
        return "ok" if state in ("succeeded", None) else None

    def publish(
        self, post: PostRequest, account: Credentials, ctx: PublishContext
    ) -> PublishResult:
        """Upload media once, then post each part of the thread in reply to the previous one."""
        media_ids = list(ctx.progress.get("media_ids") or [])
        if len(media_ids) < len(post.media):
            media_ids = [self._upload(account, media) for media in post.media]
            ctx.record(media_ids=media_ids)
        posted: list[str] = list(ctx.progress.get("posted") or [])
        texts = post.texts
        for index in range(len(posted), len(texts)):
            text = texts[index]
            existing = self._find_text(account, text, ctx) if ctx.resumed else None
            if existing is None:
                body: dict[str, Any] = {"text": text}
                if index == 0 and media_ids:
                    body["media"] = {"media_ids": media_ids}
                if posted:
                    body["reply"] = {"in_reply_to_tweet_id": posted[-1]}
                try:
                    response = self._call("POST", "/2/tweets", account, json=body)
                except ProviderError as exc:
                    if posted and not exc.retryable:
                        exc.message = (
                            f"{exc.message} (thread: {len(posted)} of {len(texts)} parts "
                            f"posted: {', '.join(posted)}; part {index + 1} refused)"
                        )
                    raise
                existing = str(self._json(response)["data"]["id"])
            posted.append(existing)
            ctx.record(posted=posted)
        return PublishResult(
            platform_post_id=posted[0],
            url=f"https://x.com/i/web/status/{posted[0]}",
            extra={"thread_ids": posted},
        )

    def _recent(self, account: Credentials, ctx: PublishContext) -> list[dict[str, Any]]:
        start = (ctx.since - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
        params = {"max_results": "100", "start_time": start, "tweet.fields": "created_at"}
        try:
            response = self._call(
                "GET", f"/2/users/{account.external_id}/tweets", account, params=params
            )
        except ProviderError as exc:
            if exc.status_code == 404:
                raise AccountGone(
                    f"x: the account {account.external_id} no longer exists.",
                    provider=self.platform,
                    status_code=404,
                ) from exc
            raise
        return list(self._json(response).get("data") or [])

    def _find_text(self, account: Credentials, text: str, ctx: PublishContext) -> str | None:
        posted = set(ctx.progress.get("posted") or [])
        for tweet in self._recent(account, ctx):
            if same_text(tweet.get("text"), text) and str(tweet["id"]) not in posted:
                return str(tweet["id"])
        return None

    def find_by_idempotency(
        self, account: Credentials, post: PostRequest, ctx: PublishContext
    ) -> PublishResult | None:
        """The first post of the thread if X already has it (matched by text since the claim)."""
        if ctx.progress.get("posted"):
            return None  # a partly posted thread resumes in publish()
        found = self._find_text(account, post.texts[0], ctx)
        if found is None or len(post.texts) > 1:
            if found is not None:
                ctx.record(posted=[found])
            return None
        return PublishResult(found, f"https://x.com/i/web/status/{found}")

    def fetch_metrics(self, account: Credentials, post_id: str) -> PostMetrics:
        """Public and non-public metrics of one post."""
        params = {"tweet.fields": "public_metrics,non_public_metrics"}
        data = self._json(self._call("GET", f"/2/tweets/{post_id}", account, params=params))
        tweet = data.get("data", {})
        public = tweet.get("public_metrics", {})
        private = tweet.get("non_public_metrics", {})
        clicks = private.get("url_link_clicks")
        return PostMetrics(
            impressions=public.get("impression_count"),
            likes=int(public.get("like_count", 0)),
            comments=int(public.get("reply_count", 0)),
            shares=int(public.get("retweet_count", 0)) + int(public.get("quote_count", 0)),
            saves=int(public.get("bookmark_count", 0)),
            clicks=int(clicks) if clicks is not None else None,
            raw=tweet,
        )
