"""Bad input ends with a clear error or a bounded partial result that says what was skipped."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from agency.config import Settings
from agency.core.errors import InputError, PolicyViolation
from agency.intelligence.crawl import crawl_site

PAGE = "<html><head><title>{t}</title></head><body><h1>{t}</h1><p>{body}</p></body></html>"


class RecordingTransport(httpx.BaseTransport):
    """A real transport that remembers every address it was asked to connect to."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.hosts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        return self.inner.handle_request(request)


def _settings(base: Settings, **changes: object) -> Settings:
    return base.model_copy(update=changes)


def _no_robots(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("", status=404)


def test_unreachable_site(sqlite_settings: Settings) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError) as info:
        crawl_site(f"http://127.0.0.1:{port}/", settings=sqlite_settings)
    assert "could not be reached" in info.value.message and info.value.field == "url"


def test_unknown_host(sqlite_settings: Settings) -> None:
    with pytest.raises(InputError, match="could not be resolved"):
        crawl_site("https://no-such-host.invalid/", settings=sqlite_settings)


def test_not_a_url(sqlite_settings: Settings) -> None:
    with pytest.raises(InputError) as info:
        crawl_site("ftp://example.com/file", settings=sqlite_settings)
    assert info.value.fix


def test_non_html_site(httpserver: HTTPServer, sqlite_settings: Settings) -> None:
    _no_robots(httpserver)
    httpserver.expect_request("/").respond_with_data(
        b"%PDF-1.7 ...", content_type="application/pdf"
    )
    with pytest.raises(InputError, match="not an HTML web page"):
        crawl_site(httpserver.url_for("/"), settings=sqlite_settings)


def test_robots_forbids_crawling(httpserver: HTTPServer, sqlite_settings: Settings) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    with pytest.raises(PolicyViolation, match=r"robots\.txt"):
        crawl_site(httpserver.url_for("/"), settings=sqlite_settings)
    assert [req.path for req, _ in httpserver.log] == ["/robots.txt"]


def test_robots_server_error_means_disallow(httpserver: HTTPServer, sqlite_settings: Settings):
    httpserver.expect_request("/robots.txt").respond_with_data("oops", status=503)
    with pytest.raises(PolicyViolation):
        crawl_site(httpserver.url_for("/"), settings=sqlite_settings)


@pytest.mark.parametrize("target", ["http://10.0.0.1/admin", "http://169.254.169.254/latest/"])
def test_redirect_to_private_address_is_refused_before_connecting(
    httpserver: HTTPServer, sqlite_settings: Settings, target: str
) -> None:
    _no_robots(httpserver)
    httpserver.expect_request("/").respond_with_data("", status=302, headers={"Location": target})
    transport = RecordingTransport()
    with pytest.raises(PolicyViolation) as info:
        crawl_site(httpserver.url_for("/"), settings=sqlite_settings, transport=transport)
    private = target.split("/")[2]
    assert private in info.value.message
    assert "AGENCY_URL_ALLOWLIST" in info.value.details["fix"]
    assert private not in transport.hosts and transport.hosts  # local server was reached


def test_inner_page_redirecting_to_metadata_service_is_skipped(
    httpserver: HTTPServer, sqlite_settings: Settings
) -> None:
    _no_robots(httpserver)
    httpserver.expect_request("/").respond_with_data(
        '<html><title>Home</title><a href="/about">About</a></html>', content_type="text/html"
    )
    httpserver.expect_request("/about").respond_with_data(
        "", status=301, headers={"Location": "http://169.254.169.254/"}
    )
    transport = RecordingTransport()
    result = crawl_site(httpserver.url_for("/"), settings=sqlite_settings, transport=transport)
    assert len(result.pages) == 1
    skipped = [s for s in result.skipped if s.url.endswith("/about")]
    assert skipped and skipped[0].reason in ("unsafe", "off-site")
    assert "169.254.169.254" not in transport.hosts


