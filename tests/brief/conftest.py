"""Fixtures of the brief tests: the sample brand's BriefInputs."""

from __future__ import annotations

import pytest
from brief_samples import sample_inputs

from agency.strategy.brief import BriefInputs


@pytest.fixture(scope="session")
def inputs() -> BriefInputs:
    return sample_inputs()
