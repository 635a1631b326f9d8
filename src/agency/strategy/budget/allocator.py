"""Split a campaign budget across channels and phases to maximise expected response."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import numpy as np

from agency.core import InputError
from agency.strategy.budget.channels import (
    OBJECTIVES,
    default_curve,
    normalize_channel,
    normalize_objective,
)
from agency.strategy.budget.curves import ResponseCurve
from agency.strategy.budget.models import Binding, BudgetPlan, ChannelAllocation, PhaseAllocation
from agency.strategy.budget.optimizer import evaluate, optimise_spend
from agency.strategy.budget.reasoning import explain, money
from agency.strategy.budget.rounding import minor_units, round_allocation
from agency.strategy.calendar.phases import DEFAULT_PHASES, PhaseSpec, validate_phases


def allocate_budget(
    total: float,
    *,
    objective: str,
    channels: Sequence[str],
    phases: Sequence[PhaseSpec] = DEFAULT_PHASES,
    minimums: Mapping[str, float] | None = None,
    caps: Mapping[str, float] | None = None,
    currency: str = "USD",
    curves: Mapping[str, ResponseCurve] | None = None,
    curve_scale: float = 1.0,
) -> BudgetPlan:
    """Maximise expected response of ``total`` over ``channels`` and ``phases``.

    ``curves`` replaces the default (assumed) curve of a channel, e.g. with one
    fitted by a marketing-mix model; ``curve_scale`` stretches every default
    curve's spend axis (a bigger market, or a currency worth less than USD).
    """
    goal = normalize_objective(objective)
    specs = validate_phases(phases)
    code = _currency(currency)
    decimals = minor_units(code)
    factor = 10**decimals
    if not math.isfinite(total) or total <= 0:
        raise InputError(
            f"Budget total must be a positive amount, got {total!r}.",
            field="total",
            fix="Pass a total greater than 0.",
        )
    if not math.isfinite(curve_scale) or curve_scale <= 0:
        raise InputError("curve_scale must be positive.", field="curve_scale", fix="Use e.g. 1.0.")
    custom = {k.strip().lower(): v for k, v in (curves or {}).items()}
    names = _channels(channels, custom)
    curve_list = [
        custom[n] if n in custom else default_curve(n, goal).scaled(curve_scale) for n in names
    ]
    total_units = round(total * factor)
    amount_total = total_units / factor
    lows = _limits(minimums, names, custom, "minimums", default=0.0)
    highs = _limits(caps, names, custom, "caps", default=math.inf)
    _check_feasible(amount_total, names, lows, highs, code, decimals)

    spend = optimise_spend(curve_list, specs, total=amount_total, minimums=lows, caps=highs)
    cells = round_allocation(
        spend, total_units=total_units, minimums=lows, caps=highs, decimals=decimals
    )
    amounts = cells / factor
    response, marginal = evaluate(curve_list, specs, amounts)
    row_marginal = np.array(
        [
            marginal[c][amounts[c] > 0].max() if amounts[c].any() else marginal[c].max()
            for c in range(len(names))
        ]
    )
    row_amount = amounts.sum(axis=1)
    tol = 1.0 / factor
    free = (row_amount > lows + tol) & (row_amount < highs - tol)
    if free.any():
        lam = float(np.median(row_marginal[free]))
    else:  # every channel sits on a bound: the next unit would go where it buys most
        open_ = row_amount < highs - tol
        lam = float(row_marginal[open_].max() if open_.any() else row_marginal.min())
    allocations = []
    for c, name in enumerate(names):
        binding: Binding = "none"
        if lows[c] > 0 and row_amount[c] <= lows[c] + tol and row_marginal[c] < lam * 0.999:
            binding = "minimum"
        elif row_amount[c] >= highs[c] - tol and row_marginal[c] > lam * 1.001:
            binding = "cap"
        allocations.append(
            ChannelAllocation(
                channel=name,
                amount=round(float(row_amount[c]), decimals),
                share=float(cells[c].sum()) / total_units,
                by_phase={
                    p.name: round(float(amounts[c, i]), decimals) for i, p in enumerate(specs)
                },
                expected_response=float(response[c].sum()),
                marginal_return=float(row_marginal[c]),
                binding=binding,
                minimum=float(lows[c]) if lows[c] > 0 else None,
                cap=float(highs[c]) if math.isfinite(highs[c]) else None,
                curve=curve_list[c],
            )
        )
    phase_rows = [
        PhaseAllocation(
            phase=p.name,
            amount=round(float(amounts[:, i].sum()), decimals),
            share=float(cells[:, i].sum()) / total_units,
            days_share=p.share,
            weight=p.weight,
        )
        for i, p in enumerate(specs)
    ]
    expected = float(response.sum())
    unit = OBJECTIVES[goal]
    return BudgetPlan(
        total=amount_total,
        currency=code,
        objective=goal,
        response_unit=unit,
        channels=allocations,
        phases=phase_rows,
        expected_response=expected,
        marginal_return=lam,
        reasoning=explain(
            total=amount_total,
            currency=code,
            decimals=decimals,
            objective=goal,
            unit=unit,
            channels=allocations,
            phases=phase_rows,
            expected=expected,
            marginal=lam,
        ),
        assumptions=_assumptions(names, custom, curve_scale),
    )


def _currency(currency: str) -> str:
    code = currency.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise InputError(
            f"Currency {currency!r} is not an ISO 4217 code.",
            field="currency",
            fix="Use a three-letter code such as USD or EUR.",
        )
    return code


def _channels(channels: Sequence[str], custom: Mapping[str, ResponseCurve]) -> list[str]:
    if isinstance(channels, str) or not channels:
        raise InputError(
            "No channels to allocate to.",
            field="channels",
            fix="Pass a list of channels, e.g. ['instagram', 'search', 'email'].",
        )
    names = [
        c.strip().lower() if c.strip().lower() in custom else normalize_channel(c) for c in channels
    ]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InputError(
            f"Channels listed twice: {', '.join(repeated)}.",
            field="channels",
            fix="List each channel once (aliases such as 'ig' and 'instagram' are the same).",
        )
    return names


def _limits(
    values: Mapping[str, float] | None,
    names: list[str],
    custom: Mapping[str, ResponseCurve],
    field: str,
    *,
    default: float,
) -> np.ndarray:
    out = np.full(len(names), default, dtype=float)
    for key, value in (values or {}).items():
        name = (
            key.strip().lower()
            if key.strip().lower() in custom
            else normalize_channel(key, field=field)
        )
        if name not in names:
            raise InputError(
                f"{field} names {key!r}, which is not among the channels.",
                field=field,
                fix=f"Add {key!r} to `channels` or remove it from `{field}`.",
            )
        if not math.isfinite(value) or value < 0:
            raise InputError(
                f"{field}[{key!r}] must be a non-negative amount, got {value!r}.",
                field=field,
                fix="Use 0 or a positive amount.",
            )
        out[names.index(name)] = float(value)
    return out


def _check_feasible(
    total: float, names: list[str], lows: np.ndarray, highs: np.ndarray, code: str, dec: int
) -> None:
    for c, name in enumerate(names):
        if lows[c] > highs[c]:
            raise InputError(
                f"{name}: minimum {money(lows[c], code, dec)} is above its cap "
                f"{money(highs[c], code, dec)}.",
                field="minimums",
                fix=f"Lower the minimum of {name} or raise its cap.",
            )
    if lows.sum() > total + 1e-9:
        raise InputError(
            f"Minimums add up to {money(lows.sum(), code, dec)}, more than the total "
            f"{money(total, code, dec)}.",
            field="minimums",
            fix="Lower the minimums or raise the total to at least "
            f"{money(lows.sum(), code, dec)}.",
        )
    if highs.sum() < total - 1e-9:
        raise InputError(
            f"Caps add up to {money(highs.sum(), code, dec)}, less than the total "
            f"{money(total, code, dec)}: the rest could not be spent.",
            field="caps",
            fix="Raise the caps, add an uncapped channel, or lower the total to at most "
            f"{money(highs.sum(), code, dec)}.",
        )


def _assumptions(
    names: list[str], custom: Mapping[str, ResponseCurve], curve_scale: float
) -> list[str]:
    defaults = [n for n in names if n not in custom]
    lines = []
    if defaults:
        lines.append(
            f"Response curves for {', '.join(defaults)} are default assumptions (orders of "
            "magnitude from public CPM/CPC/CPA benchmarks, USD, one market, 30 days), not "
            "measurements; replace them with curves fitted to this account's data."
        )
    if curve_scale != 1.0 and defaults:
        lines.append(f"Default curves stretched by curve_scale={curve_scale:g}.")
    if len(custom):
        lines.append(f"Custom curves used for: {', '.join(n for n in names if n in custom)}.")
    lines.append(
        "Phase weights (how much one unit spent in each phase is worth) are planning "
        "assumptions; the launch burst is weighted highest."
    )
    return lines
