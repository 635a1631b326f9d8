"""Fake TikTok Content Posting API: creator info, direct-post and inbox init, chunk upload,
status fetch, video list and query.

Every answer has TikTok's envelope ``{"data": …, "error": {"code", "message", "log_id"}}``.
A publish moves PROCESSING_UPLOAD/PROCESSING_DOWNLOAD → PUBLISH_COMPLETE (or
SEND_TO_USER_INBOX) after ``world.processing_polls`` status reads.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from agency.distribution.publishing.sandbox.base import FakePlatform
from agency.distribution.publishing.sandbox.world import json_response


def envelope(
    data: dict[str, Any] | None = None, code: str = "ok", message: str = ""
) -> dict[str, Any]:
    return {
        "data": data or {},
        "error": {"code": code, "message": message, "log_id": "202611250000"},
    }


class FakeTikTok(FakePlatform):
    """TikTok, following the documented Content Posting API flow."""

    platform = "tiktok"
    prefix = "tiktok"
    privacy_levels = ("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY")
    processing_s = 0.05

    def setup(self) -> None:
        self.add("GET", r"/v2/user/info/", "user_info", self.user_info)
        self.add("POST", r"/v2/post/publish/creator_info/query/", "creator_info", self.creator_info)
        self.add("POST", r"/v2/post/publish/video/init/", "direct_init", self.direct_init)
        self.add("POST", r"/v2/post/publish/inbox/video/init/", "inbox_init", self.inbox_init)
        self.add("POST", r"/v2/post/publish/content/init/", "content_init", self.content_init)
        self.add("PUT", r"/upload/(?P<pid>[^/]+)", "upload", self.upload, auth=False)
        self.add("POST", r"/v2/post/publish/status/fetch/", "status", self.status)
        self.add("POST", r"/v2/video/list/", "list", self.video_list)
        self.add("POST", r"/v2/video/query/", "query", self.video_query)

    def auth_error(self) -> httpx.Response:
        message = "The access token is invalid or not found in the request."
        return json_response(401, envelope(code="access_token_invalid", message=message))

    def user_info(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        return json_response(200, envelope({"user": {"open_id": account, "display_name": account}}))

    def creator_info(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        if account in self.world.deleted_accounts:
            return json_response(
                200,
                envelope(
                    code="spam_risk_user_banned_from_posting",
                    message="The user is banned from posting.",
                ),
            )
        data = {
            "creator_username": account,
            "privacy_level_options": list(self.privacy_levels),
            "comment_disabled": False,
            "duet_disabled": False,
            "stitch_disabled": False,
            "max_video_post_duration_sec": 600,
        }
        return json_response(200, envelope(data))

    def _init(self, request: httpx.Request, inbox: bool) -> httpx.Response:
        body = json.loads(request.content)
        source = body.get("source_info", {})
        info = body.get("post_info", {})
        if not inbox and info.get("privacy_level") not in self.privacy_levels:
            return json_response(
                400, envelope(code="invalid_params", message="privacy_level is invalid")
            )
        pid = f"v_pub_{self.world.new_id()}"
        record: dict[str, Any] = {
            "kind": "tiktok",
            "account": self.account(request),
            "info": info,
            "inbox": inbox,
            "polls": 0,
            "uploaded": 0,
            "post": None,
        }
        data: dict[str, Any] = {"publish_id": pid}
        if source.get("source") == "FILE_UPLOAD":
            record["size"] = int(source["video_size"])
            data["upload_url"] = f"{self.base(request)}/upload/{pid}"
        elif source.get("source") == "PULL_FROM_URL":
            record["size"] = 0
            record["ready_at"] = time.time() + self.processing_s
        else:
            return json_response(
                400, envelope(code="invalid_params", message="source_info.source is invalid")
            )
        self.world.objects[pid] = record
        return json_response(200, envelope(data))

    def content_init(self, request: httpx.Request) -> httpx.Response:
        """Photo posts: PULL_FROM_URL only, 1-35 images, title <= 90, description <= 4000."""
        body = json.loads(request.content)
        info = body.get("post_info", {})
        images = body.get("source_info", {}).get("photo_images") or []
        if body.get("media_type") != "PHOTO" or not 1 <= len(images) <= 35:
            return json_response(
                400, envelope(code="invalid_params", message="photo_images must hold 1-35 URLs")
            )
        if len(info.get("title", "")) > 90 or len(info.get("description", "")) > 4000:
            return json_response(
                400, envelope(code="invalid_params", message="title or description too long")
            )
        inbox = body.get("post_mode") == "MEDIA_UPLOAD"
        if not inbox and info.get("privacy_level") not in self.privacy_levels:
            return json_response(
                400, envelope(code="invalid_params", message="privacy_level is invalid")
            )
        pid = f"p_pub_{self.world.new_id()}"
        post_info = {**info, "title": info.get("description", "")}
        self.world.objects[pid] = {
            "kind": "tiktok",
            "account": self.account(request),
            "info": post_info,
            "inbox": inbox,
            "polls": 0,
            "uploaded": 0,
            "size": 0,
            "post": None,
            "ready_at": time.time() + self.processing_s,
            "photos": len(images),
        }
        return json_response(200, envelope({"publish_id": pid}))

    def direct_init(self, request: httpx.Request) -> httpx.Response:
        return self._init(request, inbox=False)

    def inbox_init(self, request: httpx.Request) -> httpx.Response:
        return self._init(request, inbox=True)

    def upload(self, request: httpx.Request, pid: str) -> httpx.Response:
        record = self.world.objects.get(pid)
        if record is None:
            return json_response(404, envelope(code="invalid_publish_id", message="unknown upload"))
        record["uploaded"] += len(request.content)
        done = record["uploaded"] >= record["size"]
        if done:
            record["ready_at"] = time.time() + self.processing_s
        return httpx.Response(201 if done else 206)

    def tick(self) -> None:
        """Publishes finish on TikTok's side whether or not anyone polls."""
        now = time.time()
        for record in list(self.world.objects.values()):
            ready = record.get("kind") == "tiktok" and record["ready_at"] is not None
            if (
                ready
                and record["ready_at"] <= now
                and record["post"] is None
                and not record["inbox"]
            ):
                post = self.world.record(
                    "tiktok",
                    record["account"],
                    str(record["info"].get("title", "")),
                    aigc=record["info"].get("is_aigc"),
                    branded=record["info"].get("brand_content_toggle"),
                )
                record["post"] = post.id

    def status(self, request: httpx.Request) -> httpx.Response:
        self.tick()
        pid = json.loads(request.content).get("publish_id", "")
        record = self.world.objects.get(pid)
        if record is None:
            return json_response(
                400, envelope(code="invalid_publish_id", message="publish_id not found")
            )
        if record["uploaded"] < record["size"]:
            return json_response(200, envelope({"status": "PROCESSING_UPLOAD"}))
        record["polls"] += 1
        if record["polls"] <= self.world.processing_polls or record["ready_at"] > time.time():
            return json_response(200, envelope({"status": "PROCESSING_DOWNLOAD"}))
        if record["inbox"]:
            return json_response(200, envelope({"status": "SEND_TO_USER_INBOX"}))
        return json_response(
            200,
            envelope(
                {"status": "PUBLISH_COMPLETE", "publicaly_available_post_id": [record["post"]]}
            ),
        )

    def video_list(self, request: httpx.Request) -> httpx.Response:
        self.tick()
        account = self.account(request)
        videos = [
            {
                "id": p.id,
                "title": p.text,
                "create_time": int(p.created_at),
                "share_url": f"https://www.tiktok.com/@{account}/video/{p.id}",
            }
            for p in reversed(self.world.posts_of("tiktok", account))
        ]
        return json_response(200, envelope({"videos": videos, "has_more": False}))

    def video_query(self, request: httpx.Request) -> httpx.Response:
        ids = json.loads(request.content).get("filters", {}).get("video_ids", [])
        videos = []
        for vid in ids:
            m = self.metrics_for(vid)
            videos.append(
                {
                    "id": vid,
                    "view_count": m["views"],
                    "like_count": m["likes"],
                    "comment_count": m["comments"],
                    "share_count": m["shares"],
                }
            )
        return json_response(200, envelope({"videos": videos}))
