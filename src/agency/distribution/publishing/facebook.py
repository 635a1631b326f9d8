"""Facebook Pages: ``/{page-id}/feed`` for text and links, ``/photos`` and ``/videos`` for media.

Several photos are uploaded unpublished and attached to one feed post. Branded
content names its sponsor with ``sponsor_id`` (the paid-partnership label).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from agency.distribution.accounts.service import Credentials
from agency.distribution.publishing.meta_graph import GraphPublisher
from agency.distribution.publishing.models import (
    PostMetrics,
    PostRequest,
    PublishContext,
    PublishResult,
    same_text,
)


class FacebookPublisher(GraphPublisher):
    """Posts on a Facebook Page with the Page access token."""

    platform = "facebook"

    def _url(self, post_id: str) -> str:
        return f"https://www.facebook.com/{post_id}"

    def publish(
        self, post: PostRequest, account: Credentials, ctx: PublishContext
    ) -> PublishResult:
        """Post text, a link, one photo, several photos or a video to the Page."""
        page = account.external_id
        sponsor: dict[str, Any] = {}
        if post.disclosure.paid_partnership and post.disclosure.sponsor_id:
            sponsor = {"sponsor_id": post.disclosure.sponsor_id}
        media = post.media
        if len(media) == 1 and media[0].is_video:
            params = {"file_url": self._need_url(media[0]), "description": post.text, **sponsor}
            data = self._json(self._call("POST", f"/{page}/videos", account, data=params))
            video = str(data["id"])
            return PublishResult(video, f"https://www.facebook.com/{page}/videos/{video}")
        if len(media) == 1:
            params = {"url": self._need_url(media[0]), "caption": post.text, **sponsor}
            data = self._json(self._call("POST", f"/{page}/photos", account, data=params))
            post_id = str(data.get("post_id") or data["id"])
            return PublishResult(post_id, self._url(post_id))
        body: dict[str, Any] = {"message": post.text, **sponsor}
        if media:
            photos = list(ctx.progress.get("photos") or [])
            for item in media[len(photos) :]:
                params = {"url": self._need_url(item), "published": "false"}
                data = self._json(self._call("POST", f"/{page}/photos", account, data=params))
                photos.append(str(data["id"]))
                ctx.record(photos=photos)
            body["attached_media"] = json.dumps([{"media_fbid": pid} for pid in photos])
        elif post.link:
            body["link"] = post.link
        data = self._json(self._call("POST", f"/{page}/feed", account, data=body))
        return PublishResult(str(data["id"]), self._url(str(data["id"])))

    def _need_url(self, media: Any) -> str:
        if not media.url:
            raise self.permanent(
                f"media {media.asset_id} has no public URL; the Page API fetches media by URL."
            )
        return str(media.url)

    def find_by_idempotency(
        self, account: Credentials, post: PostRequest, ctx: PublishContext
    ) -> PublishResult | None:
        """A Page post with this message created since the claim, if any."""
        since = int((ctx.since - timedelta(minutes=5)).timestamp())
        params = {"fields": "id,message,created_time", "since": str(since)}
        data = self._json(self._call("GET", f"/{account.external_id}/feed", account, params=params))
        for item in data.get("data") or []:
            if same_text(item.get("message"), post.text):
                return PublishResult(str(item["id"]), self._url(str(item["id"])))
        return None

    def fetch_metrics(self, account: Credentials, post_id: str) -> PostMetrics:
        """Post insights plus reaction, comment and share counts."""
        values = self._insights(
            account,
            post_id,
            "post_impressions,post_impressions_unique,post_clicks,post_video_views",
        )
        fields = "reactions.summary(true),comments.summary(true),shares"
        data = self._json(self._call("GET", f"/{post_id}", account, params={"fields": fields}))
        reactions = data.get("reactions", {}).get("summary", {}).get("total_count", 0)
        comments = data.get("comments", {}).get("summary", {}).get("total_count", 0)
        shares = data.get("shares", {}).get("count", 0)
        views = values.get("post_video_views")
        return PostMetrics(
            impressions=int(values["post_impressions"]) if "post_impressions" in values else None,
            reach=int(values["post_impressions_unique"])
            if "post_impressions_unique" in values
            else None,
            likes=int(reactions),
            comments=int(comments),
            shares=int(shares),
            clicks=int(values["post_clicks"]) if "post_clicks" in values else None,
            video_views=int(views) if views is not None else None,
            raw={**values, "reactions": reactions, "comments": comments, "shares": shares},
        )
