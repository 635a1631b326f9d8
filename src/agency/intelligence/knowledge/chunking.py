"""Cut document text into passages of about 60–160 words.

Passages end at paragraph breaks where possible, else at sentence ends, and
carry the previous passage's last sentence or two as overlap so that an answer
straddling a cut is still found whole. Offsets index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agency.intelligence.knowledge.models import Chunk

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    words: int
    paragraph_start: bool


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank (start, end) pieces of text[start:end] between separators."""
    out: list[tuple[int, int]] = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        out.append((pos, match.start()))
        pos = match.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _sentences(text: str, max_words: int) -> list[_Span]:
    """Sentence spans, each flagged if it opens a paragraph; overlong ones split."""
    spans: list[_Span] = []
    pos = 0
    bounds = [m.span() for m in _PARAGRAPH.finditer(text)] + [(len(text), len(text))]
    for para_end, next_start in bounds:
        first = True
        for a, b in _spans(text, pos, para_end):
            words = list(_WORD.finditer(text, a, b))
            for i in range(0, len(words), max_words):
                group = words[i : i + max_words]
                spans.append(_Span(group[0].start(), group[-1].end(), len(group), first))
                first = False
        pos = next_start
    return spans


def _paragraph_remainders(sentences: list[_Span]) -> list[int]:
    """For each sentence, the words from it to the end of its paragraph."""
    out = [0] * len(sentences)
    total = 0
    for i in range(len(sentences) - 1, -1, -1):
        total += sentences[i].words
        out[i] = total
        if sentences[i].paragraph_start:
            total = 0
    return out


def chunk_text(
    text: str,
    *,
    min_words: int = 60,
    target_words: int = 100,
    max_words: int = 160,
    overlap_words: int = 30,
) -> list[Chunk]:
    """Passages of ``text`` with ordinals and character offsets."""
    sentences = _sentences(text, max_words)
    chunks: list[Chunk] = []
    current: list[_Span] = []

    def close(overlap: bool) -> list[_Span]:
        start, end = current[0].start, current[-1].end
        chunks.append(
            Chunk(ordinal=len(chunks), char_start=start, char_end=end, text=text[start:end])
        )
        if not overlap:
            return []
        carried: list[_Span] = []
        words = 0
        for span in reversed(current[1:]):
            if words + span.words > overlap_words:
                break
            carried.insert(0, span)
            words += span.words
        return carried

    remaining = _paragraph_remainders(sentences)
    for sentence, rest in zip(sentences, remaining, strict=True):
        words = sum(s.words for s in current)
        if current and words + sentence.words > max_words:
            current = close(overlap=not sentence.paragraph_start)
        elif current and sentence.paragraph_start and words >= min_words:
            current = close(overlap=False)
        elif current and words >= target_words and words + rest > max_words:
            current = close(overlap=True)
        current.append(sentence)
    if not current:
        return chunks
    fresh = [s for s in current if not chunks or s.start >= chunks[-1].char_end]
    fresh_words = sum(s.words for s in fresh)
    if fresh and chunks and fresh_words < min_words // 2:
        last = chunks[-1]
        if len(_WORD.findall(last.text)) + fresh_words <= max_words:
            end = fresh[-1].end
            chunks[-1] = Chunk(
                ordinal=last.ordinal,
                char_start=last.char_start,
                char_end=end,
                text=text[last.char_start : end],
            )
            return chunks
    if fresh:
        start, end = current[0].start, current[-1].end
        chunks.append(
            Chunk(ordinal=len(chunks), char_start=start, char_end=end, text=text[start:end])
        )
    return chunks
