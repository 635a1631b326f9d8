"""Two bundled competitor sites for the sample brand, served like the sample site.

``serve_competitor_sites()`` serves both on localhost and yields their base URLs
(``{"valuebrew": ..., "summitreserve": ...}``), for tests and demos of research.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from agency.samples.server import serve_directory

COMPETITORS_DIR = Path(__file__).resolve().parent
COMPETITOR_SITES: dict[str, Path] = {
    "valuebrew": COMPETITORS_DIR / "valuebrew",
    "summitreserve": COMPETITORS_DIR / "summitreserve",
}


@contextmanager
def serve_competitor_sites(host: str = "127.0.0.1") -> Iterator[dict[str, str]]:
    """Serve every bundled competitor site; yields name → base URL."""
    with ExitStack() as stack:
        yield {
            name: stack.enter_context(serve_directory(path, host=host))
            for name, path in COMPETITOR_SITES.items()
        }
