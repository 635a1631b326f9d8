"""The VisualIdentity artifact: logos, palette roles with contrast, fonts and image style."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from agency.core.artifacts import Artifact

LogoKind = Literal["svg", "png", "jpeg", "webp", "ico", "favicon", "apple-touch-icon", "og-image"]
RoleName = Literal["primary", "secondary", "accent", "background", "text"]


class Evidence(Artifact):
    """Where a fact about the identity was read: a URL and the text found there."""

    url: str
    quote: str = ""


class LogoVariant(Artifact):
    """One logo file the site declares: its URL, format and how it is used."""

    url: str
    kind: LogoKind
    rel: str = Field(default="", description="How the page refers to it (img, icon, json-ld...).")
    evidence: Evidence


class PaletteRole(Artifact):
    """A colour assigned to a role, and why."""

    role: RoleName
    hex: str
    luminance: float
    saturation: float
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)


class ContrastPair(Artifact):
    """A foreground role on a background role with its WCAG 2.x ratio and grades."""

    foreground: RoleName
    background: RoleName
    foreground_hex: str
    background_hex: str
    ratio: float
    passes: list[str] = Field(description="AA, AA-large, AAA, AAA-large that the pair meets.")

    @property
    def aa(self) -> bool:
        return "AA" in self.passes

    @property
    def aaa(self) -> bool:
        return "AAA" in self.passes


class FontRole(Artifact):
    """A brand font for headings or body text with a CSS fallback stack."""

    role: Literal["heading", "body"]
    family: str
    stack: list[str] = Field(description="The full CSS stack: the family first, generic last.")
    css: str = Field(description="A ready-to-use font-family value.")
    evidence: list[Evidence] = Field(default_factory=list)


class ImageStyle(Artifact):
    """Measured look of the site's photos (averages over the images that could be read)."""

    images: int
    brightness: float = Field(description="Mean luma 0–1.")
    saturation: float = Field(description="Mean HSV saturation 0–1.")
    warmth: float = Field(description="Mean (R − B)/255: positive is warm, negative cool.")
    edge_density: float = Field(description="Share of pixels on a strong edge, 0–1.")
    busy: Literal["busy", "balanced", "minimal"]
    descriptors: list[str] = Field(default_factory=list)
    sources: list[Evidence] = Field(default_factory=list)


class VisualIdentity(Artifact):
    """How a brand looks, extending the BrandProfile's palette and fonts with roles."""

    logos: list[LogoVariant] = Field(default_factory=list)
    palette: list[PaletteRole] = Field(default_factory=list)
    contrast: list[ContrastPair] = Field(default_factory=list)
    fonts: list[FontRole] = Field(default_factory=list)
    image_style: ImageStyle | None = None

    def role(self, name: RoleName) -> PaletteRole | None:
        """The colour playing ``name``, if one was found."""
        return next((p for p in self.palette if p.role == name), None)
