"""Fixtures for the intelligence tests: the sample brand site served on localhost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agency.samples import serve_sample_site


@pytest.fixture(scope="module")
def sample_site() -> Iterator[str]:
    """Base URL of the bundled Northbound Coffee Roasters site."""
    with serve_sample_site() as url:
        yield url
