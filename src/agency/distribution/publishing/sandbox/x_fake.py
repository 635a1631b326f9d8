"""Fake X API v2: users/me, chunked media upload, POST /2/tweets, user timeline, metrics.

Errors as X documents them (problem+json: title, detail, type, status); a 429 carries
``x-rate-limit-limit/remaining/reset``; a duplicate text is a 403.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from agency.distribution.publishing.models import same_text
from agency.distribution.publishing.sandbox.base import FakePlatform
from agency.distribution.publishing.sandbox.world import json_response


def problem(status: int, title: str, detail: str, kind: str = "about:blank") -> dict[str, Any]:
    return {"title": title, "detail": detail, "type": kind, "status": status}


class FakeX(FakePlatform):
    """X, following the documented v2 flow."""

    platform = "x"
    prefix = "x"

    def setup(self) -> None:
        self.add("GET", r"/2/users/me", "me", self.me)
        self.add("POST", r"/2/media/upload/initialize", "media_init", self.media_init)
        self.add("POST", r"/2/media/upload/(?P<mid>\d+)/append", "media_append", self.media_append)
        self.add("POST", r"/2/media/upload/(?P<mid>\d+)/finalize", "media_finalize", self.finalize)
        self.add("GET", r"/2/media/upload", "media_status", self.media_status)
        self.add("POST", r"/2/tweets", "create", self.create)
        self.add("GET", r"/2/users/(?P<uid>[^/]+)/tweets", "timeline", self.timeline)
        self.add("GET", r"/2/tweets/(?P<tid>\d+)", "lookup", self.lookup)

    def auth_error(self) -> httpx.Response:
        return json_response(401, problem(401, "Unauthorized", "Unauthorized"))

    def rate_limited(self) -> httpx.Response:
        reset = str(int(time.time()) + 1)
        headers = {
            "x-rate-limit-limit": "100",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": reset,
        }
        return json_response(429, problem(429, "Too Many Requests", "Too Many Requests"), headers)

    def me(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        return json_response(200, {"data": {"id": account, "name": account, "username": account}})

    def media_init(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        media_id = self.world.new_id()
        video = str(body.get("media_category", "")).endswith("video")
        self.world.objects[media_id] = {
            "bytes": 0,
            "total": body["total_bytes"],
            "polls": 0,
            "video": video,
        }
        return json_response(
            200,
            {"data": {"id": media_id, "media_key": f"3_{media_id}", "expires_after_secs": 86400}},
        )

    def media_append(self, request: httpx.Request, mid: str) -> httpx.Response:
        media = self.world.objects.get(mid)
        if media is None:
            return json_response(400, problem(400, "Invalid Request", f"unknown media {mid}"))
        media["bytes"] += len(request.content)  # multipart framing included; enough to check >0
        return httpx.Response(204)

    def finalize(self, request: httpx.Request, mid: str) -> httpx.Response:
        media = self.world.objects[mid]
        data: dict[str, Any] = {"id": mid, "media_key": f"3_{mid}", "size": media["total"]}
        if media["video"]:
            data["processing_info"] = {"state": "pending", "check_after_secs": 1}
        return json_response(200, {"data": data})

    def media_status(self, request: httpx.Request) -> httpx.Response:
        mid = request.url.params.get("media_id", "")
        media = self.world.objects.get(mid)
        if media is None:
            return json_response(400, problem(400, "Invalid Request", f"unknown media {mid}"))
        media["polls"] += 1
        state = "succeeded" if media["polls"] > self.world.processing_polls else "in_progress"
        return json_response(
            200, {"data": {"id": mid, "processing_info": {"state": state, "progress_percent": 50}}}
        )

    def create(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        account = self.account(request)
        if account in self.world.deleted_accounts:
            return json_response(403, problem(403, "Forbidden", "This account is suspended."))
        text = str(body.get("text", ""))
        for post in self.world.posts_of("x", account):
            if same_text(post.text, text):
                detail = "You are not allowed to create a Tweet with duplicate content."
                return json_response(403, problem(403, "Forbidden", detail))
        reply = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if reply and self.world.find(str(reply)) is None:
            return json_response(
                400, problem(400, "Invalid Request", "in_reply_to_tweet_id does not exist")
            )
        for mid in (body.get("media") or {}).get("media_ids", []):
            if mid not in self.world.objects:
                return json_response(400, problem(400, "Invalid Request", f"media {mid} not found"))
        post = self.world.record("x", account, text, reply=reply)
        return json_response(
            201, {"data": {"id": post.id, "text": text, "edit_history_tweet_ids": [post.id]}}
        )

    def timeline(self, request: httpx.Request, uid: str) -> httpx.Response:
        if uid in self.world.deleted_accounts:
            detail = f"Could not find user with id: [{uid}]."
            return json_response(404, problem(404, "Not Found Error", detail))
        start = request.url.params.get("start_time")
        since = datetime.fromisoformat(start.replace("Z", "+00:00")).timestamp() if start else 0
        tweets = [
            {
                "id": p.id,
                "text": p.text,
                "created_at": datetime.fromtimestamp(p.created_at, UTC).isoformat(),
            }
            for p in reversed(self.world.posts_of("x", uid))
            if p.created_at >= since
        ][:100]
        return json_response(200, {"data": tweets, "meta": {"result_count": len(tweets)}})

    def lookup(self, request: httpx.Request, tid: str) -> httpx.Response:
        post = self.world.find(tid)
        if post is None:
            return json_response(
                404, problem(404, "Not Found Error", f"Could not find tweet {tid}")
            )
        m = self.metrics_for(tid)
        public = {
            "impression_count": m["impressions"],
            "like_count": m["likes"],
            "reply_count": m["comments"],
            "retweet_count": m["shares"],
            "quote_count": 0,
            "bookmark_count": m["saves"],
        }
        data = {
            "id": tid,
            "text": post.text,
            "public_metrics": public,
            "non_public_metrics": {"url_link_clicks": m["clicks"], "user_profile_clicks": 1},
        }
        return json_response(200, {"data": data})
