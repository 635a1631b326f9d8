"""generate_brief: computed structure, provider-written prose, cited evidence → a Brief."""

from __future__ import annotations

from typing import Any

from agency.providers import TextProvider
from agency.strategy.brief.channels import plan_channels
from agency.strategy.brief.drafts import insight, narrative, pillar_drafts
from agency.strategy.brief.evidence import CitationIndex, plan_pillars
from agency.strategy.brief.facts import brief_facts
from agency.strategy.brief.grounding import FieldRule
from agency.strategy.brief.inputs import BriefInputs
from agency.strategy.brief.kpis import compute_kpis
from agency.strategy.brief.measurement import assess_risks, plan_measurement
from agency.strategy.brief.models import (
    AudienceInsight,
    Brief,
    ChannelPlan,
    MessageHouse,
    Pillar,
    Territory,
)
from agency.strategy.brief.prose import Section, as_sentence, write_section
from agency.strategy.brief.references import compact_citations
from agency.strategy.brief.territories import (
    ANCHORS,
    FIELDS,
    distinctness_problems,
    draft_territories,
)
from agency.strategy.brief.wording import sentences
from agency.strategy.budget import BudgetPlan
from agency.strategy.calendar import CalendarPlan

_NARRATIVE_RULES = {
    "situation": FieldRule(80, 1400),
    "complication": FieldRule(60, 1000),
    "resolution": FieldRule(60, 1000),
    "proposition": FieldRule(10, 160),
    "umbrella": FieldRule(5, 160),
}
_TERRITORY_RULES = {
    "name": FieldRule(3, 70),
    "idea": FieldRule(30, 420),
    "tone": FieldRule(10, 200),
    "visual_direction": FieldRule(20, 320),
    "headline_1": FieldRule(3, 90),
    "headline_2": FieldRule(3, 90),
    "headline_3": FieldRule(3, 90),
}


def _single_minded(data: dict[str, Any]) -> list[str]:
    prop = str(data.get("proposition", ""))
    return [] if len(sentences(prop)) <= 1 else ["proposition must be one single-minded sentence"]


def _distinct_names(data: dict[str, Any]) -> list[str]:
    names = {str(data.get(f"pillar_{i}_name", "")).strip().lower() for i in (1, 2, 3)}
    return [] if len(names) == 3 else ["the three pillars need three different names"]


def _territory_check(exclude: list[str]) -> Any:
    def check(data: dict[str, Any]) -> list[str]:
        items = [{f: data.get(f"t{i}_{f}", "") for f in FIELDS} for i in (1, 2, 3)]
        return distinctness_problems(items, exclude=exclude)

    return check


