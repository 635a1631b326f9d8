"""Stylesheets and the logo: the non-page files a brand profile needs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from agency.core.errors import InputError, PolicyViolation
from agency.intelligence.crawl.fetcher import FetchRefused, FetchResult
from agency.intelligence.crawl.links import same_site
from agency.intelligence.crawl.models import LogoImage, SkipReason, Stylesheet
from agency.intelligence.crawl.skips import SkipLog

Fetch = Callable[..., FetchResult]

MAX_STYLESHEETS = 12
STYLESHEET_MAX_BYTES = 1_000_000
MAX_LOGO_TRIES = 4
LOGO_MAX_BYTES = 2_000_000


def fetch_stylesheets(
    fetch: Fetch,
    skips: SkipLog,
    *,
    urls: Sequence[str],
    inline: Sequence[tuple[str, str]],
    root: str,
    budget: Callable[[], int],
) -> list[Stylesheet]:
    """Same-site linked stylesheets (up to a cap) followed by inline ``<style>`` blocks."""
    sheets: list[Stylesheet] = []
    for url in list(dict.fromkeys(urls)):
        if not same_site(url, root):
            skips.add(url, "off-site", "stylesheet on another site")
            continue
        if len(sheets) >= MAX_STYLESHEETS or budget() <= 0:
            skips.add(url, "limit", f"stylesheet cap of {MAX_STYLESHEETS} reached")
            continue
        try:
            result = fetch(
                url,
                max_bytes=min(STYLESHEET_MAX_BYTES, budget()),
                accept=lambda t: t not in ("text/html", "application/xhtml+xml"),
            )
        except FetchRefused as exc:
            skips.add(url, exc.reason, exc.detail)
            continue
        except (PolicyViolation, InputError) as exc:
            skips.add(url, _reason(exc), exc.message)
            continue
        sheets.append(Stylesheet(url=url, text=result.text()))
    seen_inline: set[str] = set()
    for url, css in inline:
        if css.strip() and css not in seen_inline:
            seen_inline.add(css)
            sheets.append(Stylesheet(url=url, text=css))
    return sheets


def fetch_logo(fetch: Fetch, skips: SkipLog, *, candidates: Sequence[str]) -> LogoImage | None:
    """The first logo candidate that is an image within the size cap."""
    tries = 0
    for url in dict.fromkeys(candidates):
        if url.startswith("data:"):
            continue
        if tries >= MAX_LOGO_TRIES:
            break
        tries += 1
        try:
            result = fetch(url, max_bytes=LOGO_MAX_BYTES, accept=_is_image)
        except FetchRefused as exc:
            skips.add(url, exc.reason if exc.reason != "non-html" else "error", exc.detail)
            continue
        except (PolicyViolation, InputError) as exc:
            skips.add(url, _reason(exc), exc.message)
            continue
        if result.truncated:
            skips.add(url, "too-large", f"logo over {LOGO_MAX_BYTES} bytes")
            continue
        return LogoImage.from_bytes(url, result.content_type, result.body)
    return None


def _reason(exc: Exception) -> SkipReason:
    return "unsafe" if isinstance(exc, PolicyViolation) else "error"


def _is_image(media_type: str) -> bool:
    return media_type.startswith("image/") or media_type == "application/octet-stream"
