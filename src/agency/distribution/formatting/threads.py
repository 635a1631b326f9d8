"""Split long text into numbered posts that each fit, never cutting a word or URL."""

from __future__ import annotations

import re
from collections.abc import Callable

_SENTENCE_END = re.compile(r"[.!?…][\"')\]]*\s+")
_TOKEN = re.compile(r"\S+\s*")


def _sentence_break(text: str) -> tuple[str, str]:
    """Split ``text`` after its last sentence end in the second half, if any."""
    cut = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() >= len(text) // 2 and match.end() < len(text):
            cut = match.end()
    return (text[:cut], text[cut:]) if cut else (text, "")


def _hard_split(token: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut a single over-long word by characters (the only case a word is cut)."""
    pieces: list[str] = []
    rest = token.rstrip()
    while rest and not fits(rest):
        low, high = 1, len(rest)
        while low < high:
            mid = (low + high + 1) // 2
            if fits(rest[:mid]):
                low = mid
            else:
                high = mid - 1
        pieces.append(rest[:low])
        rest = rest[low:]
    return [*pieces, rest + token[len(token.rstrip()) :]]


def _pack(text: str, fits: Callable[[str], bool]) -> list[str]:
    posts: list[str] = []
    current = ""
    for token in _TOKEN.findall(text):
        if fits((current + token).rstrip()):
            current += token
            continue
        if current.strip():
            head, tail = _sentence_break(current)
            if tail and fits((tail + token).rstrip()):
                posts.append(head.rstrip())
                current = tail + token
                continue
            posts.append(current.rstrip())
            current = ""
        if fits(token.rstrip()):
            current = token
        else:
            *full, current = _hard_split(token, fits)
            posts.extend(full)
    if current.strip():
        posts.append(current.rstrip())
    return posts


def _fits_with(measure: Callable[[str], int], suffix: str, limit: int) -> Callable[[str], bool]:
    def fits(candidate: str) -> bool:
        return measure(candidate + suffix) <= limit

    return fits


def split_thread(
    text: str, *, limit: int, measure: Callable[[str], int], numbered: bool = True
) -> list[str]:
    """Posts of at most ``limit`` (as ``measure`` counts), numbered ``1/n`` when several.

    Breaks between words, preferring the end of a sentence; URLs are single
    tokens, so they are never split.
    """
    text = text.strip()
    if not text:
        return []
    if measure(text) <= limit:
        return [text]
    width = 9
    while True:
        suffix = f" {width}/{width}" if numbered else ""
        posts = _pack(text, _fits_with(measure, suffix, limit))
        if len(posts) <= width or not numbered:
            break
        width = width * 10 + 9
    if not numbered or len(posts) == 1:
        return posts
    total = len(posts)
    return [f"{post} {index}/{total}" for index, post in enumerate(posts, start=1)]
