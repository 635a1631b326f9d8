"""Progress reporting for long Kata runs: a callback taking (step, fraction 0–1).

The CLI turns it into a Rich progress bar, a durable workflow into its step progress;
Kata itself only calls it, at most every ``every`` frames and always at the end.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, float], None]


class ProgressTicker:
    """Reports ``done / total`` of one step through ``callback`` (``None`` = silent)."""

    def __init__(self, callback: Progress | None, step: str, total: int, every: int = 10) -> None:
        self.callback, self.step = callback, step
        self.total, self.every = max(1, total), max(1, every)

    def tick(self, done: int) -> None:
        """Report progress after ``done`` units (throttled)."""
        if self.callback is not None and done % self.every == 0:
            self.callback(self.step, min(1.0, done / self.total))

    def finish(self) -> None:
        """Report the step complete."""
        if self.callback is not None:
            self.callback(self.step, 1.0)
