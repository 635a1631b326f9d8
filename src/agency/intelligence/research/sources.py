"""Source passages and their sentences: the units every research statement cites."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from agency.intelligence.research.models import Citation

MIN_SENTENCE = 20
MAX_SENTENCE = 400
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“$])|\n+")
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


@dataclass(frozen=True)
class Passage:
    """A text with where it came from: a page URL and/or a knowledge-base passage id."""

    text: str
    url: str | None = None
    passage_id: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage; ``cite()`` makes the citation quoting it."""

    text: str
    passage: Passage
    index: int

    def cite(self) -> Citation:
        return Citation(
            url=self.passage.url,
            passage_id=self.passage.passage_id,
            title=self.passage.title,
            quote=self.text,
        )

    @property
    def lower(self) -> str:
        return self.text.lower()


def split_sentences(text: str) -> list[str]:
    """Sentences (and list lines) of ``text`` of a quotable length."""
    out = []
    for raw in _SPLIT.split(text):
        sentence = " ".join(raw.split())
        if MIN_SENTENCE <= len(sentence) <= MAX_SENTENCE:
            out.append(sentence)
    return out


def sentences_of(passages: Iterable[Passage]) -> list[Sentence]:
    """Every quotable sentence of ``passages``, duplicates (footers, menus) dropped."""
    seen: set[str] = set()
    out: list[Sentence] = []
    for passage in passages:
        for sentence in split_sentences(passage.text):
            if sentence in seen:
                continue
            seen.add(sentence)
            out.append(Sentence(text=sentence, passage=passage, index=len(out)))
    return out


def words(text: str) -> list[str]:
    """Lower-case word tokens."""
    return _WORD.findall(text.lower())


def short_phrase(sentence: str, max_chars: int = 90) -> str:
    """The sentence's first clause, cut at a word boundary, without a final full stop."""
    clause = re.split(r"[;:–—]\s", sentence, maxsplit=1)[0].strip()
    if len(clause) < 20:
        clause = sentence
    if len(clause) > max_chars:
        head = clause[: max_chars + 1]
        clause = head.rsplit(", ", 1)[0] if ", " in head else head.rsplit(" ", 1)[0]
    return clause.rstrip(" .!?,;:")
