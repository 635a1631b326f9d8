"""Fake Meta Graph API for Instagram and Facebook Pages.

Instagram: ``/{ig-user}/media`` containers that report IN_PROGRESS for
``world.processing_polls`` reads and then FINISHED (or ERROR for an image URL that
contains ``broken``), ``/{ig-user}/media_publish``, media list and insights. Pages:
``/{page}/feed``, ``/photos``, ``/videos``. Errors use Meta's envelope (code 190 for a
dead token; code 4 with ``X-Business-Use-Case-Usage`` for throttling).
"""

from __future__ import annotations

import json

import httpx

from agency.distribution.publishing.sandbox.base import FakePlatform
from agency.distribution.publishing.sandbox.world import form, json_response


def graph_error(
    message: str, code: int, subcode: int | None = None, kind: str = "OAuthException"
) -> dict[str, object]:
    error: dict[str, object] = {
        "message": message,
        "type": kind,
        "code": code,
        "fbtrace_id": "AbCdEf123",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


def throttled(minutes: int = 1) -> tuple[dict[str, object], dict[str, str]]:
    """The body and headers of Meta's application request limit."""
    usage = {
        "1": [{"type": "instagram", "call_count": 100, "estimated_time_to_regain_access": minutes}]
    }
    body = graph_error("Application request limit reached", 4, kind="OAuthException")
    return body, {"x-business-use-case-usage": json.dumps(usage)}


class FakeGraph(FakePlatform):
    """Graph API: node ids starting with ``ig`` are Instagram users, others are Pages."""

    platform = "meta"
    prefix = "graph"

    def setup(self) -> None:
        self.add("GET", r"/me/accounts", "accounts", self.accounts)
        self.add("POST", r"/(?P<node>[^/]+)/media", "ig_container", self.container)
        self.add("POST", r"/(?P<node>[^/]+)/media_publish", "ig_publish", self.media_publish)
        self.add("GET", r"/(?P<node>[^/]+)/media", "ig_list", self.media_list)
        self.add("POST", r"/(?P<node>[^/]+)/feed", "fb_feed", self.feed)
        self.add("POST", r"/(?P<node>[^/]+)/photos", "fb_photos", self.photos)
        self.add("POST", r"/(?P<node>[^/]+)/videos", "fb_videos", self.videos)
        self.add("GET", r"/(?P<node>[^/]+)/feed", "fb_list", self.feed_list)
        self.add("GET", r"/(?P<node>[^/]+)/insights", "insights", self.insights)
        self.add("GET", r"/(?P<node>[^/]+)", "node", self.node)

    def auth_error(self) -> httpx.Response:
        message = "Error validating access token: Session has expired on Tuesday, 24-Nov-26."
        return json_response(401, graph_error(message, 190, 463))

    def _gone(self, node: str) -> httpx.Response | None:
        if node in self.world.deleted_accounts:
            message = f"Unsupported post request. Object with ID '{node}' does not exist"
            return json_response(400, graph_error(message, 100, 33, "GraphMethodException"))
        return None

    def accounts(self, request: httpx.Request) -> httpx.Response:
        account = self.account(request)
        page = {
            "id": f"page{account}",
            "name": f"Page {account}",
            "access_token": f"tok-page{account}",
            "instagram_business_account": {"id": f"ig{account}", "username": account},
        }
        return json_response(200, {"data": [page]})

    def container(self, request: httpx.Request, node: str) -> httpx.Response:
        gone = self._gone(node)
        if gone:
            return gone
        fields = form(request)
        cid = self.world.new_id()
        url = fields.get("image_url") or fields.get("video_url") or ""
        children = [c for c in fields.get("children", "").split(",") if c]
        for child in children:
            if self.world.objects.get(child, {}).get("status") != "FINISHED":
                message = f"The carousel item {child} is not ready or failed"
                return json_response(400, graph_error(message, 100, 2207032, "OAuthException"))
        self.world.objects[cid] = {
            "kind": "container",
            "owner": node,
            "fields": fields,
            "polls": 0,
            "status": "ERROR" if "broken" in url else "IN_PROGRESS",
        }
        return json_response(200, {"id": cid})

    def node(self, request: httpx.Request, node: str) -> httpx.Response:
        obj = self.world.objects.get(node)
        if obj is not None and obj.get("kind") == "container":
            if obj["status"] == "IN_PROGRESS":
                obj["polls"] += 1
                if obj["polls"] > self.world.processing_polls:
                    obj["status"] = "FINISHED"
            status = (
                "Error: media could not be fetched from the URL (2207052)"
                if obj["status"] == "ERROR"
                else obj["status"]
            )
            return json_response(200, {"id": node, "status_code": obj["status"], "status": status})
        post = self.world.find(node.rsplit("_", 1)[-1])
        if post is None:
            return json_response(
                404, graph_error(f"Object {node} does not exist", 100, 33, "GraphMethodException")
            )
        m = self.metrics_for(node)
        return json_response(
            200,
            {
                "id": node,
                "permalink": f"https://www.instagram.com/p/{node}/",
                "reactions": {"summary": {"total_count": m["likes"]}},
                "comments": {"summary": {"total_count": m["comments"]}},
                "shares": {"count": m["shares"]},
            },
        )

    def media_publish(self, request: httpx.Request, node: str) -> httpx.Response:
        gone = self._gone(node)
        if gone:
            return gone
        cid = form(request).get("creation_id", "")
        obj = self.world.objects.get(cid)
        if obj is None or obj.get("status") != "FINISHED":
            message = (
                "Media ID is not available"
                if obj is None
                else "The media is not ready for publishing, please wait for a moment"
            )
            return json_response(400, graph_error(message, 9007, 2207027, "OAuthException"))
        obj["status"] = "PUBLISHED"
        caption = obj["fields"].get("caption", "")
        post = self.world.record("instagram", node, caption, container=cid)
        return json_response(200, {"id": post.id})

    def media_list(self, request: httpx.Request, node: str) -> httpx.Response:
        since = float(request.url.params.get("since", "0"))
        items = [
            {
                "id": p.id,
                "caption": p.text,
                "timestamp": p.created_at,
                "permalink": f"https://www.instagram.com/p/{p.id}/",
            }
            for p in reversed(self.world.posts_of("instagram", node))
            if p.created_at >= since
        ]
        return json_response(200, {"data": items})

    def _page_post(self, node: str, text: str, **data: object) -> httpx.Response:
        post = self.world.record("facebook", node, text, **data)
        return json_response(200, {"id": f"{node}_{post.id}", "post_id": f"{node}_{post.id}"})

    def feed(self, request: httpx.Request, node: str) -> httpx.Response:
        gone = self._gone(node)
        if gone:
            return gone
        fields = form(request)
        return self._page_post(node, fields.get("message", ""), sponsor=fields.get("sponsor_id"))

    def photos(self, request: httpx.Request, node: str) -> httpx.Response:
        fields = form(request)
        if fields.get("published") == "false":
            pid = self.world.new_id()
            self.world.objects[pid] = {"kind": "photo", "url": fields.get("url")}
            return json_response(200, {"id": pid})
        return self._page_post(node, fields.get("caption", ""), photo=fields.get("url"))

    def videos(self, request: httpx.Request, node: str) -> httpx.Response:
        fields = form(request)
        post = self.world.record("facebook", node, fields.get("description", ""))
        return json_response(200, {"id": post.id})

    def feed_list(self, request: httpx.Request, node: str) -> httpx.Response:
        since = float(request.url.params.get("since", "0"))
        items = [
            {"id": f"{node}_{p.id}", "message": p.text, "created_time": p.created_at}
            for p in reversed(self.world.posts_of("facebook", node))
            if p.created_at >= since
        ]
        return json_response(200, {"data": items})

    def insights(self, request: httpx.Request, node: str) -> httpx.Response:
        m = self.metrics_for(node.rsplit("_", 1)[-1])
        names = request.url.params.get("metric", "").split(",")
        mapping = {
            "reach": m["reach"],
            "views": m["impressions"],
            "likes": m["likes"],
            "comments": m["comments"],
            "shares": m["shares"],
            "saved": m["saves"],
            "post_impressions": m["impressions"],
            "post_impressions_unique": m["reach"],
            "post_clicks": m["clicks"],
            "post_video_views": m["views"],
            "total_interactions": m["likes"] + m["comments"] + m["shares"] + m["saves"],
        }
        data = [
            {"name": n, "period": "lifetime", "values": [{"value": mapping[n]}]}
            for n in names
            if n in mapping
        ]
        return json_response(200, {"data": data})
