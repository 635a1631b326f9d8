"""The repair path: violations go back to the model, then the offline writer, then salvage."""

from __future__ import annotations

import pytest

from agency.core import ProviderError
from agency.creation.copy import CopyBrief, CopyTarget, check_piece, write_copy

X_POST = CopyTarget(slot="slot00000001", platform="x", format="post")


def test_over_limit_banned_answer_is_repaired_with_violations_fed_back(
    brief: CopyBrief, fake_model
) -> None:
    bad = {"text": "Cheap coffee? " + "Cold brew, slow and smooth. " * 12, "hashtags": [],
           "citations": []}  # fmt: skip
    good = {
        "text": "Cold brew steeped for 18 hours in small batches.",
        "hashtags": ["#coldbrew"],
        "citations": ["p-steep"],
    }
    model = fake_model([bad, good])
    piece = write_copy(X_POST, brief, provider=model)

    assert len(model.requests) == 2
    repair = model.requests[1].messages
    assert repair[-2].role == "assistant" and "Cheap coffee" in repair[-2].content
    feedback = repair[-1].content
    assert "banned word 'cheap'" in feedback
    assert "the limit is 280" in feedback and "weighted characters" in feedback
    assert piece.text.startswith("Cold brew steeped for 18 hours")
    assert piece.provenance is not None
    assert (piece.provenance.provider, piece.provenance.attempts) == ("fake-model", 2)
    assert piece.provenance.repaired
    assert piece.citations == ["p-steep"]
    assert check_piece(piece, brief=brief) == []


def test_first_request_is_structured_and_grounded(brief: CopyBrief, fake_model) -> None:
    model = fake_model([{"text": "Steeped for 18 hours.", "hashtags": [], "citations": []}])
    write_copy(X_POST, brief, provider=model)
    request = model.requests[0]
    assert request.json_schema is not None
    assert set(request.json_schema["required"]) == {"text", "hashtags", "citations"}
    assert "p-roast: We roast in batches" in (request.prompt or "")
    assert "cheap" in (request.system or "")


def test_model_that_never_complies_falls_back_to_offline_writer(
    brief: CopyBrief, fake_model
) -> None:
    model = fake_model(["not json at all"] * 3)
    piece = write_copy(X_POST, brief, provider=model)
    assert len(model.requests) == 3
    assert "not valid JSON" in model.requests[1].messages[-1].content
    assert piece.provenance is not None and piece.provenance.provider == "copy-template"
    assert piece.check is not None and piece.check.valid


def test_salvage_trims_when_every_writer_fails(brief: CopyBrief, fake_model) -> None:
    answer = {
        "text": "Our cold brew is the best in the world. Steeped for 18 hours in small batches.",
        "hashtags": [],
        "citations": [],
    }
    model = fake_model([answer] * 3)
    failing = fake_model([answer] * 2)
    failing.name = "fake-fallback"
    piece = write_copy(X_POST, brief, provider=model, fallback=failing)
    assert "best" not in piece.text
    assert piece.text.startswith("Steeped for 18 hours")
    assert piece.provenance is not None and piece.provenance.provider == "fake-model+salvage"
    assert check_piece(piece, brief=brief) == []


def test_nothing_valid_raises_provider_error_listing_violations(
    brief: CopyBrief, fake_model
) -> None:
    answer = {"text": "The best cold brew, 40% smoother.", "hashtags": [], "citations": ["p-x"]}
    model = fake_model([answer] * 3)
    failing = fake_model([answer] * 2)
    failing.name = "fake-fallback"
    with pytest.raises(ProviderError) as err:
        write_copy(X_POST, brief, provider=model, fallback=failing)
    message = err.value.message
    assert "'best' is not in any proof point" in message
    assert "'40' is not in any proof point" in message
    assert "p-x" in message


def test_retryable_vendor_failure_is_not_papered_over(brief: CopyBrief, fake_model) -> None:
    class Flaky:
        name = "flaky"

        def __init__(self) -> None:
            self.inner = fake_model([{"text": "The best brew.", "hashtags": [], "citations": []}])

        def complete(self, request):
            if self.inner.requests:
                raise ProviderError("overloaded", provider="flaky", retryable=True)
            return self.inner.complete(request)

    with pytest.raises(ProviderError) as err:
        write_copy(X_POST, brief, provider=Flaky())
    assert err.value.retryable and err.value.message == "overloaded"
