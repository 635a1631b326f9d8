"""The shared state of the local platform servers: posts, tokens, injected faults.

A :class:`SandboxWorld` is what the fake platforms publish into; it counts every
creation by platform and text, so a test (or the chaos run) can assert that each
post exists exactly once. Faults are queued per route and answered once each.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from agency.distribution.publishing.models import fingerprint


@dataclass
class Fault:
    """One scripted answer: status, JSON body, headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class StoredPost:
    """A post as a fake platform keeps it."""

    id: str
    platform: str
    account: str
    text: str
    created_at: float
    data: dict[str, Any] = field(default_factory=dict)


class SandboxWorld:
    """Posts, tokens and faults of every fake platform; thread-safe."""

    def __init__(self, *, processing_polls: int = 1, latency_s: float = 0.0) -> None:
        self.lock = threading.RLock()
        self.posts: list[StoredPost] = []
        self.creations: Counter[tuple[str, str]] = Counter()
        self.requests: list[tuple[str, str, str]] = []
        self.faults: dict[tuple[str, str], list[Fault]] = {}
        self.expired_tokens: set[str] = set()
        self.deleted_accounts: set[str] = set()
        self.processing_polls = processing_polls
        self.latency_s = latency_s
        self.objects: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1_000_001)

    def new_id(self) -> str:
        with self.lock:
            return str(next(self._ids))

    def inject(self, platform: str, route: str, fault: Fault, *, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``platform``'s ``route`` with ``fault``."""
        with self.lock:
            self.faults.setdefault((platform, route), []).extend([fault] * times)

    def take_fault(self, platform: str, route: str) -> Fault | None:
        with self.lock:
            queue = self.faults.get((platform, route))
            return queue.pop(0) if queue else None

    def record(self, platform: str, account: str, text: str, **data: Any) -> StoredPost:
        """Create a post (counted by platform and text fingerprint)."""
        if self.latency_s:
            time.sleep(self.latency_s)
        with self.lock:
            post = StoredPost(self.new_id(), platform, account, text, time.time(), dict(data))
            self.posts.append(post)
            self.creations[(platform, fingerprint(text))] += 1
            return post

    def count(self, platform: str, text: str) -> int:
        """How many times ``text`` was published on ``platform``."""
        with self.lock:
            return self.creations[(platform, fingerprint(text))]

    def posts_of(self, platform: str, account: str | None = None) -> list[StoredPost]:
        with self.lock:
            return [
                p
                for p in self.posts
                if p.platform == platform and (account is None or p.account == account)
            ]

    def find(self, post_id: str) -> StoredPost | None:
        with self.lock:
            return next((p for p in self.posts if p.id == post_id), None)


def json_response(
    status: int,
    body: dict[str, Any] | list[Any] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """A JSON response as a fake platform answers."""
    content = b"" if body is None else json.dumps(body).encode()
    all_headers = {"content-type": "application/json", **(headers or {})}
    return httpx.Response(status, content=content, headers=all_headers)


def bearer(request: httpx.Request) -> str | None:
    value = request.headers.get("authorization", "")
    return value[7:] if value.lower().startswith("bearer ") else None


def form(request: httpx.Request) -> dict[str, str]:
    """Fields of a form-encoded or JSON body, or of the query for GETs."""
    from urllib.parse import parse_qsl

    fields = dict(request.url.params)
    body = request.content
    kind = request.headers.get("content-type", "")
    if body and "json" in kind:
        data = json.loads(body)
        if isinstance(data, dict):
            fields.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()})
    elif body and "x-www-form-urlencoded" in kind:
        fields.update(dict(parse_qsl(body.decode())))
    return fields
