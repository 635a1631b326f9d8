"""A fake platform: a route table over :class:`httpx.Request`, auth and scripted faults.

Access tokens in the sandbox name their account: ``tok-<account id>`` acts for
``<account id>``. Tokens listed in ``world.expired_tokens`` get the platform's 401.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import httpx

from agency.distribution.publishing.sandbox.world import SandboxWorld, bearer, json_response

Handler = Callable[..., httpx.Response]


class FakePlatform:
    """Routes requests to handlers; subclasses add routes and their error bodies."""

    platform = "fake"
    prefix = "fake"

    def __init__(self, world: SandboxWorld) -> None:
        self.world = world
        self.routes: list[tuple[str, re.Pattern[str], str, Handler, bool]] = []
        self.setup()

    def setup(self) -> None:
        """Register routes (subclasses)."""

    def add(
        self, method: str, pattern: str, name: str, handler: Handler, *, auth: bool = True
    ) -> None:
        self.routes.append((method, re.compile(pattern), name, handler, auth))

    def base(self, request: httpx.Request) -> str:
        return f"{request.url.scheme}://{request.url.netloc.decode()}/{self.prefix}"

    def account(self, request: httpx.Request) -> str:
        token = bearer(request) or ""
        return token[4:] if token.startswith("tok-") else token

    def auth_error(self) -> httpx.Response:
        return json_response(401, {"message": "Unauthorized"})

    def rate_limited(self) -> httpx.Response:
        reset = int(time.time()) + 1
        return json_response(
            429, {"message": "Too Many Requests"}, {"x-rate-limit-reset": str(reset)}
        )

    def not_found(self, what: str) -> httpx.Response:
        return json_response(404, {"message": f"not found: {what}"})

    def handle(self, request: httpx.Request, path: str) -> httpx.Response:
        """Answer ``request`` (``path`` is the part after this platform's prefix)."""
        self.world.requests.append((self.platform, request.method, path))
        for method, pattern, name, handler, auth in self.routes:
            match = pattern.fullmatch(path)
            if match is None or method != request.method:
                continue
            fault = self.world.take_fault(self.platform, name)
            if fault is not None:
                return json_response(fault.status, fault.body, fault.headers)
            if auth:
                token = bearer(request)
                if not token or token in self.world.expired_tokens:
                    return self.auth_error()
            return handler(request, **match.groupdict())
        return self.not_found(f"{request.method} {path}")

    @staticmethod
    def metrics_for(post_id: str) -> dict[str, Any]:
        """Deterministic numbers for a post, so metrics tests know the answer."""
        seed = int(post_id[-4:]) if post_id[-4:].isdigit() else 7
        impressions = 1000 + seed * 10
        return {
            "impressions": impressions,
            "reach": impressions * 8 // 10,
            "likes": 40 + seed % 10,
            "comments": 5,
            "shares": 3,
            "saves": 2,
            "clicks": 12,
            "views": impressions // 2,
            "minutes": 33.5,
        }
