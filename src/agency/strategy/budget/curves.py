"""Diminishing-returns response curves: expected response as a function of spend.

Two shapes, both standard in marketing-mix modelling:

* ``hill``: ``ceiling / (1 + (spend / half_saturation) ** -slope)``, the Hill
  function as Google Meridian writes it (``ec`` is the half-saturation point;
  ``slope <= 1`` is concave, ``slope > 1`` is S-shaped).
* ``exponential``: ``ceiling * (1 - exp(-spend / half_saturation))``, the
  saturating exponential; ``half_saturation`` is then the spend at which 63 %
  of the ceiling is reached. It suits channels with a hard supply limit
  (search query volume, an email list).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pydantic import Field

from agency.core import Artifact

_TINY = 1e-12


def curve_values(
    spend: ArrayLike,
    *,
    exponential: ArrayLike,
    ceiling: ArrayLike,
    half_saturation: ArrayLike,
    slope: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Response and its derivative for arrays of spend and curve parameters (broadcast)."""
    x = np.maximum(np.asarray(spend, dtype=float), 0.0) / half_saturation
    ceiling = np.asarray(ceiling, dtype=float)
    half = np.asarray(half_saturation, dtype=float)
    s = np.asarray(slope, dtype=float)
    safe = np.maximum(x, _TINY)
    xs = np.power(safe, s)
    hill = np.where(x > 0, ceiling * xs / (1.0 + xs), 0.0)
    hill_marginal = ceiling * s * xs / (safe * (1.0 + xs) ** 2) / half
    expo = ceiling * -np.expm1(-x)
    expo_marginal = ceiling / half * np.exp(-x)
    is_exp = np.asarray(exponential, dtype=bool)
    return np.where(is_exp, expo, hill), np.where(is_exp, expo_marginal, hill_marginal)


class ResponseCurve(Artifact):
    """Expected response of one channel for spend over the whole campaign window."""

    kind: Literal["hill", "exponential"] = "hill"
    ceiling: float = Field(gt=0, description="Response approached as spend grows without bound.")
    half_saturation: float = Field(gt=0, description="Spend scale, in the plan's currency.")
    slope: float = Field(default=1.0, gt=0, le=5, description="Hill shape; ignored otherwise.")

    def _values(self, spend: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        return curve_values(
            spend,
            exponential=self.kind == "exponential",
            ceiling=self.ceiling,
            half_saturation=self.half_saturation,
            slope=self.slope,
        )

    def response(self, spend: ArrayLike) -> NDArray[np.float64]:
        """Expected response at ``spend`` (vectorised)."""
        return self._values(spend)[0]

    def marginal(self, spend: ArrayLike) -> NDArray[np.float64]:
        """Derivative of the response: what one more currency unit buys at ``spend``."""
        return self._values(spend)[1]

    def scaled(self, factor: float) -> ResponseCurve:
        """The same curve with its spend axis stretched by ``factor`` (market size, currency)."""
        return self.model_copy(update={"half_saturation": self.half_saturation * factor})

    @property
    def is_concave(self) -> bool:
        """Whether every extra unit buys less than the one before (unique optimum)."""
        return self.kind == "exponential" or self.slope <= 1.0
