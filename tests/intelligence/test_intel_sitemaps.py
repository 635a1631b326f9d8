"""Sitemap parsing on crawler-commons fixtures: urlset, index, gzip, text, BOM, limits."""

from __future__ import annotations

import gzip

from agency.intelligence.crawl.sitemaps import parse_sitemap
from shared_data import TESTDATA  # type: ignore[import-not-found]

SITEMAPS = TESTDATA / "robots/crawler-commons/src/test/resources/sitemaps"


def test_urlset_with_namespace() -> None:
    entries = parse_sitemap((SITEMAPS / "sitemap.ns.xml").read_bytes(), base_url="http://x.test/")
    assert entries.urls and all(u.startswith("http") for u in entries.urls)
    assert not entries.sitemaps


def test_sitemap_index_lists_child_sitemaps() -> None:
    data = (SITEMAPS / "sitemap.index.xml").read_bytes()
    entries = parse_sitemap(data, base_url="http://x.test/")
    assert entries.sitemaps and not entries.urls
    assert data.count(b"<sitemap>") == len(entries.sitemaps)


def test_text_and_gzip_sitemaps() -> None:
    text = parse_sitemap((SITEMAPS / "sitemap.txt").read_bytes(), base_url="http://x.test/")
    assert text.urls == ["http://www.domain.com/page1.html", "http://www.domain.com/page2.html"]
    gz = parse_sitemap((SITEMAPS / "sitemap.txt.gz").read_bytes(), base_url="http://x.test/")
    assert len(gz.urls) == 5
    assert "http://www.example.com/catalog?item=73&desc=vacation_new_zealand" in gz.urls


def test_text_sitemap_with_bom() -> None:
    entries = parse_sitemap((SITEMAPS / "sitemap-with-bom.txt").read_bytes(), base_url="http://x/")
    assert entries.urls and entries.urls[0].startswith("http")


def test_limit_truncates() -> None:
    body = "".join(f"<url><loc>https://x.test/p/{i}</loc></url>" for i in range(100))
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    entries = parse_sitemap(gzip.compress(xml.encode()), base_url="https://x.test/", max_urls=10)
    assert len(entries.urls) == 10 and entries.truncated


def test_entities_are_not_expanded() -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>https://x.test/&e;</loc></url></urlset>"
    )
    entries = parse_sitemap(xml, base_url="https://x.test/")
    assert all("root:" not in u for u in entries.urls)


def test_garbage_gives_nothing() -> None:
    assert parse_sitemap(b"\x1f\x8bnot gzip", base_url="https://x.test/").urls == []
    assert parse_sitemap(b"<html><body>nope", base_url="https://x.test/").urls == []
