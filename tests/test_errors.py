"""Domain errors survive pickling (durable workflows store failed steps' errors)."""

from __future__ import annotations

import pickle

from agency.core import InputError, NotFound, PolicyViolation, ProviderError


def test_errors_round_trip_through_pickle() -> None:
    errors = [
        InputError("bad url", field="url", fix="use https://"),
        ProviderError("rate limited", provider="anthropic", retryable=True, status_code=429),
        NotFound("brand x not found", id="x"),
        PolicyViolation("private address", host="10.0.0.1"),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.to_dict() == error.to_dict()
    provider = pickle.loads(pickle.dumps(errors[1]))
    assert provider.retryable is True and provider.provider == "anthropic"
    field = pickle.loads(pickle.dumps(errors[0]))
    assert (field.field, field.fix) == ("url", "use https://")