def generate_brief(
    inputs: BriefInputs,
    *,
    provider: TextProvider,
    budget_plan: BudgetPlan | None = None,
    calendar: CalendarPlan | None = None,
    max_repairs: int = 2,
) -> Brief:
    """A complete strategy brief for ``inputs``.

    KPIs, pillars, proof points, channels, measurement and risks are computed
    from the inputs (and the budget plan and calendar when given); the provider
    writes the prose, checked for grounding and citations and repaired when needed.
    """
    citations = CitationIndex(inputs)
    kpis, assumptions = compute_kpis(inputs, budget_plan)
    pillars = plan_pillars(inputs, citations)
    channels = plan_channels(inputs, plan=budget_plan, calendar=calendar)
    facts = brief_facts(inputs, kpis=kpis, channels=channels, citations=citations)
    story = narrative(inputs, kpis=kpis, pillars=pillars, citations=citations)
    insights = [insight(a) for a in inputs.audiences]
    p_drafts = pillar_drafts(pillars)
    names = [p_drafts[f"pillar_{i}_name"] for i in (1, 2, 3)]
    territories = draft_territories(
        inputs, pillar_names=names, proof=pillars[0].proof_points[0].text, insight=insights[0]
    )
    allowed = {c.ref for c in citations.items}
    exclude = [inputs.brand_name, inputs.product.name]
    sections = [
        Section(
            "narrative",
            "Write the situation, complication and resolution (the SCR story of the brief), "
            "a single-minded proposition (one sentence) and the umbrella message.",
            story,
            _NARRATIVE_RULES,
            _single_minded,
            seed=11,
        ),
        Section(
            "audiences",
            "Write one audience insight per segment (insight_n for audience_n): a human truth "
            "that names the need and the tension in the way of it.",
            {f"insight_{i}": text for i, text in enumerate(insights, start=1)},
            {f"insight_{i}": FieldRule(20, 320) for i in range(1, len(insights) + 1)},
            seed=12,
        ),
        Section(
            "message_house",
            "Name the three pillars of the message house (two to six words each) and write "
            "each pillar's message, citing its proof with the given [n] marker.",
            p_drafts,
            {
                key: FieldRule(3, 70) if key.endswith("_name") else FieldRule(20, 320)
                for key in p_drafts
            },
            _distinct_names,
            seed=13,
        ),
        Section(
            "territories",
            "Develop three clearly different creative territories (t1 product truth, t2 "
            "audience moment, t3 category contrast): name, idea, tone, visual direction and "
            "three example headlines each. They must not share their words or ideas.",
            {f"t{i}_{f}": t[f] for i, t in enumerate(territories, start=1) for f in FIELDS},
            {f"t{i}_{f}": rule for i in (1, 2, 3) for f, rule in _TERRITORY_RULES.items()},
            _territory_check(exclude),
            seed=14,
        ),
        Section(
            "channels",
            "For each channel (why_n for channel_n) say why it is in the plan: its role, "
            "the audiences it reaches and what its budget buys.",
            {f"why_{i}": ch.draft_why for i, ch in enumerate(channels, start=1)},
            {f"why_{i}": FieldRule(20, 420) for i in range(1, len(channels) + 1)},
            seed=15,
        ),
    ]
    text = {
        s.name: write_section(
            s, provider=provider, facts=facts, allowed_refs=allowed, max_repairs=max_repairs
        )
        for s in sections
    }
    story_out = text["narrative"].fields
    house = text["message_house"].fields
    terr = text["territories"].fields
    brief = Brief(
        brand=inputs.brand_name,
        product=inputs.product.name,
        goal=inputs.goal,
        objective=inputs.objective,
        budget_total=inputs.budget_total,
        currency=inputs.currency,
        start=inputs.start,
        end=kpis[0].deadline,
        situation=as_sentence(story_out["situation"]),
        complication=as_sentence(story_out["complication"]),
        resolution=as_sentence(story_out["resolution"]),
        proposition=as_sentence(story_out["proposition"]),
        objectives=kpis,
        audiences=[
            AudienceInsight(
                name=a.name,
                who=a.who,
                insight=as_sentence(text["audiences"].fields[f"insight_{i}"]),
                needs=a.needs,
                objections=a.objections,
                channels=a.channels,
                citations=citations.refs(a.citations),
            )
            for i, a in enumerate(inputs.audiences, start=1)
        ],
        message_house=MessageHouse(
            umbrella=as_sentence(story_out["umbrella"]),
            pillars=[
                Pillar(
                    name=house[f"pillar_{i}_name"].rstrip("."),
                    message=as_sentence(house[f"pillar_{i}_message"]),
                    theme=p.theme,
                    proof_points=p.proof_points,
                )
                for i, p in enumerate(pillars, start=1)
            ],
        ),
        territories=[
            Territory(
                name=terr[f"t{i}_name"].rstrip("."),
                anchor=anchor,
                idea=as_sentence(terr[f"t{i}_idea"]),
                tone=as_sentence(terr[f"t{i}_tone"]),
                visual_direction=as_sentence(terr[f"t{i}_visual_direction"]),
                headlines=[terr[f"t{i}_headline_{k}"] for k in (1, 2, 3)],
            )
            for i, anchor in enumerate(ANCHORS, start=1)
        ],
        channels=[
            ChannelPlan(
                channel=ch.channel,
                role=ch.role,
                why=as_sentence(text["channels"].fields[f"why_{i}"]),
                formats=ch.formats,
                cadence=ch.cadence,
                posts_per_week=ch.posts_per_week,
                budget=ch.budget,
                share=ch.share,
                audiences=ch.audiences,
                source=ch.source,
            )
            for i, ch in enumerate(channels, start=1)
        ],
        measurement=plan_measurement(kpis, days=inputs.days),
        risks=assess_risks(inputs, kpis=kpis, channels=channels),
        assumptions=assumptions,
        citations=citations.items,
        providers=sorted({t.provider for t in text.values()}),
    )
    return compact_citations(brief)
