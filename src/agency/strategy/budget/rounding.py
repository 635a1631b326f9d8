"""Round a continuous allocation to whole minor units (cents) that sum exactly."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

# ISO 4217 currencies without minor units; every other currency uses 2 decimals here.
_ZERO_DECIMAL = frozenset(
    {
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "ISK",
        "JPY",
        "KMF",
        "KRW",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    }
)


def minor_units(currency: str) -> int:
    """Decimal places of ``currency`` (0 for JPY, KRW, …; 2 otherwise)."""
    return 0 if currency.upper() in _ZERO_DECIMAL else 2


def largest_remainder(values: NDArray[np.float64], target: int) -> NDArray[np.int64]:
    """Non-negative integers close to ``values`` that sum to ``target``."""
    values = np.maximum(np.asarray(values, dtype=float), 0.0)
    if values.sum() <= 0:
        out = np.zeros(len(values), dtype=np.int64)
        if len(out):
            out[0] = target
        return out
    scaled = values * target / values.sum()
    out = np.floor(scaled).astype(np.int64)
    order = np.argsort(-(scaled - out), kind="stable")
    for i in range(int(target - out.sum())):
        out[order[i % len(out)]] += 1
    return out


def round_allocation(
    spend: NDArray[np.float64],
    *,
    total_units: int,
    minimums: NDArray[np.float64],
    caps: NDArray[np.float64],
    decimals: int,
) -> NDArray[np.int64]:
    """Spend per (channel, phase) in minor units: rows within [min, cap], all summing exactly."""
    factor = 10**decimals
    lo = np.array([math.ceil(m * factor - 1e-6) for m in minimums], dtype=np.int64)
    hi = np.array(
        [math.floor(c * factor + 1e-6) if np.isfinite(c) else total_units for c in caps],
        dtype=np.int64,
    )
    wanted = np.clip(spend.sum(axis=1) * factor, lo, hi)
    rows = np.clip(np.floor(wanted).astype(np.int64), lo, hi)
    fraction = wanted - rows
    while rows.sum() != total_units:
        step = 1 if rows.sum() < total_units else -1
        room = rows < hi if step > 0 else rows > lo
        pick = np.where(room, fraction * step, -np.inf)
        c = int(np.argmax(pick))
        rows[c] += step
        fraction[c] -= step
    cells = np.zeros(spend.shape, dtype=np.int64)
    for c in range(spend.shape[0]):
        cells[c] = largest_remainder(spend[c], int(rows[c]))
    return cells