def test_dns_name_resolving_to_private_address(sqlite_settings: Settings) -> None:
    with pytest.raises(PolicyViolation, match=r"10\.0\.0\.5"):
        crawl_site(
            "https://brand.example/",
            settings=sqlite_settings,
            resolver=lambda host, port: ["10.0.0.5"],
        )


def test_fifty_megabyte_page_is_cut_at_the_byte_cap(
    httpserver: HTTPServer, sqlite_settings: Settings
) -> None:
    _no_robots(httpserver)
    chunk = b"<p>" + b"x" * 65_530 + b"</p>"
    sent: list[int] = []

    def huge(_: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield b"<html><head><title>Huge</title></head><body>"
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                sent.append(len(chunk))
                yield chunk

        return Response(body(), content_type="text/html", direct_passthrough=True)

    httpserver.expect_request("/").respond_with_handler(huge)
    settings = _settings(sqlite_settings, crawl_max_bytes=1_000_000)
    started = time.monotonic()
    result = crawl_site(httpserver.url_for("/"), settings=settings)
    assert time.monotonic() - started < 10
    assert result.pages[0].truncated and result.pages[0].title == "Huge"
    assert len(result.pages[0].html) <= 1_000_000
    assert any(s.reason == "too-large" for s in result.skipped)
    assert result.bytes_downloaded < 1_100_000
    assert sum(sent) < 20 * 1024 * 1024  # the server was not read to the end


def test_ten_thousand_links_give_a_bounded_result(
    httpserver: HTTPServer, sqlite_settings: Settings
) -> None:
    _no_robots(httpserver)
    links = "".join(f'<a href="/p/{i}">item {i}</a>' for i in range(10_000))
    httpserver.expect_request("/").respond_with_data(
        f"<html><title>Links</title><body>{links}</body></html>", content_type="text/html"
    )
    httpserver.expect_request(re.compile(r"^/p/\d+$")).respond_with_handler(
        lambda req: Response(
            PAGE.format(t=req.path, body=f"page {req.path}"), content_type="text/html"
        )
    )
    settings = _settings(sqlite_settings, crawl_max_pages=10)
    started = time.monotonic()
    result = crawl_site(httpserver.url_for("/"), settings=settings)
    assert time.monotonic() - started < 15
    assert len(result.pages) == 10
    assert len(httpserver.log) <= 10 + 3  # robots, sitemap and the pages, nothing more
    cap = [s for s in result.skipped if "per-page cap" in s.detail]
    assert cap and "9800 links" in cap[0].detail
    assert len(result.skipped) <= 60
    assert any(s.reason == "limit" and s.url == "*" for s in result.skipped)


def test_politeness_delay_is_honoured(httpserver: HTTPServer, sqlite_settings: Settings) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 2\n")
    httpserver.expect_request("/").respond_with_data(
        '<html><a href="/a">a</a><a href="/b">b</a></html>', content_type="text/html"
    )
    for path in ("/a", "/b"):
        httpserver.expect_request(path).respond_with_data(
            f"<html>{path}</html>", content_type="text/html"
        )
    slept: list[float] = []
    result = crawl_site(httpserver.url_for("/"), settings=sqlite_settings, sleep=slept.append)
    assert len(result.pages) == 3
    assert slept and all(1.5 < s <= 2.0 for s in slept)


def test_same_site_redirects_are_followed_with_links_resolved_from_the_target(
    httpserver: HTTPServer, sqlite_settings: Settings
) -> None:
    _no_robots(httpserver)
    httpserver.expect_request("/").respond_with_data(
        '<html><a href="/old">old</a></html>', content_type="text/html"
    )
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new/"}
    )
    httpserver.expect_request("/new/").respond_with_data(
        '<html><a href="page">relative</a></html>', content_type="text/html"
    )
    httpserver.expect_request("/new/page").respond_with_data(
        "<html>leaf</html>", content_type="text/html"
    )
    result = crawl_site(httpserver.url_for("/"), settings=sqlite_settings)
    assert [p.url.split("/", 3)[3] for p in result.pages] == ["", "new/", "new/page"]
