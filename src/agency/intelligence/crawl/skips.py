"""A bounded log of what a crawl left out, so a 10,000-link page cannot flood it."""

from __future__ import annotations

from collections import Counter

from agency.intelligence.crawl.models import SkippedItem, SkipReason

MAX_ITEMS_PER_REASON = 50


class SkipLog:
    """Records skipped URLs; past ``limit`` items for one reason it only counts them."""

    def __init__(self, limit: int = MAX_ITEMS_PER_REASON) -> None:
        self.limit = limit
        self._per_reason: Counter[SkipReason] = Counter()
        self._items: list[SkippedItem] = []
        self._seen: set[tuple[str, str]] = set()
        self._overflow: Counter[SkipReason] = Counter()

    def add(self, url: str, reason: SkipReason, detail: str = "") -> None:
        key = (url, reason)
        if key in self._seen:
            return
        self._seen.add(key)
        if self._per_reason[reason] < self.limit:
            self._per_reason[reason] += 1
            self._items.append(SkippedItem(url=url, reason=reason, detail=detail))
        else:
            self._overflow[reason] += 1

    def items(self) -> list[SkippedItem]:
        """The recorded items, plus one summary item per reason that overflowed."""
        summary = [
            SkippedItem(url="*", reason=reason, detail=f"{count} more URLs skipped for this reason")
            for reason, count in sorted(self._overflow.items())
        ]
        return [*self._items, *summary]
