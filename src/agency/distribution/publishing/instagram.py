"""Instagram Graph API: media container → wait for FINISHED → ``media_publish``.

Images, Reels (all feed videos publish as Reels) and carousels (a container of child
containers). Container ids are recorded as they are made, so a resumed attempt waits
on the same containers instead of creating new ones; a child that ends in ERROR fails
the whole carousel before anything is published, naming the child.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from agency.distribution.accounts.service import Credentials
from agency.distribution.publishing.meta_graph import GraphPublisher
from agency.distribution.publishing.models import (
    MediaFile,
    PostMetrics,
    PostRequest,
    PublishContext,
    PublishResult,
    same_text,
)


class InstagramPublisher(GraphPublisher):
    """Feed images, Reels, stories and carousels on an Instagram professional account."""

    platform = "instagram"

    def _media_url(self, media: MediaFile) -> str:
        if not media.url:
            raise self.permanent(
                f"media {media.asset_id} has no public URL; Instagram fetches media by URL.",
                fix="Serve the asset store publicly (S3 bucket or public_base_url).",
            )
        return media.url

    def _container(self, account: Credentials, params: dict[str, Any]) -> str:
        response = self._call("POST", f"/{account.external_id}/media", account, data=params)
        return str(self._json(response)["id"])

    def _wait(self, account: Credentials, container: str, what: str) -> None:
        def check() -> str | None:
            params = {"fields": "status_code,status"}
            data = self._json(self._call("GET", f"/{container}", account, params=params))
            code = data.get("status_code")
            if code in ("ERROR", "EXPIRED"):
                raise self.permanent(
                    f"{what} container {container} ended {code}: "
                    f"{data.get('status') or 'no reason given'}; nothing was published.",
                    container=container,
                )
            return "ok" if code in ("FINISHED", "PUBLISHED") else None

        self._poll(check, f"{what} container {container}")

    def _item_params(self, media: MediaFile, post: PostRequest) -> dict[str, Any]:
        if media.is_video:
            return {
                "media_type": "REELS" if post.kind != "story" else "STORIES",
                "video_url": self._media_url(media),
            }
        params: dict[str, Any] = {"image_url": self._media_url(media)}
        if post.kind == "story":
            params["media_type"] = "STORIES"
        return params

    def publish(
        self, post: PostRequest, account: Credentials, ctx: PublishContext
    ) -> PublishResult:
        """Create (or reuse) the containers, wait until they are ready, then publish."""
        if not post.media:
            raise self.permanent("an Instagram post needs an image or a video.")
        parent = ctx.progress.get("container")
        if parent is None:
            if len(post.media) > 1:
                children = list(ctx.progress.get("children") or [])
                for media in post.media[len(children) :]:
                    params = {**self._item_params(media, post), "is_carousel_item": "true"}
                    if params.get("media_type") == "REELS":
                        params["media_type"] = "VIDEO"
                    children.append(self._container(account, params))
                    ctx.record(children=children)
                for index, child in enumerate(children, start=1):
                    self._wait(account, child, f"carousel item {index} of {len(children)}")
                params = {
                    "media_type": "CAROUSEL",
                    "children": ",".join(children),
                    "caption": post.text,
                }
            else:
                params = {**self._item_params(post.media[0], post), "caption": post.text}
                if post.kind == "reel":
                    params["share_to_feed"] = "true"
            parent = self._container(account, params)
            ctx.record(container=parent)
        self._wait(account, parent, "post")
        response = self._call(
            "POST",
            f"/{account.external_id}/media_publish",
            account,
            data={"creation_id": parent},
        )
        media_id = str(self._json(response)["id"])
        return PublishResult(media_id, self._permalink(account, media_id))

    def _permalink(self, account: Credentials, media_id: str) -> str | None:
        data = self._json(
            self._call("GET", f"/{media_id}", account, params={"fields": "permalink"})
        )
        link = data.get("permalink")
        return str(link) if link else None

    def find_by_idempotency(
        self, account: Credentials, post: PostRequest, ctx: PublishContext
    ) -> PublishResult | None:
        """A media item with this caption published since the claim, if any."""
        since = int((ctx.since - timedelta(minutes=5)).timestamp())
        params = {"fields": "id,caption,timestamp,permalink", "since": str(since)}
        data = self._json(
            self._call("GET", f"/{account.external_id}/media", account, params=params)
        )
        for media in data.get("data") or []:
            if same_text(media.get("caption"), post.text):
                return PublishResult(str(media["id"]), media.get("permalink"))
        return None

    def fetch_metrics(self, account: Credentials, post_id: str) -> PostMetrics:
        """Media insights: reach, views, likes, comments, shares, saves."""
        values = self._insights(
            account, post_id, "reach,views,likes,comments,shares,saved,total_interactions"
        )
        views = values.get("views")
        return PostMetrics(
            impressions=int(views) if views is not None else None,
            reach=int(values["reach"]) if "reach" in values else None,
            likes=int(values.get("likes", 0)),
            comments=int(values.get("comments", 0)),
            shares=int(values.get("shares", 0)),
            saves=int(values.get("saved", 0)),
            video_views=int(views) if views is not None else None,
            raw=values,
        )
