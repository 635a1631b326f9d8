"""Serve the sample brand site (or any directory) on localhost, for demos and tests.

Text files may contain the placeholder ``__BASE_URL__`` (sitemap.xml, robots.txt need
absolute URLs); it is replaced with the server's own base URL so the site works on
any port.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SAMPLE_SITE_DIR = Path(__file__).resolve().parent / "site"
BASE_URL_PLACEHOLDER = b"__BASE_URL__"
_REWRITE_SUFFIXES = {".xml", ".txt", ".html"}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files, no request logging, with the base-URL placeholder filled in."""

    base_url = ""

    def log_message(self, format: str, *args: Any) -> None:
        return

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in _REWRITE_SUFFIXES and path.is_file():
            body = path.read_bytes()
            if BASE_URL_PLACEHOLDER in body:
                return self._send_bytes(
                    body.replace(BASE_URL_PLACEHOLDER, self.base_url.encode()),
                    self.guess_type(str(path)),
                )
        return super().send_head()

    def _send_bytes(self, body: bytes, content_type: str) -> Any:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_directory(path: str | Path, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``path`` over HTTP in a background thread; yields the base URL (no trailing /)."""
    root = Path(path).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a directory")
    handler_cls: type[_QuietHandler] = type("SiteHandler", (_QuietHandler,), {})
    server = ThreadingHTTPServer((host, port), partial(handler_cls, directory=str(root)))
    server.daemon_threads = True
    bound_host, bound_port = server.server_address[:2]
    host_text = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
    shown = f"[{host_text}]" if ":" in host_text else host_text
    handler_cls.base_url = f"http://{shown}:{bound_port}"
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield handler_cls.base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve_sample_site(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the bundled Northbound Coffee Roasters site; yields its base URL."""
    with serve_directory(SAMPLE_SITE_DIR, host=host, port=port) as url:
        yield url
