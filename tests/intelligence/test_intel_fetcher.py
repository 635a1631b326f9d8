"""The safe fetcher against an in-memory site (httpx.MockTransport behind the pin)."""

from __future__ import annotations

import time

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from agency.config import Settings
from agency.core.errors import InputError
from agency.intelligence.crawl import Fetcher, FetchRefused, crawl_site

PUBLIC = {"shop.example": ["93.184.215.14"], "other.example": ["151.101.1.1"]}


def _resolve(host: str, port: int) -> list[str]:
    return PUBLIC[host]


def _fetcher(settings: Settings, routes: dict[str, httpx.Response]) -> tuple[Fetcher, list[str]]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        key = f"{request.headers['host']}{request.url.raw_path.decode()}"
        seen.append(f"{request.url.host} {key}")
        return routes.get(key, httpx.Response(404))

    fetcher = Fetcher(settings=settings, transport=httpx.MockTransport(handler), resolver=_resolve)
    return fetcher, seen


def test_charset_from_header_and_meta(sqlite_settings: Settings) -> None:
    body = "<html><title>Café Olé</title></html>".encode("latin-1")
    meta = b'<html><head><meta charset="iso-8859-1"></head><p>' + "Crème".encode("latin-1")
    fetcher, seen = _fetcher(
        sqlite_settings,
        {
            "shop.example/a": httpx.Response(
                200, content=body, headers={"content-type": "text/html; charset=ISO-8859-1"}
            ),
            "shop.example/b": httpx.Response(
                200, content=meta, headers={"content-type": "text/html"}
            ),
        },
    )
    with fetcher:
        assert "Café Olé" in fetcher.fetch("https://shop.example/a", max_bytes=10_000).text()
        assert "Crème" in fetcher.fetch("https://shop.example/b", max_bytes=10_000).text()
    assert seen[0] == "93.184.215.14 shop.example/a"


def test_redirects_are_followed_and_bounded(sqlite_settings: Settings) -> None:
    def redirect(to: str) -> httpx.Response:
        return httpx.Response(302, headers={"location": to})

    routes = {f"shop.example/loop{i}": redirect(f"/loop{i + 1}") for i in range(10)}
    routes["shop.example/start"] = redirect("/final")
    routes["shop.example/final"] = httpx.Response(
        200, text="<p>done</p>", headers={"content-type": "text/html"}
    )
    routes["shop.example/away"] = redirect("https://other.example/")
    routes["shop.example/js"] = redirect("javascript:alert(1)")
    routes["shop.example/ftp"] = redirect("ftp://shop.example/file")
    fetcher, _ = _fetcher(sqlite_settings, routes)
    with fetcher:
        result = fetcher.fetch("https://shop.example/start", max_bytes=1000)
        assert result.final_url == "https://shop.example/final"
        assert result.redirects == ["https://shop.example/start"]
        with pytest.raises(FetchRefused, match="more than 5 redirects"):
            fetcher.fetch("https://shop.example/loop0", max_bytes=1000)
        with pytest.raises(FetchRefused) as off_site:
            fetcher.fetch(
                "https://shop.example/away", max_bytes=1000, site_root="https://shop.example/"
            )
        assert off_site.value.reason == "off-site"
        with pytest.raises(FetchRefused) as scheme:
            fetcher.fetch("https://shop.example/js", max_bytes=1000)
        assert scheme.value.reason == "error" and "redirect" in scheme.value.detail
        with pytest.raises(FetchRefused) as ftp:
            fetcher.fetch("https://shop.example/ftp", max_bytes=1000)
        assert ftp.value.reason == "unsafe" and "ftp" in ftp.value.detail


def test_content_type_is_checked_before_reading(sqlite_settings: Settings) -> None:
    fetcher, _ = _fetcher(
        sqlite_settings,
        {
            "shop.example/v.mp4": httpx.Response(
                200, content=b"\x00" * 100, headers={"content-type": "video/mp4"}
            )
        },
    )
    with fetcher, pytest.raises(FetchRefused) as info:
        fetcher.fetch("https://shop.example/v.mp4", max_bytes=10, accept=lambda t: t == "text/html")
    assert info.value.reason == "non-html" and "video/mp4" in info.value.detail


def test_http_errors_are_reported(sqlite_settings: Settings) -> None:
    fetcher, _ = _fetcher(sqlite_settings, {})
    with fetcher, pytest.raises(FetchRefused) as info:
        fetcher.fetch("https://shop.example/missing", max_bytes=10)
    assert info.value.reason == "http-status" and info.value.detail == "HTTP 404"


def test_a_silent_server_times_out_with_a_clear_error(
    httpserver: HTTPServer, sqlite_settings: Settings
) -> None:
    def slow(_: object) -> Response:
        time.sleep(1.5)
        return Response("late")

    httpserver.expect_request("/robots.txt").respond_with_handler(slow)
    settings = sqlite_settings.model_copy(update={"crawl_timeout_s": 0.3})
    started = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        crawl_site(httpserver.url_for("/"), settings=settings)
    assert time.monotonic() - started < 1.4
