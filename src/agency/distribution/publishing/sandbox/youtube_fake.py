"""Fake YouTube Data API (resumable upload, channels, search, videos) and Analytics reports.

A resumable session answers 308 with ``Range`` until all bytes arrived, then the
video resource; ``PUT`` with ``Content-Range: bytes */N`` asks how far it got.
Errors use Google's envelope ``{"error": {"code", "message", "errors": [{"reason"}]}}``.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import httpx

from agency.distribution.publishing.sandbox.base import FakePlatform
from agency.distribution.publishing.sandbox.world import json_response


def google_error(code: int, message: str, reason: str, status: str = "") -> dict[str, object]:
    return {
        "error": {
            "code": code,
            "message": message,
            "status": status,
            "errors": [{"message": message, "domain": "youtube", "reason": reason}],
        }
    }


class FakeYouTube(FakePlatform):
    """YouTube, following the documented resumable upload protocol."""

    platform = "youtube"
    prefix = "youtube"

    def setup(self) -> None:
        self.add("GET", r"/youtube/v3/channels", "channels", self.channels)
        self.add("POST", r"/upload/youtube/v3/videos", "upload_start", self.start)
        self.add("PUT", r"/upload/session/(?P<sid>[^/]+)", "upload_put", self.put)
        self.add("GET", r"/youtube/v3/search", "search", self.search)
        self.add("GET", r"/youtube/v3/videos", "videos", self.videos)
        self.add("GET", r"/analytics/v2/reports", "reports", self.reports)

    def auth_error(self) -> httpx.Response:
        message = "Request had invalid authentication credentials. Expected OAuth 2 access token."
        return json_response(401, google_error(401, message, "authError", "UNAUTHENTICATED"))

    def channels(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        return json_response(
            200, {"items": [{"id": account, "snippet": {"title": f"Channel {account}"}}]}
        )

    def start(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        if account in self.world.deleted_accounts:
            return json_response(403, google_error(403, "The channel is suspended.", "forbidden"))
        meta = json.loads(request.content)
        sid = self.world.new_id()
        self.world.objects[f"yt-{sid}"] = {
            "account": account,
            "meta": meta,
            "received": 0,
            "size": int(request.headers["x-upload-content-length"]),
            "video": None,
        }
        location = f"{self.base(request)}/upload/session/{sid}?upload_id={sid}"
        return httpx.Response(200, headers={"location": location})

    def put(self, request: httpx.Request, sid: str) -> httpx.Response:
        session = self.world.objects.get(f"yt-{sid}")
        if session is None:
            return json_response(404, google_error(404, "Upload session not found", "notFound"))
        if session["video"] is not None:
            return json_response(200, self._resource(session["video"]))
        match = re.match(
            r"bytes (\d+)-(\d+)/(\d+)|bytes \*/(\d+)", request.headers.get("content-range", "")
        )
        if match and match.group(1) is not None:
            start, end = int(match.group(1)), int(match.group(2))
            if start != session["received"]:
                return httpx.Response(308, headers=self._range(session))
            session["received"] = end + 1
        if session["received"] < session["size"]:
            return httpx.Response(308, headers=self._range(session))
        snippet = session["meta"].get("snippet", {})
        text = f"{snippet.get('title', '')}\n{snippet.get('description', '')}"
        post = self.world.record(
            "youtube",
            session["account"],
            snippet.get("title", ""),
            description=text,
            status=session["meta"].get("status", {}),
        )
        session["video"] = post.id
        return json_response(200, self._resource(post.id))

    @staticmethod
    def _range(session: dict[str, int]) -> dict[str, str]:
        return {"range": f"bytes=0-{session['received'] - 1}"} if session["received"] else {}

    def _resource(self, video_id: str) -> dict[str, object]:
        post = self.world.find(video_id)
        assert post is not None
        return {
            "kind": "youtube#video",
            "id": video_id,
            "snippet": {"title": post.text},
            "status": post.data.get("status", {}),
        }

    def search(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        after = request.url.params.get("publishedAfter")
        since = datetime.fromisoformat(after.replace("Z", "+00:00")).timestamp() if after else 0
        items = [
            {
                "id": {"kind": "youtube#video", "videoId": p.id},
                "snippet": {
                    "title": p.text,
                    "publishedAt": datetime.fromtimestamp(p.created_at, UTC).isoformat(),
                },
            }
            for p in reversed(self.world.posts_of("youtube", account))
            if p.created_at >= since
        ]
        return json_response(200, {"items": items[:50]})

    def videos(self, request: httpx.Request) -> httpx.Response:
        vid = request.url.params.get("id", "")
        m = self.metrics_for(vid)
        stats = {
            "viewCount": str(m["views"]),
            "likeCount": str(m["likes"]),
            "commentCount": str(m["comments"]),
        }
        return json_response(200, {"items": [{"id": vid, "statistics": stats}]})

    def reports(self, request: httpx.Request) -> httpx.Response:
        vid = request.url.params.get("filters", "").split("==")[-1]
        m = self.metrics_for(vid)
        headers = [{"name": "views"}, {"name": "estimatedMinutesWatched"}]
        return json_response(200, {"columnHeaders": headers, "rows": [[m["views"], m["minutes"]]]})
