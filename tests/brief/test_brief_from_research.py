"""inputs_from_research: a ResearchReport, a BrandProfile and passage hits become BriefInputs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from brief_samples import SITE, sample_passages

from agency.core import InputError
from agency.intelligence.brand import BrandProfile, ProductInfo
from agency.intelligence.knowledge import PassageHit
from agency.intelligence.research import (
    AudienceSegment,
    Citation,
    CompetitorProfile,
    MarketReport,
    PricePoint,
    ResearchReport,
    Statement,
)
from agency.providers import TemplateTextProvider
from agency.strategy.brief import BriefInputs, generate_brief, inputs_from_research


def _said(text: str, url: str = SITE, quote: str = "") -> Statement:
    return Statement(text=text, citations=[Citation(url=url, title="page", quote=quote or text)])


def _report() -> ResearchReport:
    summit = CompetitorProfile(
        name="Summit Reserve Coffee Club",
        url="https://summitreserve.example/",
        pages=4,
        positioning=[_said("A private club for the discerning coffee drinker")],
        claims=[_said("The world's rarest coffees, delivered monthly")],
        prices=[
            PricePoint(
                label="Explorer",
                amount=29.0,
                citation=Citation(url="https://summitreserve.example/"),
            )
        ],
    )
    brand = CompetitorProfile(name="Northbound Coffee Roasters", url=SITE, pages=12)
    return ResearchReport(
        brand_id="brand0000001",
        brand_name="Northbound Coffee Roasters",
        brand_url=SITE,
        generated_at=datetime(2026, 11, 25, tzinfo=UTC),
        market=MarketReport(
            brand=brand,
            competitors=[summit],
            white_space=[
                _said(
                    "White space: freshness. Northbound Coffee Roasters speaks to it in 3 "
                    "passage(s); none of Summit Reserve Coffee Club mention it"
                ),
                _said("Only Northbound Coffee Roasters talks about “roast date”"),
            ],
        ),
        audiences=[
            AudienceSegment(
                name="Home brewers",
                who=_said("People who brew coffee at home every morning"),
                needs=[_said("Coffee ships within 48 hours of roasting.")],
                objections=[_said("Standard shipping costs $6")],
                channels=[_said("Reached by instagram"), _said("Follows the brand on TikTok")],
                messages=[_said("Fresh coffee, roasted to order")],
            )
        ],
    )


def _profile() -> BrandProfile:
    return BrandProfile(
        name="Northbound Coffee Roasters",
        tagline="Small-batch coffee, roasted for the long road.",
        description="Small-batch specialty coffee from Duluth, Minnesota.",
        url=SITE,
        domain="northboundcoffee.example",
        palette=["#1F3A4D", "#C8793A"],
        products=[
            ProductInfo(
                name="North Shore Cold Brew",
                description="Steeped for 18 hours and filtered twice.",
                price="$14.00",
            )
        ],
    )


def _hits() -> list[PassageHit]:
    return [
        PassageHit(
            passage_id=p.id,
            document_id="doc" + str(i),
            text=p.text,
            score=1.0 / (i + 1),
            source=p.source,
            source_type="page",
            title=p.title,
            ordinal=0,
            char_start=0,
            char_end=len(p.text),
        )
        for i, p in enumerate(sample_passages())
    ]


def _inputs(**overrides: object) -> BriefInputs:
    args: dict[str, object] = {
        "profile": _profile(),
        "passages": _hits(),
        "product": "north shore cold brew",
        "goal": "Launch the cold brew",
        "objective": "awareness",
        "budget_total": 5000,
        "channels": ["instagram", "tiktok"],
        "start": date(2027, 5, 3),
        **overrides,
    }
    return inputs_from_research(_report(), **args)  # type: ignore[arg-type]


def test_research_maps_onto_brief_inputs() -> None:
    inputs = _inputs()
    assert inputs.product.name == "North Shore Cold Brew" and inputs.product.price == "$14.00"
    assert inputs.palette == ["#1F3A4D", "#C8793A"]
    assert [w.statement for w in inputs.white_space] == ["Freshness", "Roast date"]
    audience = inputs.audiences[0]
    assert audience.channels == ["instagram", "tiktok"]
    assert audience.needs == ["Coffee ships within 48 hours of roasting."]
    assert audience.citations and audience.citations[0].url == SITE
    rival = inputs.competitors[0]
    assert rival.positioning == "A private club for the discerning coffee drinker"
    assert rival.price == "29.00 USD"
    assert len(inputs.passages) == len(_hits())


def test_mapped_inputs_make_a_brief() -> None:
    brief = generate_brief(_inputs(), provider=TemplateTextProvider())
    assert len(brief.message_house.pillars) == 3
    assert brief.objectives[0].metric == "reach"


def test_missing_product_or_segments_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        _inputs(product="  ")
    assert info.value.field == "product"
    empty = _report().model_copy(update={"audiences": []})
    with pytest.raises(InputError) as info:
        inputs_from_research(
            empty,
            profile=_profile(),
            passages=_hits(),
            product="North Shore Cold Brew",
            goal="g",
            objective="awareness",
            budget_total=100,
            channels=["instagram"],
            start=date(2027, 5, 3),
        )
    assert info.value.field == "audiences"
