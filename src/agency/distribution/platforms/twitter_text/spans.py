"""Spans of text found by the extractors, and the UTF-16 view JavaScript has of text.

twitter-text is specified by its JavaScript implementation, whose strings are
UTF-16 code units. Scanning a "one char per unit" copy of the text reproduces
it exactly (lone surrogates included); ``owner`` maps units back to code points.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass(frozen=True)
class Entity:
    """A span of text: ``text[start:end]`` is ``value`` (code point indices)."""

    value: str
    start: int
    end: int


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, as JavaScript counts it."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class Utf16View:
    """``units``: one char per UTF-16 unit; ``owner[i]``: code point index of unit ``i``."""

    units: str
    owner: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Utf16View:
        """The UTF-16 view of ``text`` (``owner`` has one extra entry: ``len(text)``)."""
        units = array("H", text.encode("utf-16-le"))
        owner: list[int] = []
        for index, ch in enumerate(text):
            owner.extend((index, index) if ord(ch) > 0xFFFF else (index,))
        owner.append(len(text))
        return cls("".join(map(chr, units)), tuple(owner))


def from_units(units: str) -> str:
    """Join a unit string back into text (surrogate pairs become code points)."""
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
