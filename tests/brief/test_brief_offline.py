"""Offline brief for the sample brand: complete, cited, three pillars, distinct territories."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from brief_samples import PAGES, SITE, sample_inputs

from agency.intelligence.crawl.html_parse import main_text
from agency.providers import TemplateTextProvider
from agency.samples import SAMPLE_SITE_DIR
from agency.strategy.brief import (
    MAX_OVERLAP,
    Brief,
    BriefInputs,
    generate_brief,
    territory_overlap,
)
from agency.strategy.brief.grounding import unsupported_claims
from agency.strategy.budget import allocate_budget
from agency.strategy.calendar import build_calendar


@pytest.fixture(scope="module")
def brief(inputs: BriefInputs) -> Brief:
    return generate_brief(inputs, provider=TemplateTextProvider())


def _prose(brief: Brief) -> list[str]:
    texts = [brief.situation, brief.complication, brief.resolution, brief.proposition]
    texts += [a.insight for a in brief.audiences] + [brief.message_house.umbrella]
    texts += [p.message for p in brief.message_house.pillars]
    texts += [t.idea for t in brief.territories] + [c.why for c in brief.channels]
    return texts


def test_brief_is_complete(brief: Brief, inputs: BriefInputs) -> None:
    assert brief.providers == ["template"]
    for field in ("situation", "complication", "resolution", "proposition"):
        assert len(getattr(brief, field)) > 10
    assert [a.name for a in brief.audiences] == [a.name for a in inputs.audiences]
    assert all(a.insight for a in brief.audiences)
    assert [c.channel for c in brief.channels] == ["instagram", "tiktok", "email"]
    assert all(c.why and c.formats and c.cadence for c in brief.channels)
    assert brief.measurement and brief.risks and brief.assumptions
    assert brief.end == date(2027, 6, 1)
    primary = [k for k in brief.objectives if k.primary]
    assert len(primary) == 1 and primary[0].metric == "conversions"
    assert brief.objectives[0].primary
    assert all(k.target > 0 and k.how_measured and k.basis for k in brief.objectives)


def test_three_pillars_each_proof_point_quotes_a_supplied_passage(
    brief: Brief, inputs: BriefInputs
) -> None:
    passages = {p.id: p for p in inputs.passages}
    pillars = brief.message_house.pillars
    assert len(pillars) == 3
    assert len({p.name.lower() for p in pillars}) == 3
    used = []
    for pillar in pillars:
        assert pillar.proof_points
        for proof in pillar.proof_points:
            passage = passages[proof.passage_id]
            assert proof.source == passage.source
            quoted = " ".join(proof.text.removesuffix("…").split())
            assert quoted in " ".join(passage.text.split())
            citation = brief.citation(proof.ref)
            assert citation is not None and citation.id == proof.passage_id
            used.append(proof.passage_id)
    assert len(used) == len(set(used)), "a passage proves one pillar only"


def test_brief_cites_real_passages_of_the_sample_site(brief: Brief) -> None:
    page_texts = {
        SITE + page.removesuffix("index.html"): " ".join(
            main_text((SAMPLE_SITE_DIR / page).read_text(encoding="utf-8")).split()
        )
        for page in PAGES
    }
    proofs = [pp for p in brief.message_house.pillars for pp in p.proof_points]
    for proof in proofs:
        assert proof.source in page_texts
        assert " ".join(proof.text.removesuffix("…").split()) in page_texts[proof.source]
    joined = " ".join(pp.text for pp in proofs)
    assert "48 hours of roasting" in joined  # the sample site's freshness promise
    assert "steeped for 18 hours" in joined  # the cold brew product page


def test_three_territories_are_measurably_distinct(brief: Brief) -> None:
    territories = brief.territories
    assert [t.anchor for t in territories] == [
        "product truth",
        "audience moment",
        "category contrast",
    ]
    assert len({t.name for t in territories}) == 3
    for t in territories:
        assert len(t.headlines) == 3 and len(set(t.headlines)) == 3
        assert t.idea and t.tone and t.visual_direction
    scores = territory_overlap(
        [t.model_dump() for t in territories], exclude=[brief.brand, brief.product]
    )
    assert len(scores) == 3
    assert max(scores.values()) < MAX_OVERLAP


def test_prose_is_grounded_and_markers_resolve(brief: Brief, inputs: BriefInputs) -> None:
    facts = "\n".join(
        [inputs.model_dump_json()]
        + [p.text for p in inputs.passages]
        + [f"{k.target:,.0f} {k.deadline}" for k in brief.objectives]
        + [c.model_dump_json() for c in brief.channels]
    )
    refs = {c.ref for c in brief.citations}
    for text in _prose(brief):
        assert not [p for p in unsupported_claims(text, facts) if "superlative" in p], text
        for marker in re.findall(r"\[(\d+)\]", text):
            assert int(marker) in refs
    assert "[" in brief.situation  # the situation cites its sources


def test_offline_brief_is_deterministic(brief: Brief, inputs: BriefInputs) -> None:
    again = generate_brief(inputs, provider=TemplateTextProvider())
    assert again == brief


def test_budget_plan_and_calendar_drive_channels_and_primary_kpi(inputs: BriefInputs) -> None:
    plan = allocate_budget(6000, objective="conversion", channels=inputs.channels)
    calendar = build_calendar(
        start=inputs.start,
        days=inputs.days,
        timezone="America/Chicago",
        channels=inputs.channels,
        territories=["a", "b", "c"],
        now=datetime(2027, 5, 1, 12, tzinfo=UTC),
    )
    brief = generate_brief(
        inputs, provider=TemplateTextProvider(), budget_plan=plan, calendar=calendar
    )
    for channel in brief.channels:
        assert channel.budget == pytest.approx(plan.amount_for(channel.channel), abs=0.01)
        cadence = next(c for c in calendar.cadences if c.platform == channel.channel)
        assert channel.posts_per_week == cadence.posts_per_week
        assert channel.formats[0] == max(cadence.formats, key=lambda f: cadence.formats[f])
    primary = brief.objectives[0]
    assert primary.primary and primary.basis == "budget plan response curves"
    assert primary.target == pytest.approx(plan.expected_response, rel=0.05)


def test_awareness_objective_makes_reach_primary() -> None:
    brief = generate_brief(sample_inputs(objective="awareness"), provider=TemplateTextProvider())
    assert brief.objectives[0].metric == "reach" and brief.objectives[0].primary


def test_references_are_the_cited_sources_in_reading_order(brief: Brief) -> None:
    refs = [c.ref for c in brief.citations]
    assert refs == list(range(1, len(refs) + 1))
    body = brief.model_dump(mode="json", exclude={"citations"})
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", str(body))}
    cited |= {pp.ref for p in brief.message_house.pillars for pp in p.proof_points}
    cited |= {r for a in brief.audiences for r in a.citations}
    assert cited == set(refs), "no uncited source is listed, no cited source is missing"
    assert re.search(r"\[(\d+)\]", brief.situation).group(1) == "1"  # type: ignore[union-attr]
