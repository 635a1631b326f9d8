"""The BrandProfile artifact: who the brand is, what it sells and how it looks."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from agency.core.artifacts import Artifact
from agency.intelligence.crawl.models import SkippedItem

ColorSource = Literal["css-variable", "css-frequency", "logo-pixels"]


class ProductInfo(Artifact):
    """A product or service found on the site."""

    name: str
    description: str = ""
    url: str | None = None
    price: str | None = None
    currency: str | None = None
    image_url: str | None = None


class PaletteColor(Artifact):
    """One palette colour with where it was found and how much it weighs."""

    hex: str
    weight: float
    sources: list[ColorSource]
    names: list[str] = Field(default_factory=list)


class ContactInfo(Artifact):
    """How to reach the brand."""

    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    address: str | None = None


class PageText(Artifact):
    """The main text of one crawled page, kept for later stages (knowledge base, voice)."""

    url: str
    title: str = ""
    text: str = ""
    word_count: int = 0


class BrandProfile(Artifact):
    """Facts and visual identity of a brand, extracted from its website."""

    name: str
    tagline: str = ""
    description: str = ""
    url: str
    domain: str
    products: list[ProductInfo] = Field(default_factory=list)
    palette: list[str] = Field(
        default_factory=list, description="Hex colours, most important first."
    )
    palette_details: list[PaletteColor] = Field(default_factory=list)
    fonts: list[str] = Field(default_factory=list)
    logo: str | None = None
    social_links: dict[str, str] = Field(default_factory=dict)
    contact: ContactInfo = Field(default_factory=ContactInfo)
    pages_crawled: int = 0
    skipped: list[SkippedItem] = Field(default_factory=list)
    pages: list[PageText] = Field(default_factory=list)
    engine: str = "builtin"

    def summary(self) -> dict[str, Any]:
        """The profile as JSON-ready data without the page texts (what ``--json`` prints)."""
        return self.model_dump(mode="json", exclude={"pages"})
