"""Firecrawl adapter against a local server that answers like Firecrawl's v2 crawl API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from agency.config import Settings
from agency.core.errors import ProviderError
from agency.intelligence.brand import build_brand_profile
from agency.intelligence.crawl import crawl_brand_site, firecrawl_crawl
from agency.samples import SAMPLE_SITE_DIR

PAGES = ["", "about/", "shop/", "products/north-shore-cold-brew.html", "contact/"]


def _document(base: str, path: str) -> dict[str, object]:
    file = SAMPLE_SITE_DIR / (path + "index.html" if path.endswith("/") or not path else path)
    html = Path(file).read_text(encoding="utf-8")
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    return {
        "markdown": f"# {title}\n\nMarkdown of {path or 'home'}.",
        "rawHtml": html,
        "metadata": {"title": title, "sourceURL": f"{base}/{path}", "statusCode": 200},
    }


def _settings(base: Settings, server: HTTPServer, **changes: object) -> Settings:
    return base.model_copy(
        update={
            "firecrawl_api_key": SecretStr("fc-test-key"),
            "firecrawl_base_url": server.url_for("/").rstrip("/"),
            "provider_max_retries": 2,
            **changes,
        }
    )


def _json(data: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(data), status=status, headers=headers, content_type="application/json"
    )


def test_crawl_polls_until_completed_and_follows_next(
    httpserver: HTTPServer, sqlite_settings: Settings, sample_site: str
) -> None:
    settings = _settings(sqlite_settings, httpserver)
    docs = [_document(sample_site, p) for p in PAGES]
    started: list[dict[str, object]] = []

    def start(request: Request) -> Response:
        assert request.headers["Authorization"] == "Bearer fc-test-key"
        started.append(request.get_json())
        return _json({"success": True, "id": "crawl-1", "url": "x"})

    httpserver.expect_oneshot_request("/v2/crawl", method="POST").respond_with_handler(start)
    httpserver.expect_oneshot_request("/v2/crawl/crawl-1").respond_with_json(
        {"success": True, "status": "scraping", "completed": 2, "total": 5, "data": []}
    )
    next_url = httpserver.url_for("/v2/crawl/crawl-1") + "?skip=3"
    httpserver.expect_oneshot_request("/v2/crawl/crawl-1", query_string="").respond_with_json(
        {
            "success": True,
            "status": "completed",
            "completed": 5,
            "total": 5,
            "data": docs[:3],
            "next": next_url,
        }
    )
    httpserver.expect_oneshot_request("/v2/crawl/crawl-1", query_string="skip=3").respond_with_json(
        {"success": True, "status": "completed", "completed": 5, "total": 5, "data": docs[3:]}
    )
    slept: list[float] = []
    result = firecrawl_crawl(sample_site, settings=settings, sleep=slept.append)
    assert (
        started[0]["url"] == sample_site + "/" and started[0]["limit"] == settings.crawl_max_pages
    )
    assert slept == [2.0]
    assert result.engine == "firecrawl" and len(result.pages) == 5
    assert result.pages[1].text.startswith("# Our Story")
    assert result.stylesheets and result.logo is not None
    profile = build_brand_profile(result)
    assert profile.name == "Northbound Coffee Roasters"
    assert [p.name for p in profile.products] == ["North Shore Cold Brew"]
    assert "#1f3a5f" in profile.palette and profile.engine == "firecrawl"


def test_rate_limit_is_retried_after_the_advertised_delay(
    httpserver: HTTPServer, sqlite_settings: Settings, sample_site: str
) -> None:
    settings = _settings(sqlite_settings, httpserver)
    httpserver.expect_oneshot_request("/v2/crawl", method="POST").respond_with_response(
        _json({"success": False, "error": "Rate limit exceeded"}, 429, {"Retry-After": "3"})
    )
    httpserver.expect_oneshot_request("/v2/crawl", method="POST").respond_with_json(
        {"success": True, "id": "c2"}
    )
    httpserver.expect_request("/v2/crawl/c2").respond_with_json(
        {"success": True, "status": "completed", "data": [_document(sample_site, "")]}
    )
    slept: list[float] = []
    result = firecrawl_crawl(sample_site, settings=settings, sleep=slept.append)
    assert slept[0] == 3.0
    assert len(result.pages) == 1


def test_server_errors_give_a_retryable_provider_error(
    httpserver: HTTPServer, sqlite_settings: Settings, sample_site: str
) -> None:
    settings = _settings(sqlite_settings, httpserver)
    httpserver.expect_request("/v2/crawl", method="POST").respond_with_response(
        _json({"success": False, "error": "upstream exploded"}, 502, {"x-request-id": "req-9"})
    )
    with pytest.raises(ProviderError) as info:
        firecrawl_crawl(sample_site, settings=settings, sleep=lambda s: None)
    assert info.value.retryable and info.value.status_code == 502
    assert info.value.request_id == "req-9" and "upstream exploded" in info.value.message
    assert len(httpserver.log) == 3  # first try + provider_max_retries


def test_bad_key_is_not_retried(
    httpserver: HTTPServer, sqlite_settings: Settings, sample_site: str
) -> None:
    settings = _settings(sqlite_settings, httpserver)
    httpserver.expect_request("/v2/crawl", method="POST").respond_with_response(
        _json({"success": False, "error": "Unauthorized: Invalid token"}, 401)
    )
    with pytest.raises(ProviderError) as info:
        firecrawl_crawl(sample_site, settings=settings, sleep=lambda s: None)
    assert not info.value.retryable and "FIRECRAWL_API_KEY" in info.value.message
    assert len(httpserver.log) == 1


def test_failed_crawl(httpserver: HTTPServer, sqlite_settings: Settings, sample_site: str) -> None:
    settings = _settings(sqlite_settings, httpserver)
    httpserver.expect_request("/v2/crawl", method="POST").respond_with_json(
        {"success": True, "id": "c3"}
    )
    httpserver.expect_request("/v2/crawl/c3").respond_with_json(
        {"success": True, "status": "failed"}
    )
    with pytest.raises(ProviderError, match="c3 failed"):
        firecrawl_crawl(sample_site, settings=settings, sleep=lambda s: None)


def test_entry_point_chooses_the_engine(
    httpserver: HTTPServer, sqlite_settings: Settings, sample_site: str
) -> None:
    assert crawl_brand_site(sample_site, settings=sqlite_settings).engine == "builtin"
    assert not httpserver.log
    httpserver.expect_request("/v2/crawl", method="POST").respond_with_json(
        {"success": True, "id": "c4"}
    )
    httpserver.expect_request("/v2/crawl/c4").respond_with_json(
        {"success": True, "status": "completed", "data": [_document(sample_site, "")]}
    )
    settings = _settings(sqlite_settings, httpserver)
    result = crawl_brand_site(sample_site, settings=settings)
    assert result.engine == "firecrawl" and httpserver.log


def test_private_site_is_refused_before_calling_firecrawl(
    httpserver: HTTPServer, sqlite_settings: Settings
) -> None:
    from agency.core.errors import PolicyViolation

    settings = _settings(sqlite_settings, httpserver)
    with pytest.raises(PolicyViolation, match=r"10\.1\.2\.3"):
        firecrawl_crawl("http://10.1.2.3/", settings=settings, sleep=lambda s: None)
    assert not httpserver.log
