"""The one text validator: platform limits, hashtags, mentions, banned and required words.

The copy engine and the publisher both call ``validate_text`` before anything
is stored or sent; each violation says what is wrong, by how much, and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from agency.distribution.formatting.measure import measure
from agency.distribution.formatting.models import TextValidation, Violation
from agency.distribution.platforms import (
    PlatformSpec,
    TextLimit,
    extract_hashtags,
    extract_mentions,
    extract_urls,
    get_platform,
    get_text_limit,
    parse_tweet,
)


def _unit(counting: str) -> str:
    return {
        "twitter_weighted": "weighted characters",
        "utf8_bytes": "bytes",
        "utf16": "UTF-16 units",
    }.get(counting, "characters")


def _length_violations(name: str, length: int, limit: TextLimit, field: str) -> list[Violation]:
    unit = _unit(limit.counting)
    found: list[Violation] = []
    if limit.max is not None and length > limit.max:
        over = length - limit.max
        found.append(
            Violation(
                code="too_long",
                message=f"{name} {field} is {length} {unit}; the limit is {limit.max}.",
                by=over,
                fix=f"Cut at least {over} {unit}.",
                field=field,
            )
        )
    elif limit.recommended is not None and length > limit.recommended:
        over = length - limit.recommended
        found.append(
            Violation(
                code="over_recommended",
                message=f"{name} {field} is {length} {unit}; {limit.recommended} is recommended "
                "(longer text is truncated in the feed).",
                by=over,
                fix=f"Cut {over} {unit} or put the key message first.",
                severity="warning",
                field=field,
            )
        )
    if length == 0:
        found.append(
            Violation(
                code="empty",
                message=f"{name} {field} is empty.",
                by=None,
                fix="Write the text.",
                field=field,
            )
        )
    elif length < limit.min:
        found.append(
            Violation(
                code="too_short",
                message=f"{name} {field} is {length} {unit}; at least {limit.min} needed.",
                by=limit.min - length,
                fix=f"Add at least {limit.min - length} {unit}.",
                field=field,
            )
        )
    return found


def _count_violations(
    spec: PlatformSpec, field: str, hashtags: Sequence[str], mentions: Sequence[str]
) -> list[Violation]:
    found: list[Violation] = []
    for what, items, rule in (
        ("hashtags", hashtags, spec.hashtags),
        ("mentions", mentions, spec.mentions),
    ):
        if rule is None:
            continue
        if rule.max is not None and len(items) > rule.max:
            over = len(items) - rule.max
            found.append(
                Violation(
                    code=f"too_many_{what}",
                    message=f"{len(items)} {what}; {spec.display_name} allows {rule.max}.",
                    by=over,
                    fix=f"Remove {over} {what if over > 1 else what[:-1]}.",
                    field=field,
                )
            )
        elif rule.recommended is not None and len(items) > rule.recommended:
            over = len(items) - rule.recommended
            found.append(
                Violation(
                    code=f"{what}_over_recommended",
                    message=f"{len(items)} {what}; {rule.recommended} recommended "
                    f"on {spec.display_name}.",
                    by=over,
                    fix=f"Keep the {rule.recommended} strongest {what}.",
                    severity="warning",
                    field=field,
                )
            )
    return found


def _content_violations(
    limit: TextLimit, text: str, field: str, counts: dict[str, int]
) -> list[Violation]:
    found: list[Violation] = []
    bad = sorted({ch for ch in text if ch in limit.forbidden_chars})
    if bad:
        found.append(
            Violation(
                code="forbidden_characters",
                message=f"{field} may not contain {' '.join(bad)}.",
                by=sum(text.count(ch) for ch in bad),
                fix=f"Remove or replace {' '.join(bad)}.",
                field=field,
            )
        )
    for kind, allowed in (
        ("links", limit.links_allowed),
        ("hashtags", limit.hashtags_allowed),
        ("mentions", limit.mentions_allowed),
    ):
        if not allowed and counts[kind]:
            found.append(
                Violation(
                    code=f"{kind}_not_allowed",
                    message=f"{field} may not contain {kind} ({counts[kind]} found).",
                    by=counts[kind],
                    fix=f"Remove the {kind}.",
                    field=field,
                )
            )
    return found


def _word_violations(
    text: str, field: str, banned_words: Iterable[str], required: Iterable[str]
) -> list[Violation]:
    found: list[Violation] = []
    for word in banned_words:
        if not word.strip():
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word.strip())}(?!\w)", re.IGNORECASE)
        hits = len(pattern.findall(text))
        if hits:
            found.append(
                Violation(
                    code="banned_word",
                    message=f"Banned word {word!r} appears {hits} time(s).",
                    by=hits,
                    fix=f"Rephrase without {word!r}.",
                    field=field,
                )
            )
    for item in required:
        if item.strip() and item.strip().lower() not in text.lower():
            found.append(
                Violation(
                    code="missing_required",
                    message=f"Required element {item!r} is missing.",
                    by=1,
                    fix=f"Add {item!r}.",
                    field=field,
                )
            )
    return found


def validate_text(
    platform: str,
    text: str,
    *,
    field: str = "post",
    banned_words: Iterable[str] = (),
    required: Iterable[str] = (),
) -> TextValidation:
    """Check ``text`` for ``platform``'s ``field`` (``post`` = the main field).

    Raises ``InputError`` for an unknown platform or field.
    """
    spec = get_platform(platform)
    limit = get_text_limit(spec, field)
    field_name = next(name for name, item in spec.text.items() if item is limit)
    parsed = parse_tweet(text) if limit.counting == "twitter_weighted" else None
    length = parsed.weighted_length if parsed else measure(text, limit.counting)
    hashtags = [tag.value for tag in extract_hashtags(text)]
    mentions = [mention.value for mention in extract_mentions(text)]
    urls = [url.value for url in extract_urls(text)]
    violations = _length_violations(spec.display_name, length, limit, field_name)
    if parsed and parsed.has_invalid_characters:
        violations.append(
            Violation(
                code="invalid_characters",
                message="Text contains characters X rejects (U+FFFE, U+FEFF or U+FFFF).",
                by=sum(text.count(ch) for ch in "\ufffe\ufeff\uffff"),
                fix="Remove the invalid characters.",
                field=field_name,
            )
        )
    violations += _count_violations(spec, field_name, hashtags, mentions)
    counts = {"links": len(urls), "hashtags": len(hashtags), "mentions": len(mentions)}
    violations += _content_violations(limit, text, field_name, counts)
    violations += _word_violations(text, field_name, banned_words, required)
    return TextValidation(
        platform=spec.name,
        field=field_name,
        counting=limit.counting,
        weighted_length=length,
        limit=limit.limit,
        max=limit.max,
        recommended=limit.recommended,
        valid=not any(v.severity == "error" for v in violations),
        violations=violations,
        hashtags=hashtags,
        mentions=mentions,
        urls=urls,
    )
