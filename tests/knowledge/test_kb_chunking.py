"""Passages: sizes, offsets into the source text, overlap and paragraph cuts."""

from __future__ import annotations

import itertools

from agency.intelligence.knowledge import chunk_text


def _paragraph(topic: str, sentences: int) -> str:
    return " ".join(
        f"Sentence {i} about {topic} explains one more detail for the reader."
        for i in range(sentences)
    )


def test_offsets_point_into_the_source_text() -> None:
    text = "\n\n".join(_paragraph(t, 12) for t in ("roasting", "shipping", "sourcing", "brewing"))
    chunks = chunk_text(text)
    assert len(chunks) >= 4
    for ordinal, chunk in enumerate(chunks):
        assert chunk.ordinal == ordinal
        assert text[chunk.char_start : chunk.char_end] == chunk.text


def test_passage_sizes_stay_in_bounds() -> None:
    text = "\n\n".join(_paragraph(f"topic{i}", 9) for i in range(20))
    sizes = [len(c.text.split()) for c in chunk_text(text)]
    assert max(sizes) <= 160
    assert min(sizes[:-1]) >= 60


def test_long_paragraph_passages_overlap_by_a_sentence() -> None:
    text = _paragraph("espresso", 60)
    chunks = chunk_text(text)
    assert len(chunks) >= 3
    for before, after in itertools.pairwise(chunks):
        assert after.char_start < before.char_end, "consecutive passages should overlap"


def test_cuts_prefer_paragraph_breaks() -> None:
    first, second = _paragraph("decaf", 10), _paragraph("cold brew", 10)
    text = f"{first}\n\n{second}"
    chunks = chunk_text(text)
    assert [c.text for c in chunks] == [first, second]


def test_a_sentence_longer_than_a_passage_is_split() -> None:
    text = " ".join(["word"] * 500)
    chunks = chunk_text(text)
    assert all(len(c.text.split()) <= 160 for c in chunks)
    assert sum(len(c.text.split()) for c in chunks) >= 500


def test_short_and_empty_texts() -> None:
    assert chunk_text("") == []
    assert chunk_text("   \n\n  ") == []
    [only] = chunk_text("Free shipping over $40.")
    assert (only.char_start, only.char_end, only.ordinal) == (0, 23, 0)


def test_a_short_tail_joins_the_previous_passage() -> None:
    text = _paragraph("grind", 9) + "\n\nThe end."
    chunks = chunk_text(text)
    assert len(chunks) == 1
    assert chunks[0].text.endswith("The end.")
