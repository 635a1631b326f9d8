"""BriefInputs for the bundled sample brand, with passages cut from its real pages (test helper)."""

from __future__ import annotations

from datetime import date

from agency.intelligence.crawl.html_parse import main_text
from agency.intelligence.knowledge.chunking import chunk_text
from agency.samples import SAMPLE_SITE_DIR
from agency.strategy.brief import (
    AudienceInput,
    BriefInputs,
    CompetitorInput,
    Passage,
    ProductInput,
    SourceRef,
    WhiteSpace,
)

SITE = "https://northboundcoffee.example/"
PAGES = (
    "index.html",
    "about/index.html",
    "sourcing/index.html",
    "faq/index.html",
    "subscriptions/index.html",
    "products/north-shore-cold-brew.html",
    "brewing/index.html",
    "wholesale/index.html",
)


def page_url(page: str) -> str:
    return SITE + page.removesuffix("index.html")


def sample_passages() -> list[Passage]:
    """Knowledge-base style passages (~100 words) from the sample site's main text."""
    passages = []
    for page in PAGES:
        url = page_url(page)
        text = main_text((SAMPLE_SITE_DIR / page).read_text(encoding="utf-8"), url=url)
        slug = page.removesuffix("/index.html").removesuffix(".html").replace("/", "-")
        for chunk in chunk_text(text):
            passages.append(
                Passage(id=f"{slug}-{chunk.ordinal}", text=chunk.text, source=url, title=slug)
            )
    return passages


def sample_inputs(**changes: object) -> BriefInputs:
    faq = SourceRef(
        url=page_url("faq/index.html"),
        title="FAQ",
        snippet="Coffee ships within 48 hours of roasting.",
    )
    cold = SourceRef(
        url=page_url("products/north-shore-cold-brew.html"),
        title="North Shore Cold Brew",
        snippet="One 32-ounce bottle makes about eight servings",
    )
    summit = SourceRef(
        url="https://summitreserve.example/",
        title="Summit Reserve",
        snippet="The world's rarest coffees, delivered monthly",
    )
    value = SourceRef(
        url="https://valuebrew.example/about/",
        title="Big Lake Value Coffee",
        snippet="great coffee that every family can afford",
    )
    data: dict[str, object] = {
        "brand_name": "Northbound Coffee Roasters",
        "brand_tagline": "Small-batch coffee, roasted for the long road.",
        "brand_description": "Northbound Coffee Roasters roasts small-batch specialty coffee in "
        "Duluth, Minnesota, and ships it fresh across the United States.",
        "palette": ["#1F3A4D", "#C8793A", "#F4EFE6"],
        "product": ProductInput(
            name="North Shore Cold Brew",
            description="North Shore Cold Brew is steeped for 18 hours in cold Lake "
            "Superior-region water at our roastery, filtered twice, and bottled as a concentrate.",
            price="$14.00",
        ),
        "goal": "Launch North Shore Cold Brew to home coffee drinkers across the United States",
        "objective": "conversion",
        "budget_total": 6000,
        "currency": "USD",
        "channels": ["instagram", "tiktok", "email"],
        "start": date(2027, 5, 3),
        "days": 30,
        "audiences": [
            AudienceInput(
                name="Home cold brew fans",
                who="home coffee drinkers who buy iced coffee on summer mornings",
                needs=["cold brew ready at home without overnight steeping"],
                objections=["bottled cold brew often tastes flat or bitter"],
                channels=["instagram", "tiktok"],
                messages=["Steeped for 18 hours, filtered twice"],
                citations=[cold],
            ),
            AudienceInput(
                name="Freshness seekers",
                who="specialty coffee subscribers who care about roast dates",
                needs=["coffee roasted days, not months, before it arrives"],
                objections=["shipping makes fresh coffee arrive stale"],
                channels=["email", "instagram"],
                messages=["Shipped within 48 hours of roasting"],
                citations=[faq],
            ),
        ],
        "competitors": [
            CompetitorInput(
                name="Summit Reserve Coffee Club",
                positioning="rare competition-grade micro-lots for a private membership",
                claims=[
                    "The world's rarest coffees, delivered monthly",
                    "the finest coffees in the world",
                ],
                price="$29 per month",
                citations=[summit],
            ),
            CompetitorInput(
                name="Big Lake Value Coffee",
                positioning="low-priced tubs for every family in the grocery aisle",
                claims=["We guarantee you will love it"],
                citations=[value],
            ),
        ],
        "white_space": [
            WhiteSpace(
                statement="Freshness you can date: roasted to order and shipped within 48 hours",
                citations=[faq],
            ),
            WhiteSpace(
                statement="Farms known by name and prices paid above the market",
                citations=[SourceRef(url=page_url("sourcing/index.html"), title="Sourcing")],
            ),
        ],
        "passages": sample_passages(),
    }
    data.update(changes)
    return BriefInputs.model_validate(data)
