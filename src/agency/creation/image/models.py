"""Typed layout templates and render reports of the image designer.

Templates are data (YAML files in ``templates/``) validated into these models; boxes
are relative to the canvas (0..1) so a template reads like a design grid. A render
returns a :class:`RenderedImage` whose report says where every text went, at what
size, with what measured contrast and which fallbacks were taken.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agency.core import Artifact

FormatName = Literal["square", "portrait", "story", "link", "landscape", "banner"]
FORMAT_SIZES: dict[str, tuple[int, int]] = {
    "square": (1080, 1080),
    "portrait": (1080, 1350),
    "story": (1080, 1920),
    "link": (1200, 628),
    "landscape": (1280, 720),
    "banner": (1584, 396),
}
ColourRole = Literal["primary", "secondary", "accent", "light", "dark", "auto"]
Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Box(_Spec):
    """A rectangle in relative canvas coordinates (x, y, width, height in 0..1)."""

    x: float = Field(ge=0, le=1)
    y: float = Field(ge=0, le=1)
    w: float = Field(gt=0, le=1)
    h: float = Field(gt=0, le=1)

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, value: Any) -> Any:
        """Accept the data files' compact ``[x, y, w, h]`` form."""
        if isinstance(value, list | tuple) and len(value) == 4:
            return dict(zip(("x", "y", "w", "h"), value, strict=True))
        return value

    @model_validator(mode="after")
    def _inside(self) -> Box:
        if self.x + self.w > 1.0001 or self.y + self.h > 1.0001:
            raise ValueError("box must lie inside the canvas")
        return self

    def pixels(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in pixels, right/bottom exclusive."""
        left, top = round(self.x * width), round(self.y * height)
        return left, top, round((self.x + self.w) * width), round((self.y + self.h) * height)


class PanelSpec(_Spec):
    """A flat decorative shape painted over the background (colour blocks, bands)."""

    box: Box
    colour: ColourRole = "primary"
    opacity: float = Field(default=1.0, ge=0, le=1)
    radius: float = Field(default=0.0, ge=0, le=0.5)  # fraction of the shorter side


class ImageSlot(_Spec):
    """Where the product cut-out or the logo goes, contained and aligned in its box."""

    box: Box
    align: Align = "center"
    valign: VAlign = "middle"
    shadow: bool = False


class TextSlot(_Spec):
    """A text box: font role, size range in px, alignment and colour role."""

    box: Box
    font: Literal["heading", "body"] = "body"
    min_size: int = Field(ge=8, le=400)
    max_size: int = Field(ge=8, le=400)
    align: Align = "left"
    valign: VAlign = "top"
    colour: ColourRole = "auto"
    line_spacing: float = Field(default=1.15, ge=1.0, le=2.0)
    max_lines: int = Field(default=6, ge=1, le=20)
    optional: bool = False  # dropped (and reported) when it cannot fit at min_size

    @model_validator(mode="after")
    def _sizes(self) -> TextSlot:
        if self.min_size > self.max_size:
            raise ValueError("min_size must not exceed max_size")
        return self


class ButtonSlot(TextSlot):
    """The call to action: text on a filled, rounded button hugging the text."""

    fill: ColourRole = "accent"
    padding: float = Field(default=0.35, ge=0, le=1)  # fraction of the font size
    radius: float = Field(default=0.5, ge=0, le=0.5)  # fraction of the button height


class LayoutTemplate(_Spec):
    """One layout for one format; loaded from the YAML data files."""

    id: str
    format: FormatName
    name: str = ""
    background: Box = Box(x=0, y=0, w=1, h=1)
    background_fill: ColourRole = "light"
    panels: tuple[PanelSpec, ...] = ()
    product: ImageSlot | None = None
    logo: ImageSlot | None = None
    headline: TextSlot
    body: TextSlot | None = None
    cta: ButtonSlot | None = None

    @property
    def size(self) -> tuple[int, int]:
        return FORMAT_SIZES[self.format]


class TextReport(Artifact):
    """Where one text went and how it reads."""

    slot: str
    text: str
    lines: tuple[str, ...]
    font: str
    font_size: int
    colour: str
    box: tuple[int, int, int, int]
    ink_box: tuple[int, int, int, int]
    contrast: float
    scrim: bool = False


class RenderReport(Artifact):
    """What the designer did: texts, contrast, fallbacks and provenance of the parts."""

    template_id: str
    texts: tuple[TextReport, ...]
    fallbacks: tuple[str, ...] = ()
    shaping: Literal["raqm", "basic"]
    background_provider: str
    background_provenance: dict[str, Any] | None = None  # provider, model, prompt hash, seed
    product_method: str | None = None
    product_confidence: float | None = None


class RenderedImage(Artifact):
    """A finished design: PNG bytes of exact size plus its report.

    ``plate_png`` (only when asked for) is the same design without its texts, the
    pixels each text was measured against.
    """

    png: bytes
    width: int
    height: int
    report: RenderReport
    plate_png: bytes | None = None
