"""Fake LinkedIn REST API: userinfo, Images API upload, Posts API, share statistics.

Requests without ``LinkedIn-Version`` or ``X-Restli-Protocol-Version`` are refused as
LinkedIn does; the created post's URN is in ``x-restli-id``.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import httpx

from agency.distribution.publishing.sandbox.base import FakePlatform
from agency.distribution.publishing.sandbox.world import json_response


class FakeLinkedIn(FakePlatform):
    """LinkedIn, following the documented Posts API flow."""

    platform = "linkedin"
    prefix = "linkedin"

    def setup(self) -> None:
        self.add("GET", r"/v2/userinfo", "userinfo", self.userinfo)
        self.add("POST", r"/rest/images", "images_init", self.images_init)
        self.add("PUT", r"/upload/(?P<image>\d+)", "image_upload", self.image_upload)
        self.add("POST", r"/rest/videos", "videos", self.videos)
        self.add(
            "PUT", r"/video-upload/(?P<video>\d+)/(?P<part>\d+)", "video_part", self.video_part
        )
        self.add("GET", r"/rest/videos/(?P<urn>[^/]+)", "video_status", self.video_status)
        self.add("POST", r"/rest/posts", "create", self.create)
        self.add("GET", r"/rest/posts", "list", self.list_posts)
        self.add("GET", r"/rest/organizationalEntityShareStatistics", "stats", self.stats)

    def auth_error(self) -> httpx.Response:
        body = {
            "status": 401,
            "serviceErrorCode": 65601,
            "code": "EXPIRED_ACCESS_TOKEN",
            "message": "The token used in the request has expired",
        }
        return json_response(401, body)

    def _versioned(self, request: httpx.Request) -> httpx.Response | None:
        if not request.headers.get("linkedin-version"):
            return json_response(
                426,
                {"status": 426, "code": "VERSION_MISSING", "message": "A version must be present."},
            )
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return json_response(
                400, {"status": 400, "message": "X-Restli-Protocol-Version 2.0.0 required"}
            )
        return None

    def userinfo(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        return json_response(200, {"sub": account, "name": f"Member {account}"})

    def images_init(self, request: httpx.Request) -> httpx.Response:
        refused = self._versioned(request)
        if refused:
            return refused
        image = self.world.new_id()
        self.world.objects[f"li-image-{image}"] = {"uploaded": False}
        value = {
            "uploadUrlExpiresAt": 0,
            "uploadUrl": f"{self.base(request)}/upload/{image}",
            "image": f"urn:li:image:{image}",
        }
        return json_response(200, {"value": value})

    def image_upload(self, request: httpx.Request, image: str) -> httpx.Response:
        self.world.objects[f"li-image-{image}"] = {"uploaded": bool(request.content)}
        return httpx.Response(201)

    PART_BYTES = 4 * 1024 * 1024

    def videos(self, request: httpx.Request) -> httpx.Response:
        refused = self._versioned(request)
        if refused:
            return refused
        body = json.loads(request.content)
        if request.url.params.get("action") == "initializeUpload":
            size = int(body["initializeUploadRequest"]["fileSizeBytes"])
            vid = self.world.new_id()
            parts = [
                {
                    "uploadUrl": f"{self.base(request)}/video-upload/{vid}/{n}",
                    "firstByte": start,
                    "lastByte": min(size, start + self.PART_BYTES) - 1,
                }
                for n, start in enumerate(range(0, size, self.PART_BYTES))
            ]
            self.world.objects[f"li-video-{vid}"] = {
                "parts": len(parts),
                "etags": {},
                "status": "WAITING_UPLOAD",
                "polls": 0,
            }
            value = {"video": f"urn:li:video:{vid}", "uploadInstructions": parts, "uploadToken": ""}
            return json_response(200, {"value": value})
        if request.url.params.get("action") == "finalizeUpload":
            req = body["finalizeUploadRequest"]
            video = self.world.objects.get(f"li-video-{req['video'].rsplit(':', 1)[-1]}")
            if video is None or sorted(req["uploadedPartIds"]) != sorted(video["etags"].values()):
                return json_response(
                    400, {"status": 400, "message": "uploadedPartIds do not match the parts"}
                )
            video["status"] = "PROCESSING"
            return httpx.Response(200)
        return json_response(400, {"status": 400, "message": "unknown action"})

    def video_part(self, request: httpx.Request, video: str, part: str) -> httpx.Response:
        record = self.world.objects[f"li-video-{video}"]
        etag = f"etag-{video}-{part}-{len(request.content)}"
        record["etags"][part] = etag
        return httpx.Response(200, headers={"etag": etag})

    def video_status(self, request: httpx.Request, urn: str) -> httpx.Response:
        record = self.world.objects.get(f"li-video-{unquote(urn).rsplit(':', 1)[-1]}")
        if record is None:
            return json_response(404, {"status": 404, "message": f"{urn} not found"})
        if record["status"] == "PROCESSING":
            record["polls"] += 1
            if record["polls"] > self.world.processing_polls:
                record["status"] = "AVAILABLE"
        return json_response(200, {"id": unquote(urn), "status": record["status"]})

    def create(self, request: httpx.Request) -> httpx.Response:
        refused = self._versioned(request)
        if refused:
            return refused
        body = json.loads(request.content)
        author = str(body.get("author", ""))
        if author.rsplit(":", 1)[-1] in self.world.deleted_accounts:
            return json_response(
                403,
                {
                    "status": 403,
                    "code": "ACCESS_DENIED",
                    "message": f"Member {author} does not exist",
                },
            )
        media = (body.get("content") or {}).get("media", {}).get("id")
        if media and media.startswith("urn:li:video:"):
            video = self.world.objects.get(f"li-video-{media.rsplit(':', 1)[-1]}", {})
            if video.get("status") != "AVAILABLE":
                return json_response(
                    422, {"status": 422, "message": f"{media} is not available yet"}
                )
        elif media and not self.world.objects.get(f"li-image-{media.rsplit(':', 1)[-1]}", {}).get(
            "uploaded"
        ):
            return json_response(422, {"status": 422, "message": f"{media} is not uploaded yet"})
        if len(str(body.get("commentary", ""))) > 3000:
            return json_response(
                422, {"status": 422, "message": "commentary exceeds 3000 characters"}
            )
        post = self.world.record("linkedin", author, str(body.get("commentary", "")))
        urn = f"urn:li:share:{post.id}"
        post.data["urn"] = urn
        return httpx.Response(201, headers={"x-restli-id": urn})

    def list_posts(self, request: httpx.Request) -> httpx.Response:
        author = unquote(request.url.params.get("author", ""))
        elements = [
            {
                "id": p.data["urn"],
                "author": author,
                "commentary": p.text,
                "createdAt": int(p.created_at * 1000),
                "lifecycleState": "PUBLISHED",
            }
            for p in reversed(self.world.posts_of("linkedin", author))
        ][: int(request.url.params.get("count", "10"))]
        return json_response(200, {"elements": elements, "paging": {"count": len(elements)}})

    def stats(self, request: httpx.Request) -> httpx.Response:
        shares = unquote(request.url.params.get("shares", ""))
        post_id = shares.rstrip(")").rsplit(":", 1)[-1]
        m = self.metrics_for(post_id)
        stats = {
            "impressionCount": m["impressions"],
            "uniqueImpressionsCount": m["reach"],
            "clickCount": m["clicks"],
            "likeCount": m["likes"],
            "commentCount": m["comments"],
            "shareCount": m["shares"],
        }
        return json_response(200, {"elements": [{"totalShareStatistics": stats}]})
