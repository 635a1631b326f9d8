"""What the validators and the formatter return."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from agency.core import Artifact

Severity = Literal["error", "warning"]


class Violation(Artifact):
    """One thing wrong with a piece of content, how much, and how to fix it."""

    code: str
    message: str
    by: int | float | None = None
    fix: str
    severity: Severity = "error"
    field: str | None = None


class TextValidation(Artifact):
    """A text checked against one platform field; ``valid`` means no errors."""

    platform: str
    field: str
    counting: str
    weighted_length: int
    limit: int
    max: int | None
    recommended: int | None
    valid: bool
    violations: list[Violation] = Field(default_factory=list)
    hashtags: list[str] = Field(default_factory=list)
    mentions: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        """Violations that block publishing."""
        return [v for v in self.violations if v.severity == "error"]


class MediaValidation(Artifact):
    """A media file checked against one placement; ``valid`` means no errors."""

    platform: str
    placement: str
    valid: bool
    aspect_ratio: float | None = None
    violations: list[Violation] = Field(default_factory=list)


class Rendition(Artifact):
    """One encoded version of a media asset (what ``validate_media`` needs to know)."""

    uri: str
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    duration_s: float | None = None
    size_bytes: int | None = None
    codec: str | None = None
    container: str | None = None
    fps: float | None = None


class FormattedPost(Artifact):
    """A campaign item adapted to one platform: text (or a thread), hashtags, media."""

    platform: str
    field: str
    text: str
    posts: list[str]
    hashtags: list[str] = Field(default_factory=list)
    dropped_hashtags: list[str] = Field(default_factory=list)
    first_comment: str | None = None
    link: str | None = None
    truncated: bool = False
    threaded: bool = False
    placement: str | None = None
    rendition: Rendition | None = None
    validations: list[TextValidation] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when every post passes the validator."""
        return all(item.valid for item in self.validations)
