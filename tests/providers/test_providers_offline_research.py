"""Offline research answers from supplied passages and cites them."""

from __future__ import annotations

from agency.providers import Document, PassageResearchProvider, ResearchRequest

DOCS = (
    Document(
        url="https://example.com/market",
        title="Cold brew market 2025",
        text=(
            "The cold brew coffee market grew by 21 percent in 2025. "
            "Most growth came from ready-to-drink cans sold in supermarkets. "
            "Analysts expect slower growth next year."
        ),
    ),
    Document(
        url="https://example.com/audience",
        title="Who drinks cold brew",
        text=(
            "Commuters aged 25 to 34 are the largest group of cold brew drinkers. "
            "They value low acidity and convenience over price."
        ),
    ),
    Document(
        url="https://example.com/tea",
        title="Tea trends",
        text="Matcha lattes are popular with students in the autumn months.",
    ),
)


def test_answers_from_the_best_matching_passage() -> None:
    result = PassageResearchProvider().research(
        ResearchRequest(question="How much did the cold brew market grow?", documents=DOCS)
    )
    assert "21 percent" in result.answer
    assert result.citations[0].url == "https://example.com/market"
    assert "21 percent" in result.citations[0].snippet
    assert "https://example.com/tea" not in [c.url for c in result.citations]
    assert result.provider == "passages" and len(result.prompt_hash) == 64


def test_audience_question_cites_audience_doc_first() -> None:
    result = PassageResearchProvider().research(
        ResearchRequest(question="Which commuters drink cold brew and what do they value?",
                        documents=DOCS, max_citations=1)
    )  # fmt: skip
    assert [c.url for c in result.citations] == ["https://example.com/audience"]
    assert "Commuters aged 25 to 34" in result.answer


def test_no_match_and_no_documents_say_so() -> None:
    none = PassageResearchProvider().research(
        ResearchRequest(question="Quantum chromodynamics?", documents=DOCS)
    )
    assert none.citations == () and "None of the supplied documents" in none.answer
    empty = PassageResearchProvider().research(ResearchRequest(question="Anything?"))
    assert empty.citations == () and "No documents" in empty.answer
