"""Maximise total expected response over channels × phases with scipy's SLSQP.

Variables are the spend of each (channel, phase) pair as a fraction of the
total; the constraints are the budget (fractions sum to 1) and each channel's
minimum and cap on its sum over phases. With concave curves the optimum is
unique and equalises marginal returns across every pair not held by a bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize

from agency.strategy.budget.curves import ResponseCurve, curve_values
from agency.strategy.calendar.phases import PhaseSpec


def curve_table(curves: Sequence[ResponseCurve]) -> dict[str, NDArray[np.float64]]:
    """Curve parameters as (channels, 1) columns, to broadcast over phases."""
    return {
        "exponential": np.array([[c.kind == "exponential"] for c in curves]),
        "ceiling": np.array([[c.ceiling] for c in curves]),
        "half_saturation": np.array([[c.half_saturation] for c in curves]),
        "slope": np.array([[c.slope] for c in curves]),
    }


def evaluate(
    curves: Sequence[ResponseCurve] | dict[str, NDArray[np.float64]],
    phases: Sequence[PhaseSpec],
    spend: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Response and marginal return of each (channel, phase) cell of ``spend``.

    Spend in a phase lasting ``share`` of the window saturates sooner: the cell
    returns ``weight * share * R(spend / share)``, its marginal ``weight * R'(spend / share)``.
    """
    table = curves if isinstance(curves, dict) else curve_table(curves)
    share = np.array([p.share for p in phases])[None, :]
    weight = np.array([p.weight for p in phases])[None, :]
    response, marginal = curve_values(np.asarray(spend, dtype=float) / share, **table)
    return weight * share * response, weight * marginal


def feasible_start(
    total: float, minimums: NDArray[np.float64], caps: NDArray[np.float64], weights: NDArray
) -> NDArray[np.float64]:
    """Channel totals meeting every minimum and cap, the rest spread by ``weights``."""
    spend = minimums.astype(float).copy()
    weights = np.maximum(np.asarray(weights, dtype=float), 1e-12)
    for _ in range(len(spend) + 1):
        left = total - spend.sum()
        open_ = caps - spend > 1e-12
        if left <= 1e-9 or not open_.any():
            break
        share = np.where(open_, weights, 0.0)
        spend = np.minimum(spend + left * share / share.sum(), caps)
    return spend


def optimise_spend(
    curves: Sequence[ResponseCurve],
    phases: Sequence[PhaseSpec],
    *,
    total: float,
    minimums: NDArray[np.float64],
    caps: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Spend per (channel, phase) that maximises total expected response."""
    n_c, n_p = len(curves), len(phases)
    shares = np.array([p.share for p in phases])
    lo, hi = minimums / total, np.minimum(caps / total, 1.0)

    def unpack(u: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.maximum(u, 0.0).reshape(n_c, n_p) * total

    table = curve_table(curves)
    starts = _starts(curves, phases, total, minimums, caps, shares)
    scale = max(float(evaluate(table, phases, unpack(starts[0]))[0].sum()), 1e-9)

    def objective(u: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        response, marginal = evaluate(table, phases, unpack(u))
        return -float(response.sum()) / scale, -marginal.ravel() * total / scale

    rows = np.kron(np.eye(n_c), np.ones(n_p))
    constraints: list[dict[str, Any]] = [
        {"type": "eq", "fun": lambda u: u.sum() - 1.0, "jac": lambda u: np.ones_like(u)},
        {"type": "ineq", "fun": lambda u: rows @ u - lo, "jac": lambda u: rows},
    ]
    if np.isfinite(hi).any():
        finite = np.isfinite(caps)
        constraints.append(
            {
                "type": "ineq",
                "fun": lambda u: hi[finite] - rows[finite] @ u,
                "jac": lambda u: -rows[finite],
            }
        )
    bounds = [(0.0, float(hi[c])) for c in range(n_c) for _ in range(n_p)]

    # every start is feasible, so the best of them is the fallback if SLSQP fails
    best = min(starts, key=lambda u: objective(u)[0])
    best_value = objective(best)[0]
    for start in starts:
        result = minimize(
            objective,
            start,
            jac=True,
            method="SLSQP",
            bounds=bounds,
            constraints=constraints,
            options={"ftol": 1e-12, "maxiter": 1000},
        )
        u = np.clip(result.x, 0.0, None)
        if _feasible(u, rows, lo, hi) and result.fun < best_value:
            best, best_value = u, float(result.fun)
    return unpack(best)


def _starts(
    curves: Sequence[ResponseCurve],
    phases: Sequence[PhaseSpec],
    total: float,
    minimums: NDArray[np.float64],
    caps: NDArray[np.float64],
    shares: NDArray[np.float64],
) -> list[NDArray[np.float64]]:
    """Feasible starting points: an even split, and one by first-unit efficiency."""
    efficiency = np.array([float(c.marginal(c.half_saturation * 1e-3)) for c in curves])
    weights = [np.ones(len(curves))]
    if not all(c.is_concave for c in curves):
        weights.append(efficiency)
        weights.append(np.array([c.ceiling for c in curves]))
    return [
        np.outer(feasible_start(total, minimums, caps, w), shares).ravel() / total for w in weights
    ]


def _feasible(u: NDArray, rows: NDArray, lo: NDArray, hi: NDArray, tol: float = 1e-6) -> bool:
    sums = rows @ u
    return bool(abs(u.sum() - 1.0) < tol and np.all(sums >= lo - tol) and np.all(sums <= hi + tol))
