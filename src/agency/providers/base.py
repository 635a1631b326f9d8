"""One small interface per capability, with typed requests and results.

Every result carries provenance (provider, model, prompt hash, seed) so the asset
store can record who or what made it. Vendors and offline defaults implement the
same Protocols; stages depend on these, never on a vendor module.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from agency.core import Artifact

Capability = Literal["text", "image", "video", "voice", "research"]
CAPABILITIES: tuple[Capability, ...] = ("text", "image", "video", "voice", "research")


def prompt_hash(text: str) -> str:
    """sha256 hex digest of a prompt, the provenance key for generated media."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Request(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProviderResult(Artifact):
    """Fields every provider result carries: who made it, from what prompt, with what seed."""

    provider: str
    model: str
    prompt_hash: str
    seed: int | None = None
    request_id: str | None = None

    @property
    def provenance(self) -> dict[str, Any]:
        """The provenance record to store next to the output."""
        return {
            "provider": self.provider,
            "model": self.model,
            "prompt_hash": self.prompt_hash,
            "seed": self.seed,
            "request_id": self.request_id,
        }


# ---------------------------------------------------------------- text


class Message(_Request):
    """One chat turn."""

    role: Literal["user", "assistant"]
    content: str


class TextRequest(_Request):
    """A text generation request.

    ``prompt`` is shorthand for a single user turn. ``kind`` (headline, tagline,
    hook, cta, body, ...) and ``facts`` let offline writers ground their output;
    vendor models see the facts appended to the last user turn.
    """

    system: str | None = None
    prompt: str | None = None
    messages: tuple[Message, ...] = ()
    max_tokens: int = Field(default=1024, ge=1, le=64_000)
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    stop: tuple[str, ...] = ()
    json_schema: dict[str, Any] | None = None
    seed: int | None = None
    kind: str | None = None
    facts: dict[str, str] = Field(default_factory=dict)
    max_chars: int | None = Field(default=None, ge=1)

    def chat(self) -> list[Message]:
        """The conversation to send: messages, then the prompt, with facts and limits."""
        turns = list(self.messages)
        if self.prompt:
            turns.append(Message(role="user", content=self.prompt))
        if not turns:
            turns.append(Message(role="user", content=f"Write a {self.kind or 'short text'}."))
        extra = []
        if self.facts:
            extra.append("Facts:\n" + "\n".join(f"- {k}: {v}" for k, v in self.facts.items()))
        if self.max_chars:
            extra.append(f"Keep it under {self.max_chars} characters.")
        if extra and turns[-1].role == "user":
            last = turns[-1]
            turns[-1] = Message(role="user", content=last.content + "\n\n" + "\n".join(extra))
        return turns

    def fingerprint(self) -> str:
        """sha256 of everything the model sees (system, turns, schema)."""
        parts = [self.system or ""] + [f"{m.role}:{m.content}" for m in self.chat()]
        if self.json_schema is not None:
            parts.append(repr(sorted(self.json_schema.items())))
        return prompt_hash("\n".join(parts))


class Usage(Artifact):
    input_tokens: int = 0
    output_tokens: int = 0


class TextResult(ProviderResult):
    text: str
    usage: Usage = Field(default_factory=Usage)
    stop_reason: str | None = None


@runtime_checkable
class TextProvider(Protocol):
    """Writes text: copy, briefs, JSON against a schema."""

    name: str

    def complete(self, request: TextRequest) -> TextResult: ...


# ---------------------------------------------------------------- image


class ImageRequest(_Request):
    """A background or scene image of an exact size, optionally in a palette."""

    prompt: str
    width: int = Field(default=1080, ge=16, le=8192)
    height: int = Field(default=1080, ge=16, le=8192)
    palette: tuple[str, ...] = ()
    seed: int | None = None
    style: Literal["gradient", "shapes", "noise", "auto"] = "auto"


class ImageResult(ProviderResult):
    png: bytes
    width: int
    height: int


@runtime_checkable
class ImageProvider(Protocol):
    name: str

    def generate(self, request: ImageRequest) -> ImageResult: ...


# ---------------------------------------------------------------- video


class VideoRequest(_Request):
    """Image-to-video: a still plus a motion prompt, for ``duration_s`` seconds."""

    image: bytes
    prompt: str = ""
    duration_s: float = Field(default=5.0, gt=0, le=60)
    fps: int = Field(default=25, ge=1, le=60)
    width: int | None = Field(default=None, ge=16, le=4096)
    height: int | None = Field(default=None, ge=16, le=4096)
    seed: int | None = None


class VideoResult(ProviderResult):
    mp4: bytes
    width: int
    height: int
    duration_s: float


@runtime_checkable
class VideoProvider(Protocol):
    name: str

    def animate(self, request: VideoRequest) -> VideoResult: ...


# ---------------------------------------------------------------- voice


class VoiceRequest(_Request):
    text: str = Field(min_length=1)
    voice: str | None = None
    language: str = "en"
    speed: float = Field(default=1.0, gt=0.25, le=4.0)
    seed: int | None = None


class VoiceResult(ProviderResult):
    wav: bytes
    sample_rate: int
    duration_s: float


@runtime_checkable
class VoiceProvider(Protocol):
    name: str

    def speak(self, request: VoiceRequest) -> VoiceResult: ...


# ---------------------------------------------------------------- research


class Document(_Request):
    """A passage research may answer from (offline) or add as context (vendors)."""

    url: str
    title: str = ""
    text: str


class Citation(Artifact):
    url: str
    title: str = ""
    snippet: str = ""


class ResearchRequest(_Request):
    question: str = Field(min_length=1)
    documents: tuple[Document, ...] = ()
    max_citations: int = Field(default=5, ge=1, le=50)
    seed: int | None = None


class ResearchResult(ProviderResult):
    answer: str
    citations: tuple[Citation, ...] = ()


@runtime_checkable
class ResearchProvider(Protocol):
    name: str

    def research(self, request: ResearchRequest) -> ResearchResult: ...
