"""Where the project's shared test material is: beside the clone (as CI lays it out),
else $AGENCY_SHARED_DIR, else the developers' /work/shared."""

from __future__ import annotations

import os
from pathlib import Path


def shared_testdata() -> Path:
    """The ``shared/testdata`` folder."""
    candidates = [
        Path(__file__).resolve().parents[2] / "shared" / "testdata",
        Path(os.environ.get("AGENCY_SHARED_DIR", "/nonexistent")) / "testdata",
        Path("/work/shared/testdata"),
    ]
    return next((c for c in candidates if c.is_dir()), candidates[0])


TESTDATA = shared_testdata()
