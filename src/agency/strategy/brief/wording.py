"""Small text measures the brief relies on: content words, sentences, overlap, trimming."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(]?[A-Z0-9])")
_STOP_TEXT = """a about above after again all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each every few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more my no nor not now of off on once only or other our ours out over own
    per same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while
    who whom why will with within would you your yours us one get got make made new via"""
STOPWORDS = frozenset(_STOP_TEXT.split())


def stem(word: str) -> str:
    """A crude stem so that roasted/roasting/roast and dates/dated/date meet."""
    w = word.lower().strip("'’-")
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if len(w) >= len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # shipped → ship
            break
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def content_words(text: str, *, exclude: Iterable[str] = (), numbers: bool = True) -> set[str]:
    """Stems of the words that carry meaning (no stop words, no short words).

    ``exclude`` drops the words of some phrases (brand and product names);
    ``numbers=False`` drops figures, which match by accident more than by meaning.
    """
    skip = {stem(w) for e in exclude for w in _WORD.findall(e.lower())}
    return {
        s
        for w in _WORD.findall(text.lower())
        if w not in STOPWORDS
        and len(w) > 2
        and (numbers or not w.isdigit())
        and (s := stem(w)) not in skip
    }


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0 when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def overlap(query: set[str], text: set[str]) -> float:
    """Share of ``query`` words found in ``text`` (how well text supports a theme)."""
    return len(query & text) / len(query) if query else 0.0


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (line breaks end one too), whitespace collapsed."""
    out = []
    for line in text.splitlines():
        flat = " ".join(line.split())
        out += [s.strip() for s in _SENTENCE_END.split(flat) if s.strip()]
    return out


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut at a word boundary within ``max_chars`` (with an ellipsis when cut)."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1].rsplit(" ", 1)[0].rstrip(" ,;:-—")
    return cut + "…"


def cap(text: str) -> str:
    """``text`` with its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def uncap(text: str) -> str:
    """``text`` with its first letter lower-cased, unless it starts an acronym or a name."""
    words = text.split(" ", 2)
    first = words[0]
    if len(first) > 1 and (first[1:2].isupper() or first in _KEEP_CASE):
        return text
    if len(words) > 1 and first[:1].isupper() and words[1][:1].isupper():
        return text  # a name: "North Shore ..."
    return text[:1].lower() + text[1:]


_KEEP_CASE = frozenset({"I"})


def sentence(text: str) -> str:
    """``text`` as a sentence: capitalised, ending in punctuation."""
    text = " ".join(text.split()).strip()
    if not text:
        return text
    return cap(text) if text[-1] in ".!?…" else cap(text) + "."


def join_list(items: Iterable[str], conjunction: str = "and") -> str:
    """``a, b and c``."""
    seq = [i for i in items if i]
    if len(seq) <= 1:
        return "".join(seq)
    return f"{', '.join(seq[:-1])} {conjunction} {seq[-1]}"
