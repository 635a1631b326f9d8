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


class ResponseCurve(Artifact):
    """Expected response of one channel for spend over the whole campaign window."""

    kind: Literal["hill", "exponential"] = "hill"
    ceiling: float = Field(gt=0, description="Response approached as spend grows without bound.")
    half_saturation: float = Field(gt=0, description="Spend scale, in the plan's currency.")
    slope: float = Field(default=1.0, gt=0, le=5, description="Hill shape; ignored otherwise.")

    def response(self, spend: ArrayLike) -> NDArray[np.float64]:
        """Expected response at ``spend`` (vectorised)."""
        x = np.maximum(np.asarray(spend, dtype=float), 0.0) / self.half_saturation
        if self.kind == "exponential":
            return self.ceiling * -np.expm1(-x)
        xs = np.power(np.maximum(x, _TINY), self.slope)
        return np.where(x > 0, self.ceiling * xs / (1.0 + xs), 0.0)

    def marginal(self, spend: ArrayLike) -> NDArray[np.float64]:
        """Derivative of the response: what one more currency unit buys at ``spend``."""
        x = np.maximum(np.asarray(spend, dtype=float), 0.0) / self.half_saturation
        if self.kind == "exponential":
            return self.ceiling / self.half_saturation * np.exp(-x)
        s = self.slope
        xs = np.power(np.maximum(x, _TINY), s)
        return (
            self.ceiling
            * s
            * xs
            / (np.maximum(x, _TINY) * (1.0 + xs) ** 2)
            / (self.half_saturation)
        )

    def scaled(self, factor: float) -> ResponseCurve:
        """The same curve with its spend axis stretched by ``factor`` (market size, currency)."""
        return self.model_copy(update={"half_saturation": self.half_saturation * factor})

    @property
    def is_concave(self) -> bool:
        """Whether every extra unit buys less than the one before (unique optimum)."""
        return self.kind == "exponential" or self.slope <= 1.0


def phase_response(
    curve: ResponseCurve, spend: ArrayLike, *, share: float, weight: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Response of spend placed in a phase lasting ``share`` of the window.

    Spend squeezed into fewer days saturates sooner, so the curve is compressed
    in time: ``weight * share * R(spend / share)``. Its derivative is
    ``weight * R'(spend / share)``.
    """
    x = np.asarray(spend, dtype=float) / share
    return weight * share * curve.response(x), weight * curve.marginal(x)
