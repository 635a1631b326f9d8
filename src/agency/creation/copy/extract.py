"""Sentences, headings and key sentences of a long text (for offline repurposing)."""

from __future__ import annotations

import itertools
import re
from collections import Counter

_SPLIT = re.compile(r"(?<=[.!?])[\"”')\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
MAX_WORDS = 45
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_STOP = frozenset(
    re.findall(
        r"\S+",
        "the and for are but not you your our with that this from have has was were will "
        "its it's they them their there what when which who how all can one out about into "
        "than then also just more most some such very been being over only so",
    )
)


def _clean_markdown(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"[*_`>]+", "", text)


def headings(text: str) -> list[str]:
    """Markdown headings (``#``…) of ``text``, without the hashes."""
    return [m.group(1).strip() for m in re.finditer(r"^#{1,6}\s+(.+)$", text, re.M)]


def _prose_blocks(text: str) -> list[str]:
    """Paragraphs of prose: lines that end a sentence or run long; short bare lines
    (navigation, labels, headings without ``#``) separate paragraphs and are dropped."""
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        prose = line.endswith((".", "!", "?", '"', "”", ")")) or len(line.split()) >= 12
        if line and prose:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [" ".join(b) for b in blocks if b]


def sentences(text: str) -> list[str]:
    """Prose sentences of ``text`` (headings, list markers and bare labels dropped), in order."""
    body = re.sub(r"^#{1,6}\s+.+$", "", text, flags=re.M)
    body = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", body, flags=re.M)
    found: list[str] = []
    for block in _prose_blocks(_clean_markdown(body)):
        block = " ".join(block.split())
        found += [s.strip() for s in _SPLIT.split(block) if 4 <= len(s.split()) <= MAX_WORDS]
    return found


def key_sentences(text: str, n: int) -> list[str]:
    """The ``n`` sentences carrying the most frequent content words, in text order."""
    all_sentences = sentences(text)
    counts = Counter(w for w in _WORD.findall(text.lower()) if w not in _STOP)

    def score(sentence: str) -> float:
        tokens = [w for w in _WORD.findall(sentence.lower()) if w not in _STOP]
        return sum(counts[w] for w in set(tokens)) / (len(tokens) ** 0.5 or 1)

    ranked = sorted(range(len(all_sentences)), key=lambda i: -score(all_sentences[i]))
    chosen = sorted(ranked[:n])
    return [all_sentences[i] for i in chosen]


def qa_pairs(text: str) -> list[tuple[str, str]]:
    """Questions the text asks (headings or sentences ending in ``?``) with the sentence after."""
    items: list[str] = []
    for line in re.split(r"\n\s*\n|\n(?=#)", text):
        heading = re.match(r"^\s*#{1,6}\s+(.+?)\s*$", line.split("\n", 1)[0])
        if heading:
            items.append(heading.group(1))
            line = line.split("\n", 1)[1] if "\n" in line else ""
        items += sentences(line)
    return [(q, a) for q, a in itertools.pairwise(items) if q.endswith("?") and not a.endswith("?")]


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (or all of it)."""
    found = sentences(text)
    return found[0] if found else " ".join(text.split())
