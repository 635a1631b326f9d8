"""URL normalization, same-site rules and crawl priority."""

from __future__ import annotations

from agency.intelligence.crawl.links import looks_like_page, normalize_url, priority, same_site


def test_normalize_url() -> None:
    assert normalize_url("HTTPS://Shop.Example:443/a/./b/../c?utm_source=x&b=2&a=1#top") == (
        "https://shop.example/a/c?a=1&b=2"
    )
    assert normalize_url("http://shop.example:8080") == "http://shop.example:8080/"
    assert normalize_url("http://shop.example/about/") == "http://shop.example/about/"
    assert normalize_url("http://[::1]:8000/x") == "http://[::1]:8000/x"
    assert normalize_url("https://shop.example/caf%C3%A9") == "https://shop.example/caf%C3%A9"


def test_same_site_treats_www_as_the_same_host() -> None:
    assert same_site("https://www.shop.example/a", "https://shop.example/")
    assert not same_site("https://blog.shop.example/", "https://shop.example/")
    assert not same_site("mailto:hi@shop.example", "https://shop.example/")


def test_priority_prefers_about_products_contact() -> None:
    urls = [
        "https://s.example/blog/2020/01/post",
        "https://s.example/contact",
        "https://s.example/products/mug",
        "https://s.example/about-us",
        "https://s.example/news",
    ]
    ranked = sorted(urls, key=priority)
    assert ranked[:3] == [urls[3], urls[2], urls[1]]
    assert ranked[-1] == urls[0]


def test_looks_like_page() -> None:
    assert looks_like_page("https://s.example/about")
    assert looks_like_page("https://s.example/index.html")
    assert not looks_like_page("https://s.example/menu.pdf")
    assert not looks_like_page("https://s.example/img/logo.PNG")
