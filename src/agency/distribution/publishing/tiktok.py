"""TikTok Content Posting API: creator info → init (direct post or inbox) → upload → status.

Direct post (scope ``video.publish``) needs the creator's allowed privacy levels
first; upload-to-inbox (``video.upload``) leaves a draft the creator finishes in the
app. The ``publish_id`` is recorded as soon as TikTok returns it, so a resumed
attempt polls that publish instead of posting again. ``is_aigc`` labels AI-generated
content; ``brand_content_toggle`` marks a paid partnership.
"""

from __future__ import annotations

import math
from typing import Any

import httpx

from agency.core.errors import ProviderError
from agency.distribution.accounts.service import Credentials
from agency.distribution.publishing.http import AuthExpired, HttpPublisher
from agency.distribution.publishing.models import (
    PostMetrics,
    PostRequest,
    PublishContext,
    PublishResult,
    same_text,
)

CHUNK_BYTES = 10 * 1024 * 1024
AUTH_CODES = frozenset({"access_token_invalid", "scope_not_authorized", "token_expired"})
RATE_CODES = frozenset({"rate_limit_exceeded", "spam_risk_too_many_pending_share"})


class TikTokPublisher(HttpPublisher):
    """Videos on TikTok, posted directly or sent to the creator's inbox."""

    platform = "tiktok"
    default_base_url = "https://open.tiktokapis.com"

    def _detail(self, body: dict[str, Any]) -> tuple[str, str | None]:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        assert isinstance(error, dict)
        code = str(error.get("code") or "")
        return f"{error.get('message') or code} (log id {error.get('log_id', 'n/a')})", code

    def _classify(self, response: httpx.Response) -> ProviderError:
        _, code = self._detail(self._json(response))
        if code in AUTH_CODES and response.status_code != 401:
            error = super()._classify(response)
            return AuthExpired(error.message, provider=self.platform, status_code=401)
        if code in RATE_CODES:
            error = super()._classify(response)
            error.retryable = True
            return error
        return super()._classify(response)

    def _post(self, path: str, account: Credentials, body: dict[str, Any]) -> dict[str, Any]:
        response = self._call(
            "POST", path, account, json=body, headers={"Content-Type": "application/json"}
        )
        data = self._json(response)
        code = (data.get("error") or {}).get("code", "ok")
        if code != "ok":
            raise self._classify(response)
        return dict(data.get("data") or {})

    def _creator_check(self, post: PostRequest, account: Credentials) -> str:
        info = self._post("/v2/post/publish/creator_info/query/", account, {})
        allowed = list(info.get("privacy_level_options") or [])
        wanted = str(post.options.get("privacy_level") or "PUBLIC_TO_EVERYONE")
        if wanted not in allowed:
            if "SELF_ONLY" in allowed and post.options.get("privacy_level") is None:
                wanted = "SELF_ONLY"  # unaudited apps may post only privately
            else:
                raise self.permanent(
                    f"privacy level {wanted} is not allowed for this creator "
                    f"(allowed: {', '.join(allowed) or 'none'})."
                )
        longest = info.get("max_video_post_duration_sec")
        duration = post.media[0].duration_s if post.media and post.media[0].is_video else None
        if longest and duration and duration > float(longest):
            raise self.permanent(
                f"the video is {duration:g} s; this creator may post at most {longest} s."
            )
        return wanted

    def _init_photo(self, post: PostRequest, account: Credentials) -> dict[str, Any]:
        urls = [m.url for m in post.media]
        if not urls or any(u is None for u in urls) or any(m.is_video for m in post.media):
            raise self.permanent("a TikTok photo post needs 1-35 images with public URLs.")
        inbox = bool(post.options.get("inbox"))
        info: dict[str, Any] = {
            "title": (post.title or post.text.split("\n", 1)[0])[:90],
            "description": post.text,
            "disable_comment": bool(post.options.get("disable_comment", False)),
            "auto_add_music": bool(post.options.get("auto_add_music", True)),
            "brand_content_toggle": post.disclosure.paid_partnership,
            "brand_organic_toggle": post.disclosure.own_brand,
        }
        if not inbox:
            info["privacy_level"] = self._creator_check(post, account)
        body = {
            "post_info": info,
            "source_info": {
                "source": "PULL_FROM_URL",
                "photo_cover_index": 0,
                "photo_images": urls,
            },
            "post_mode": "MEDIA_UPLOAD" if inbox else "DIRECT_POST",
            "media_type": "PHOTO",
        }
        return self._post("/v2/post/publish/content/init/", account, body)

    def _init(self, post: PostRequest, account: Credentials) -> dict[str, Any]:
        if post.kind == "photo":
            return self._init_photo(post, account)
        if len(post.media) != 1 or not post.media[0].is_video:
            raise self.permanent("a TikTok video post needs exactly one video.")
        media = post.media[0]
        if media.url:
            source: dict[str, Any] = {"source": "PULL_FROM_URL", "video_url": media.url}
        else:
            size = len(media.read())
            chunk = min(CHUNK_BYTES, size)
            source = {
                "source": "FILE_UPLOAD",
                "video_size": size,
                "chunk_size": chunk,
                "total_chunk_count": max(1, math.floor(size / chunk)),
            }
        if post.kind == "inbox":
            return self._post(
                "/v2/post/publish/inbox/video/init/", account, {"source_info": source}
            )
        privacy = self._creator_check(post, account)
        info = {
            "title": post.text,
            "privacy_level": privacy,
            "disable_comment": bool(post.options.get("disable_comment", False)),
            "disable_duet": bool(post.options.get("disable_duet", False)),
            "disable_stitch": bool(post.options.get("disable_stitch", False)),
            "brand_content_toggle": post.disclosure.paid_partnership,
            "brand_organic_toggle": post.disclosure.own_brand,
            "is_aigc": post.disclosure.ai_generated,
        }
        body = {"post_info": info, "source_info": source}
        return self._post("/v2/post/publish/video/init/", account, body)

    def _upload(self, upload_url: str, post: PostRequest, account: Credentials) -> None:
        data = post.media[0].read()
        size = len(data)
        chunk = min(CHUNK_BYTES, size)
        count = max(1, math.floor(size / chunk))
        for index in range(count):
            start = index * chunk
            end = size if index == count - 1 else start + chunk
            self._call(
                "PUT",
                upload_url,
                None,
                content=data[start:end],
                headers={
                    "Content-Type": post.media[0].media_type,
                    "Content-Range": f"bytes {start}-{end - 1}/{size}",
                },
            )

    def _status(self, account: Credentials, publish_id: str) -> dict[str, Any]:
        return self._post("/v2/post/publish/status/fetch/", account, {"publish_id": publish_id})

    def _wait(self, account: Credentials, publish_id: str) -> dict[str, Any]:
        final: dict[str, Any] = {}

        def check() -> str | None:
            status = self._status(account, publish_id)
            state = status.get("status")
            if state == "FAILED":
                raise self.permanent(
                    f"publish {publish_id} failed: {status.get('fail_reason', 'no reason')}.",
                    publish_id=publish_id,
                )
            if state in ("PUBLISH_COMPLETE", "SEND_TO_USER_INBOX"):
                final.update(status)
                return str(state)
            return None

        self._poll(check, f"publish {publish_id}")
        return final

    def _result(self, publish_id: str, status: dict[str, Any]) -> PublishResult:
        ids = status.get("publicaly_available_post_id") or status.get("publicly_available_post_id")
        if ids:
            video = str(ids[0])
            return PublishResult(
                video, f"https://www.tiktok.com/video/{video}", {"publish_id": publish_id}
            )
        return PublishResult(
            publish_id, None, {"publish_id": publish_id, "status": status.get("status")}
        )

    def publish(
        self, post: PostRequest, account: Credentials, ctx: PublishContext
    ) -> PublishResult:
        """Init (once), upload the file if TikTok does not pull it, then wait for the result."""
        publish_id = ctx.progress.get("publish_id")
        if publish_id is None:
            ctx.record(init_started=True)
            data = self._init(post, account)
            publish_id = str(data["publish_id"])
            ctx.record(publish_id=publish_id, upload_url=data.get("upload_url"))
            if data.get("upload_url"):
                self._upload(str(data["upload_url"]), post, account)
                ctx.record(uploaded=True)
        elif ctx.progress.get("upload_url") and not ctx.progress.get("uploaded"):
            self._upload(str(ctx.progress["upload_url"]), post, account)
            ctx.record(uploaded=True)
        return self._result(str(publish_id), self._wait(account, str(publish_id)))

    def find_by_idempotency(
        self, account: Credentials, post: PostRequest, ctx: PublishContext
    ) -> PublishResult | None:
        """The recorded publish if it completed, else a listed video with this title."""
        publish_id = ctx.progress.get("publish_id")
        if publish_id:
            status = self._status(account, str(publish_id))
            if status.get("status") in ("PUBLISH_COMPLETE", "SEND_TO_USER_INBOX"):
                return self._result(str(publish_id), status)
            return None  # still processing or failed: publish() resumes or reports it
        if not ctx.progress.get("init_started"):
            return None  # no init was ever sent: nothing can exist
        found: list[PublishResult] = []

        def listed() -> str | None:
            data = self._post(
                "/v2/video/list/?fields=id,title,create_time,share_url", account, {"max_count": 20}
            )
            since = ctx.since.timestamp() - 300
            for video in data.get("videos") or []:
                created = float(video.get("create_time", 0))
                if created >= since and same_text(video.get("title"), post.text):
                    found.append(PublishResult(str(video["id"]), video.get("share_url")))
                    return "found"
            return None

        # An init whose answer was lost may still be processing on TikTok's side: give it
        # the processing time before concluding it never happened.
        try:
            self._poll(listed, "reconciliation")
        except ProviderError:
            return None
        return found[0] if found else None

    def fetch_metrics(self, account: Credentials, post_id: str) -> PostMetrics:
        """Views, likes, comments and shares of one video."""
        fields = "id,view_count,like_count,comment_count,share_count"
        data = self._post(
            f"/v2/video/query/?fields={fields}", account, {"filters": {"video_ids": [post_id]}}
        )
        videos = data.get("videos") or [{}]
        video = videos[0]
        views = video.get("view_count")
        return PostMetrics(
            impressions=views,
            likes=int(video.get("like_count", 0)),
            comments=int(video.get("comment_count", 0)),
            shares=int(video.get("share_count", 0)),
            video_views=views,
            raw=video,
        )
