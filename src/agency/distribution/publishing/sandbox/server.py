"""The local platform servers: every fake behind one HTTP server (or an in-process transport).

``/x``, ``/linkedin``, ``/graph`` (Instagram and Facebook), ``/tiktok``, ``/youtube``
and ``/oauth`` prefixes route to the fakes. Tests and the benchmark use
:class:`SandboxServer`; the same fakes also serve as :meth:`Sandbox.transport` for
``httpx.MockTransport`` when no socket is wanted.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from agency.distribution.publishing.sandbox.base import FakePlatform
from agency.distribution.publishing.sandbox.linkedin_fake import FakeLinkedIn
from agency.distribution.publishing.sandbox.meta_fake import FakeGraph
from agency.distribution.publishing.sandbox.oauth_fake import FakeOAuth
from agency.distribution.publishing.sandbox.tiktok_fake import FakeTikTok
from agency.distribution.publishing.sandbox.world import SandboxWorld, json_response
from agency.distribution.publishing.sandbox.x_fake import FakeX
from agency.distribution.publishing.sandbox.youtube_fake import FakeYouTube


class Sandbox:
    """All fake platforms over one :class:`SandboxWorld`."""

    def __init__(self, world: SandboxWorld | None = None) -> None:
        self.world = world or SandboxWorld()
        self.oauth = FakeOAuth(self.world)
        fakes: list[FakePlatform] = [
            FakeX(self.world),
            FakeLinkedIn(self.world),
            FakeGraph(self.world),
            FakeTikTok(self.world),
            FakeYouTube(self.world),
            self.oauth,
        ]
        self.fakes = {fake.prefix: fake for fake in fakes}

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Route ``request`` by its first path segment."""
        path = request.url.path
        prefix, _, rest = path.lstrip("/").partition("/")
        fake = self.fakes.get(prefix)
        if fake is None:
            return json_response(404, {"message": f"no fake platform at /{prefix}"})
        return fake.handle(request, "/" + rest)

    def transport(self) -> httpx.MockTransport:
        """An in-process transport answering as the fakes do."""
        return httpx.MockTransport(self.handle)


def base_urls(root: str) -> dict[str, str]:
    """Publisher base URLs under a sandbox root URL."""
    return {
        "x": f"{root}/x",
        "linkedin": f"{root}/linkedin",
        "instagram": f"{root}/graph",
        "facebook": f"{root}/graph",
        "tiktok": f"{root}/tiktok",
        "youtube": f"{root}/youtube",
        "youtube_analytics": f"{root}/youtube/analytics",
        "oauth": f"{root}/oauth",
    }


class SandboxServer:
    """A real HTTP server on 127.0.0.1 in a background thread, answering with a :class:`Sandbox`."""

    def __init__(self, sandbox: Sandbox | None = None, *, port: int = 0) -> None:
        self.sandbox = sandbox or Sandbox()
        handler = _handler_for(self.sandbox)
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def world(self) -> SandboxWorld:
        return self.sandbox.world

    def start(self) -> SandboxServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *_: Any) -> None:
        self.stop()


class _QuietServer(ThreadingHTTPServer):
    """A client that dies mid-request (the chaos test kills workers) is not an error here."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


def _handler_for(sandbox: Sandbox) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else delayed ACKs add ~40 ms per keep-alive request

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            host = self.headers.get("host", "127.0.0.1")
            request = httpx.Request(
                self.command,
                f"http://{host}{self.path}",
                headers=dict(self.headers.items()),
                content=body,
            )
            response = sandbox.handle(request)
            payload = response.content
            self.send_response(response.status_code)
            for key, value in response.headers.items():
                if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(key, value)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

    return Handler
