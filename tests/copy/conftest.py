"""Fixtures for the copy engine: a sample brief, a fake text model, and a long text."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from agency.creation.copy import CopyBrief, ProofPoint
from agency.providers import TextRequest, TextResult

BLOG_POST = """# Why we steep our cold brew for 18 hours

Cold brew is not iced coffee. Iced coffee is brewed hot and poured over ice, which locks in
the bitterness. Cold brew never meets hot water at all.

## What the long steep does

We steep North Shore Cold Brew for 18 hours in small batches. The slow extraction pulls out
cocoa and brown sugar notes and leaves most of the harsh acids behind. The result is a
concentrate you can cut with water or milk.

## Roasted for the job

The beans are roasted in batches of twelve kilos on the Duluth harbor, a little darker than our
filter coffee so the chocolate notes survive the cold. Every bag ships within 48 hours of
roasting, so the coffee in your bottle is fresh.

## How should you drink it?

Mix one part concentrate with two parts water or milk. A 32 oz bottle makes about sixteen
glasses and keeps for two weeks in the fridge.

Is it strong? It is about as strong as a double espresso before you dilute it. Start with
less concentrate and find your own ratio.
"""


@pytest.fixture
def brief() -> CopyBrief:
    return CopyBrief(
        brand="Northbound Coffee Roasters",
        product="North Shore Cold Brew",
        proposition="Smooth cocoa and brown sugar cold brew, steeped for 18 hours in small batches",
        audience="busy people who love good coffee",
        pillars=[
            "Roasted in batches of twelve kilos on the Duluth harbor",
            "Shipped within 48 hours of roasting",
        ],
        proof_points=[
            ProofPoint(
                id="p-roast",
                text="We roast in batches of twelve kilos and ship within 48 hours of roasting.",
                source="https://northbound.example/",
            ),
            ProofPoint(
                id="p-steep",
                text="Ready-to-pour cold brew concentrate, steeped for 18 hours in small batches.",
                source="https://northbound.example/shop",
            ),
        ],
        cta="Order a bottle",
        link="https://northboundcoffee.com/cold-brew",
        hashtags=["coldbrew", "Duluth", "smallbatch"],
        banned_words=["cheap"],
        location="Duluth, MN",
    )


@pytest.fixture
def blog_post() -> str:
    return BLOG_POST


class FakeTextModel:
    """A text model that returns queued answers and records every request."""

    name = "fake-model"
    model = "fake-1"

    def __init__(self, answers: list[str | dict]) -> None:
        self.answers = [a if isinstance(a, str) else json.dumps(a) for a in answers]
        self.requests: list[TextRequest] = []

    def complete(self, request: TextRequest) -> TextResult:
        self.requests.append(request)
        text = self.answers.pop(0) if self.answers else "{}"
        return TextResult(
            text=text, provider=self.name, model=self.model, prompt_hash=request.fingerprint()
        )


@pytest.fixture
def fake_model() -> Callable[[list[str | dict]], FakeTextModel]:
    return FakeTextModel
