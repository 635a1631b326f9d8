"""generate → validate → repair with a fake model that returns queued answers."""

from __future__ import annotations

import pytest

from agency.core import ProviderError
from agency.providers import TextRequest, TextResult, generate_validated


class QueuedText:
    """A fake TextProvider: returns its queued answers in order, records requests."""

    def __init__(self, answers: list[str], name: str = "fake") -> None:
        self.name = name
        self.answers = list(answers)
        self.requests: list[TextRequest] = []

    def complete(self, request: TextRequest) -> TextResult:
        self.requests.append(request)
        return TextResult(
            text=self.answers.pop(0),
            provider=self.name,
            model="fake-1",
            prompt_hash=request.fingerprint(),
            seed=request.seed,
        )


def max_len(n: int):
    def check(text: str) -> list[str]:
        return [f"must be at most {n} characters (was {len(text)})"] if len(text) > n else []

    return check


REQ = TextRequest(prompt="Headline for cold brew", kind="headline", facts={"product": "Nordvik"})


def test_valid_first_answer_is_returned_without_repair() -> None:
    fake = QueuedText(["Short one"])
    result = generate_validated(fake, REQ, max_len(20))
    assert result.text == "Short one" and len(fake.requests) == 1


def test_violations_are_fed_back_in_the_repair_turn() -> None:
    fake = QueuedText(["x" * 50, "Fixed headline"])
    result = generate_validated(fake, REQ, max_len(20))
    assert result.text == "Fixed headline"
    repair = fake.requests[1]
    turns = repair.chat()
    assert turns[-2].role == "assistant" and turns[-2].content == "x" * 50
    assert "must be at most 20 characters (was 50)" in turns[-1].content
    assert repair.seed != REQ.seed  # a fresh sample for deterministic writers


def test_falls_back_to_template_writer_after_max_repairs() -> None:
    fake = QueuedText(["x" * 50] * 3)
    result = generate_validated(fake, REQ, max_len(40), max_repairs=2)
    assert len(fake.requests) == 3
    assert result.provider == "template" and "Nordvik" in result.text


def test_raises_when_nothing_is_valid() -> None:
    fake = QueuedText(["bad"] * 3)
    with pytest.raises(ProviderError) as info:
        generate_validated(fake, REQ, lambda text: ["never valid"], max_repairs=1)
    assert info.value.retryable is False
    assert "never valid" in info.value.message and "template" in info.value.message
    assert len(fake.requests) == 2


def test_crashing_validator_counts_as_violation() -> None:
    def explode(text: str) -> list[str]:
        if text == "boom":
            raise ValueError("cannot parse")
        return []

    fake = QueuedText(["boom", "fine"])
    assert generate_validated(fake, REQ, explode).text == "fine"
    assert "cannot parse" in fake.requests[1].chat()[-1].content


def test_custom_fallback_is_used() -> None:
    fake = QueuedText(["bad"])
    backup = QueuedText(["good"], name="backup")
    result = generate_validated(
        fake, REQ, lambda t: [] if t == "good" else ["no"], max_repairs=0, fallback=backup
    )
    assert result.provider == "backup"


def test_template_fallback_keeps_facts_given_only_in_the_prompt() -> None:
    request = TextRequest(prompt="Write a tagline.\nBrand: Kestrel Bikes\nBenefit: lighter climbs")
    fake = QueuedText(["x" * 80] * 2)
    result = generate_validated(fake, request, max_len(60), max_repairs=1)
    assert result.provider == "template"
    assert "Kestrel Bikes" in result.text or "lighter climbs" in result.text.lower()


def test_template_writer_as_provider_repairs_with_a_new_seed() -> None:
    from agency.providers import TemplateTextProvider

    request = TextRequest(
        kind="headline", facts={"product": "Aero mug", "benefit": "hot for hours"}
    )
    seen: list[str] = []

    def no_repeat(text: str) -> list[str]:
        seen.append(text)
        return [] if len(seen) > 1 and text != seen[0] else ["try another wording"]

    result = generate_validated(TemplateTextProvider(), request, no_repeat, max_repairs=4)
    assert result.text != seen[0]
    assert "Aero mug" in result.text or "hot for hours" in result.text.lower()
