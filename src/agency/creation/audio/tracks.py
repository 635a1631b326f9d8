"""An audio track placed on a timeline or in a mix."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from agency.core.artifacts import Artifact


class AudioTrack(Artifact):
    """A voice-over, music bed or sound effect: where it starts, how loud, looped or not.

    ``start_s`` places it on the timeline; ``source_start_s`` and ``duration_s`` pick
    the part of the source file to play.
    """

    source: Path
    role: Literal["voice", "music", "sfx"] = "music"
    start_s: Annotated[float, Field(ge=0)] = 0.0
    source_start_s: Annotated[float, Field(ge=0)] = 0.0
    duration_s: Annotated[float, Field(gt=0)] | None = None
    gain_db: Annotated[float, Field(ge=-60, le=24)] = 0.0
    loop: bool = False
    fade_in_s: Annotated[float, Field(ge=0, le=10)] = 0.0
    fade_out_s: Annotated[float, Field(ge=0, le=10)] = 0.0
    duck_under_voice: bool = True
