"""LinkedIn Posts API: media through the Images or Videos API, then ``POST /rest/posts``.

Every call carries ``LinkedIn-Version`` and ``X-Restli-Protocol-Version: 2.0.0``; the
new post's URN comes back in the ``x-restli-id`` header. Commentary is sent in the
"little text format" so reserved characters do not silently cut the post.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote

from agency.distribution.accounts.service import Credentials
from agency.distribution.formatting import to_little_text
from agency.distribution.publishing.http import HttpPublisher
from agency.distribution.publishing.models import (
    MediaFile,
    PostMetrics,
    PostRequest,
    PublishContext,
    PublishResult,
)

LINKEDIN_VERSION = "202511"


class LinkedInPublisher(HttpPublisher):
    """Posts on a LinkedIn member or organization page."""

    platform = "linkedin"
    default_base_url = "https://api.linkedin.com"

    def _headers(self, account: Credentials) -> dict[str, str]:
        return {
            **super()._headers(account),
            "LinkedIn-Version": LINKEDIN_VERSION,
            "X-Restli-Protocol-Version": "2.0.0",
        }

    def _detail(self, body: dict[str, Any]) -> tuple[str, str | None]:
        code = body.get("code") or body.get("serviceErrorCode")
        return str(body.get("message") or body), str(code) if code else None

    def _upload_image(self, account: Credentials, media: MediaFile) -> str:
        init = self._call(
            "POST",
            "/rest/images",
            account,
            params={"action": "initializeUpload"},
            json={"initializeUploadRequest": {"owner": account.external_id}},
        )
        value = self._json(init)["value"]
        self._call(
            "PUT",
            value["uploadUrl"],
            account,
            content=media.read(),
            headers={"Content-Type": "application/octet-stream"},
        )
        return str(value["image"])

    def _upload_video(self, account: Credentials, media: MediaFile, ctx: PublishContext) -> str:
        """Videos API: initialize, PUT each part, finalize, wait until AVAILABLE."""
        data = media.read()
        init = self._json(
            self._call(
                "POST",
                "/rest/videos",
                account,
                params={"action": "initializeUpload"},
                json={
                    "initializeUploadRequest": {
                        "owner": account.external_id,
                        "fileSizeBytes": len(data),
                        "uploadCaptions": False,
                        "uploadThumbnail": False,
                    }
                },
            )
        )["value"]
        etags = []
        for part in init["uploadInstructions"]:
            chunk = data[int(part["firstByte"]) : int(part["lastByte"]) + 1]
            response = self._call(
                "PUT",
                part["uploadUrl"],
                account,
                content=chunk,
                headers={"Content-Type": "application/octet-stream"},
            )
            etags.append(response.headers.get("etag", ""))
        video = str(init["video"])
        self._call(
            "POST",
            "/rest/videos",
            account,
            params={"action": "finalizeUpload"},
            json={
                "finalizeUploadRequest": {
                    "video": video,
                    "uploadToken": init.get("uploadToken", ""),
                    "uploadedPartIds": etags,
                }
            },
        )
        ctx.record(video=video)
        return video

    def _wait_video(self, account: Credentials, video: str) -> None:
        def check() -> str | None:
            path = f"/rest/videos/{quote(video, safe='')}"
            status = self._json(self._call("GET", path, account)).get("status")
            if status == "PROCESSING_FAILED":
                raise self.permanent(f"video {video} failed processing on LinkedIn.")
            return "ok" if status == "AVAILABLE" else None

        self._poll(check, f"video {video}")

    def publish(
        self, post: PostRequest, account: Credentials, ctx: PublishContext
    ) -> PublishResult:
        """Upload images or the video (kept across attempts), then create the post."""
        images = list(ctx.progress.get("images") or [])
        video = ctx.progress.get("video")
        if post.media and post.media[0].is_video:
            if len(post.media) != 1:
                raise self.permanent("a LinkedIn video post carries exactly one video.")
            video = video or self._upload_video(account, post.media[0], ctx)
            self._wait_video(account, str(video))
        elif len(images) < len(post.media):
            for media in post.media[len(images) :]:
                images.append(self._upload_image(account, media))
                ctx.record(images=images)
        body: dict[str, Any] = {
            "author": account.external_id,
            "commentary": to_little_text(post.text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if video:
            body["content"] = {"media": {"id": video, "title": post.title or ""}}
        elif len(images) == 1:
            body["content"] = {"media": {"id": images[0]}}
        elif images:
            body["content"] = {"multiImage": {"images": [{"id": urn} for urn in images]}}
        elif post.link:
            body["content"] = {"article": {"source": post.link, "title": post.title or post.link}}
        response = self._call("POST", "/rest/posts", account, json=body)
        urn = response.headers.get("x-restli-id") or self._json(response).get("id")
        if not urn:
            raise self.permanent("the post was accepted but LinkedIn returned no x-restli-id.")
        return PublishResult(str(urn), f"https://www.linkedin.com/feed/update/{urn}/")

    def find_by_idempotency(
        self, account: Credentials, post: PostRequest, ctx: PublishContext
    ) -> PublishResult | None:
        """The author's recent post with this commentary created since the claim, if any."""
        params = {"q": "author", "author": account.external_id, "count": "50", "sortBy": "CREATED"}
        data = self._json(self._call("GET", "/rest/posts", account, params=params))
        since_ms = (ctx.since - timedelta(minutes=5)).timestamp() * 1000
        wanted = to_little_text(post.text)
        for element in data.get("elements") or []:
            created = float(element.get("createdAt") or 0)
            if created >= since_ms and element.get("commentary") == wanted:
                urn = str(element["id"])
                return PublishResult(urn, f"https://www.linkedin.com/feed/update/{urn}/")
        return None

    def fetch_metrics(self, account: Credentials, post_id: str) -> PostMetrics:
        """Share statistics (impressions, unique impressions, clicks, reactions)."""
        params = {
            "q": "organizationalEntity",
            "organizationalEntity": account.external_id,
            "shares": f"List({quote(post_id, safe='')})",
        }
        data = self._json(
            self._call("GET", "/rest/organizationalEntityShareStatistics", account, params=params)
        )
        elements = data.get("elements") or [{}]
        stats = elements[0].get("totalShareStatistics", {})
        return PostMetrics(
            impressions=stats.get("impressionCount"),
            reach=stats.get("uniqueImpressionsCount"),
            likes=int(stats.get("likeCount", 0)),
            comments=int(stats.get("commentCount", 0)),
            shares=int(stats.get("shareCount", 0)),
            clicks=stats.get("clickCount"),
            raw=stats,
        )
