"""Ids, errors, artifact base types and the clock, shared by every package."""

from agency.core.artifacts import Artifact
from agency.core.clock import utcnow
from agency.core.errors import (
    AgencyError,
    InputError,
    NotFound,
    PolicyViolation,
    ProviderError,
)
from agency.core.ids import new_id

__all__ = [
    "AgencyError",
    "Artifact",
    "InputError",
    "NotFound",
    "PolicyViolation",
    "ProviderError",
    "new_id",
    "utcnow",
]
