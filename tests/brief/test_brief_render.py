"""The brief rendered as JSON, Markdown and an A4 PDF with page numbers."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from agency.providers import TemplateTextProvider
from agency.strategy.brief import (
    Brief,
    BriefInputs,
    brief_to_html,
    brief_to_markdown,
    brief_to_pdf,
    generate_brief,
)


@pytest.fixture(scope="module")
def brief(inputs: BriefInputs) -> Brief:
    return generate_brief(inputs, provider=TemplateTextProvider())


def test_json_round_trips(brief: Brief) -> None:
    assert Brief.model_validate_json(brief.model_dump_json()) == brief


def test_markdown_has_sections_tables_and_references(brief: Brief) -> None:
    md = brief_to_markdown(brief)
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings[:9] == [
        "1. Situation, complication, resolution",
        "2. Objectives and KPIs",
        "3. Audiences",
        "4. Single-minded proposition",
        "5. Message house",
        "6. Creative territories",
        "7. Channel strategy",
        "8. Measurement plan",
        "9. Risks",
    ]
    assert headings[-1] == "References"
    assert "| KPI | Target | Baseline | By | How measured | Basis |" in md
    assert "| Channel | Role | Formats | Cadence | Budget | Share |" in md
    assert f"> {brief.proposition}" in md
    for pillar in brief.message_house.pillars:
        assert "### Pillar" in md and pillar.name in md
        for proof in pillar.proof_points:
            assert f"“{proof.text}” [{proof.ref}]" in md
    references = md.split("## References", 1)[1]
    for citation in brief.citations:
        assert f"{citation.ref}. [" in references and citation.url in references
    cited = {int(n) for n in re.findall(r"\[(\d+)\](?!\()", md.split("## References")[0])}
    assert cited <= {c.ref for c in brief.citations}


def test_markdown_escapes_table_pipes(inputs: BriefInputs) -> None:
    piped = inputs.model_copy(update={"channels": ["instagram", "email"]})
    brief = generate_brief(piped, provider=TemplateTextProvider())
    risky = brief.model_copy(
        update={"risks": [brief.risks[0].model_copy(update={"risk": "a | b"})]}
    )
    assert "a \\| b" in brief_to_markdown(risky)


def test_html_does_not_pass_provider_markup_through(brief: Brief) -> None:
    hostile = brief.model_copy(update={"situation": "<script>alert(1)</script> Hello."})
    html = brief_to_html(hostile)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.slow  # WeasyPrint import and font subsetting: ~4-6 s on 2 cores
def test_pdf_is_a4_multi_page_and_searchable(brief: Brief) -> None:
    pdf = brief_to_pdf(brief)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert brief.proposition in text
    assert f"Page 2 of {len(reader.pages)}" in text
    assert brief.message_house.pillars[0].proof_points[0].text[:40] in text
