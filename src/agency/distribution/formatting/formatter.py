"""Adapt one campaign item to a platform: fit the text, place hashtags, keep the link.

Text that is too long is cut at a word boundary with an ellipsis (the link is
appended after the cut, so it survives); on platforms with threads (X) it is
split into numbered posts instead. Hashtags move to the platform's place (end
of text or first comment) and are trimmed to its limits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from agency.distribution.formatting.measure import measure
from agency.distribution.formatting.media_validator import pick_rendition
from agency.distribution.formatting.models import FormattedPost, Rendition
from agency.distribution.formatting.text_validator import validate_text
from agency.distribution.formatting.threads import split_thread
from agency.distribution.platforms import (
    PlatformSpec,
    TextLimit,
    extract_hashtags,
    get_platform,
    get_text_limit,
)

ELLIPSIS = "…"
_TRAILING_TAGS = re.compile(r"(?:\s*[#＃][^\s#＃]+)+\s*$")
_TAG_CHARS = re.compile(r"[^\w]", re.UNICODE)


def _clean_tags(tags: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    cleaned: list[str] = []
    for tag in tags:
        word = _TAG_CHARS.sub("", tag.lstrip("#＃"))
        if word and not word.isdigit() and word.lower() not in seen:
            seen.add(word.lower())
            cleaned.append(word)
    return cleaned


def _split_trailing_tags(text: str) -> tuple[str, list[str]]:
    """Pull a block of hashtags off the end of ``text`` so it can be placed anew."""
    match = _TRAILING_TAGS.search(text)
    if not match or not match.group(0).strip():
        return text.strip(), []
    body = text[: match.start()].rstrip()
    if not body:
        return text.strip(), []
    return body, [tag.value for tag in extract_hashtags(match.group(0))]


def _tag_budget(spec: PlatformSpec, limit: TextLimit, inline: int) -> int | None:
    if not limit.hashtags_allowed:
        return 0
    rule = spec.hashtags
    if rule is None:
        return None
    wanted = rule.recommended if rule.recommended is not None else rule.max
    if wanted is None:
        return None
    if rule.max is not None:
        wanted = min(wanted, rule.max)
    return max(wanted - inline, 0)


def truncate_words(text: str, fits: Callable[[str], bool]) -> str:
    """The longest word-boundary prefix of ``text`` (plus ``…``) that ``fits``."""
    check = fits
    if check(text):
        return text
    bounds = [m.start() for m in re.finditer(r"\s+", text)]
    low, high, best = 0, len(bounds) - 1, ""
    while low <= high:
        mid = (low + high) // 2
        candidate = text[: bounds[mid]].rstrip(" ,;:-–—") + ELLIPSIS
        if check(candidate):
            best, low = candidate, mid + 1
        else:
            high = mid - 1
    return best


def _compose(body: str, link: str | None, tags: Sequence[str], inline: bool) -> str:
    text = body
    if link:
        text = f"{text} {link}" if text else link
    if tags:
        joined = " ".join(f"#{tag}" for tag in tags)
        separator = " " if inline else "\n\n"
        text = f"{text}{separator}{joined}" if text else joined
    return text


def _fit(
    spec: PlatformSpec,
    limit: TextLimit,
    field: str,
    parts: tuple[str, str | None, list[str], bool],
) -> tuple[list[str], bool, bool, list[str]]:
    """(posts, truncated, threaded, hashtags dropped to make room) for the composed text."""
    body, link, tags, inline = parts
    full = _compose(body, link, tags, inline)
    if limit.max is None or measure(full, limit.counting) <= limit.max:
        return [full], False, False, []
    cap = limit.max

    def ok(candidate: str) -> bool:
        return measure(candidate, limit.counting) <= cap

    if spec.threads and field == spec.default_field:
        posts = split_thread(full, limit=cap, measure=lambda t: measure(t, limit.counting))
        return posts, False, True, []
    kept, dropped = list(tags), list[str]()
    while kept and not ok(_compose(ELLIPSIS, link, kept, inline)):
        dropped.insert(0, kept.pop())
    short = truncate_words(body, lambda b: ok(_compose(b, link, kept, inline)))
    return [_compose(short, link, kept, inline)], True, False, dropped


def format_for_platform(
    platform: str,
    text: str,
    *,
    link: str | None = None,
    hashtags: Sequence[str] = (),
    field: str = "post",
    placement: str | None = None,
    renditions: Sequence[Rendition] = (),
    banned_words: Iterable[str] = (),
) -> FormattedPost:
    """Adapt ``text`` (+ link, hashtags, media renditions) to ``platform``.

    Only hard maxima cut text; a field with just a recommendation is left whole
    (the validator warns). ``placement`` with ``renditions`` picks the media.
    """
    spec = get_platform(platform)
    limit = get_text_limit(spec, field)
    field_name = next(name for name, item in spec.text.items() if item is limit)
    notes: list[str] = []
    body, tail_tags = _split_trailing_tags(text)
    tags = _clean_tags([*tail_tags, *hashtags])
    budget = _tag_budget(spec, limit, len(extract_hashtags(body)))
    kept, dropped = (tags, []) if budget is None else (tags[:budget], tags[budget:])
    if link and not limit.links_allowed:
        notes.append("Links are not allowed in this field; the link was left out.")
        link = None
    rule = spec.hashtags
    first_comment = None
    in_text = list(kept)
    if kept and rule is not None and rule.placement == "first_comment":
        first_comment, in_text = " ".join(f"#{t}" for t in kept), []
    inline = rule is not None and rule.placement == "inline"
    extra_link = link if link and link not in body else None
    posts, truncated, threaded, squeezed = _fit(
        spec, limit, field_name, (body, extra_link, in_text, inline)
    )
    in_text = [tag for tag in in_text if tag not in squeezed]
    dropped += squeezed
    if dropped:
        notes.append(f"Dropped {len(dropped)} hashtag(s) over the platform's limit or room.")
    if truncated:
        notes.append("Text was cut at a word boundary to fit.")
    rendition = pick_rendition(spec.name, placement, renditions) if placement else None
    if placement and renditions and rendition is None:
        notes.append(f"No rendition fits the {placement} placement.")
    return FormattedPost(
        platform=spec.name,
        field=field_name,
        text=posts[0] if posts else "",
        posts=posts,
        hashtags=in_text if first_comment is None else kept,
        dropped_hashtags=dropped,
        first_comment=first_comment,
        link=link,
        truncated=truncated,
        threaded=threaded,
        placement=placement,
        rendition=rendition,
        validations=[
            validate_text(spec.name, post, field=field_name, banned_words=banned_words)
            for post in posts
        ],
        notes=notes,
    )
