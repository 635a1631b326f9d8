"""Budget allocator: constraints, exact sums, diminishing returns, optimality, bad input."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from agency.core import InputError
from agency.strategy.budget import (
    BudgetPlan,
    PhaseSpec,
    ResponseCurve,
    allocate_budget,
    default_curve,
)
from agency.strategy.budget.optimizer import evaluate

CHANNELS = ["instagram", "search", "email", "tiktok", "linkedin"]


def cents(x: float) -> int:
    return round(x * 100)


def plan_response(plan: BudgetPlan, amounts: np.ndarray) -> float:
    curves = [c.curve for c in plan.channels]
    phases = [PhaseSpec(name=p.phase, share=p.days_share, weight=p.weight) for p in plan.phases]
    return float(evaluate(curves, phases, amounts)[0].sum())


def matrix(plan: BudgetPlan) -> np.ndarray:
    return np.array([[c.by_phase[p.phase] for p in plan.phases] for c in plan.channels])


def test_sums_are_exact_to_the_cent() -> None:
    plan = allocate_budget(12_345.67, objective="conversion", channels=CHANNELS)
    assert sum(cents(c.amount) for c in plan.channels) == 1_234_567
    assert sum(cents(p.amount) for p in plan.phases) == 1_234_567
    for c in plan.channels:
        assert sum(cents(v) for v in c.by_phase.values()) == cents(c.amount)
        assert all(v >= 0 for v in c.by_phase.values())
    assert set(plan.channels[0].by_phase) == {"tease", "launch", "sustain"}


def test_minimums_and_caps_are_respected_and_reported() -> None:
    plan = allocate_budget(
        10_000,
        objective="conversion",
        channels=CHANNELS,
        minimums={"linkedin": 1_500},
        caps={"email": 300, "search": 4_000},
    )
    assert plan.amount_for("linkedin") >= 1_500
    assert plan.amount_for("email") <= 300
    assert plan.amount_for("search") <= 4_000
    bindings = {c.channel: c.binding for c in plan.channels}
    assert bindings["linkedin"] == "minimum"
    assert bindings["email"] == "cap"
    assert any("minimum" in line and "linkedin" in line for line in plan.reasoning)
    assert any("cap" in line and "email" in line for line in plan.reasoning)


def test_free_channels_have_equal_marginal_returns() -> None:
    plan = allocate_budget(20_000, objective="awareness", channels=["instagram", "tiktok", "x"])
    free = [c.marginal_return for c in plan.channels if c.amount > 0 and c.binding == "none"]
    assert len(free) >= 2
    assert max(free) / min(free) == pytest.approx(1.0, abs=0.01)


def test_more_budget_more_response_but_diminishing() -> None:
    responses = [
        allocate_budget(t, objective="conversion", channels=CHANNELS).expected_response
        for t in (5_000, 10_000, 20_000, 40_000)
    ]
    gains = np.diff(responses)
    assert all(g > 0 for g in gains)
    per_unit = gains / np.array([5_000, 10_000, 20_000])
    assert all(a > b for a, b in itertools.pairwise(per_unit))


def test_steeper_curve_gets_more() -> None:
    steep = ResponseCurve(ceiling=1_000, half_saturation=2_000)
    flat = ResponseCurve(ceiling=1_000, half_saturation=8_000)
    plan = allocate_budget(
        5_000, objective="awareness", channels=["a", "b"], curves={"a": flat, "b": steep}
    )
    assert plan.amount_for("b") > plan.amount_for("a")


def test_perturbation_does_not_improve_the_optimum() -> None:
    plan = allocate_budget(10_000, objective="consideration", channels=CHANNELS)
    base = matrix(plan)
    best = plan_response(plan, base)
    rng = np.random.default_rng(7)
    for _ in range(50):
        delta = rng.normal(size=base.shape) * 50
        delta -= delta.mean()  # keep the total
        trial = base + delta
        if (trial < 0).any():
            continue
        assert plan_response(plan, trial) <= best + 1e-6 * best
    # moving 100 between two channels also loses
    for i in range(len(CHANNELS)):
        for j in range(len(CHANNELS)):
            if i != j and base[i].sum() >= 100:
                moved = base.copy()
                moved[i] *= 1 - 100 / base[i].sum()
                moved[j, 2] += 100
                assert plan_response(plan, moved) <= best * (1 + 1e-7)


def test_default_curves_differ_by_objective() -> None:
    assert (
        default_curve("search", "conversion").ceiling
        > default_curve("tiktok", "conversion").ceiling * 0.5
    )
    conv = allocate_budget(10_000, objective="sales", channels=["search", "tiktok"])
    eng = allocate_budget(10_000, objective="engagement", channels=["search", "tiktok"])
    assert conv.amount_for("search") > eng.amount_for("search")
    assert conv.objective == "conversion"


def test_zero_decimal_currency_rounds_to_whole_units() -> None:
    plan = allocate_budget(1_000_000, objective="awareness", channels=CHANNELS, currency="jpy")
    assert plan.currency == "JPY"
    assert all(c.amount == int(c.amount) for c in plan.channels)
    assert sum(c.amount for c in plan.channels) == 1_000_000


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"minimums": {"instagram": 6_000, "search": 5_000}}, "minimums"),
        ({"caps": {c: 1_000 for c in CHANNELS}}, "caps"),
        ({"channels": ["instagram", "myspace"]}, "channels"),
        ({"channels": ["instagram", "ig"]}, "channels"),
        ({"channels": []}, "channels"),
        ({"objective": "vibes"}, "objective"),
        ({"minimums": {"youtube": 10}}, "minimums"),
        ({"minimums": {"email": 500}, "caps": {"email": 100}}, "minimums"),
        ({"caps": {"email": -1}}, "caps"),
        ({"currency": "dollars"}, "currency"),
        ({"total": 0}, "total"),
        ({"phases": [PhaseSpec(name="only", share=0.5)]}, "phases"),
    ],
)
def test_bad_input_names_field_and_fix(kwargs: dict, field: str) -> None:
    args = {"total": 10_000, "objective": "conversion", "channels": CHANNELS, **kwargs}
    total = args.pop("total")
    with pytest.raises(InputError) as err:
        allocate_budget(total, **args)
    assert err.value.field == field
    assert err.value.fix


def test_s_shaped_curves_still_meet_constraints() -> None:
    curves = {
        "a": ResponseCurve(ceiling=500, half_saturation=3_000, slope=2.5),
        "b": ResponseCurve(ceiling=300, half_saturation=1_000, slope=1.8),
    }
    plan = allocate_budget(4_000, objective="awareness", channels=["a", "b"], curves=curves)
    assert sum(cents(c.amount) for c in plan.channels) == 400_000
    even = plan_response(plan, np.array([[400, 300, 1300], [400, 300, 1300]], dtype=float))
    assert plan.expected_response >= even


def test_minimum_that_eats_the_budget_is_explained() -> None:
    plan = allocate_budget(
        10_000, objective="awareness", channels=["instagram", "x"], minimums={"x": 10_000}
    )
    assert plan.amount_for("instagram") == 0
    assert {c.channel: c.binding for c in plan.channels}["x"] == "minimum"
    assert any("instagram" in line and "minimums use up" in line for line in plan.reasoning)


def test_small_budget_reasoning_mentions_empty_phases() -> None:
    plan = allocate_budget(500, objective="awareness", channels=["instagram"])
    assert plan.amount_for("instagram") == 500
    empty = [p.phase for p in plan.phases if p.amount == 0]
    for phase in empty:
        assert any(line.startswith(f"Phase {phase}: nothing") for line in plan.reasoning)


def test_matches_brute_force_on_two_channels() -> None:
    curves = {
        "a": ResponseCurve(ceiling=900, half_saturation=3_000),
        "b": ResponseCurve(kind="exponential", ceiling=400, half_saturation=1_000),
    }
    one = [PhaseSpec(name="sustain", share=1.0)]
    plan = allocate_budget(
        5_000, objective="awareness", channels=["a", "b"], curves=curves, phases=one
    )
    grid = np.arange(0, 5_001, 1.0)
    totals = curves["a"].response(grid) + curves["b"].response(5_000 - grid)
    best_a = float(grid[np.argmax(totals)])
    assert abs(plan.amount_for("a") - best_a) <= 1.0
    assert plan.expected_response >= float(totals.max()) - 1e-6
