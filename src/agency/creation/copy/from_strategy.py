"""Copy briefs from the strategy brief: one per creative territory.

The copy engine writes from a :class:`CopyBrief`; the strategy brief holds the
proposition, the message house and three territories. Each territory gets its own
copy brief (same facts, its own tone), and proof points are the full knowledge-base
passages the message house cites, so every claim in the copy stays traceable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from agency.creation.copy.brief import CopyBrief, ProofPoint
from agency.intelligence.voice import VoiceProfile
from agency.strategy.brief import Brief

_MARKERS = re.compile(r"\s*\[\d+\](?:\[\d+\])*")


def _pillar_line(name: str, message: str) -> str:
    """``Name: message`` without citation markers or a repeated name (copy is for people)."""
    text = _MARKERS.sub("", message).strip()
    if text.lower().startswith(name.lower()):
        return text
    return f"{name}: {text}"


def copy_briefs_from_strategy(
    brief: Brief,
    *,
    passages: Mapping[str, str],
    link: str | None,
    cta: str,
    hashtags: Sequence[str] = (),
    banned_words: Sequence[str] = (),
    location: str = "",
    about: str = "",
    voice_profile: VoiceProfile | None = None,
) -> dict[str, CopyBrief]:
    """A CopyBrief per territory name; ``passages`` maps passage id → full text."""
    proofs: dict[str, ProofPoint] = {}
    for pillar in brief.message_house.pillars:
        for point in pillar.proof_points:
            text = passages.get(point.passage_id) or point.text
            proofs.setdefault(
                point.passage_id, ProofPoint(id=point.passage_id, text=text, source=point.source)
            )
    audience = brief.audiences[0].who if brief.audiences else ""
    pillars = [_pillar_line(p.name, p.message) for p in brief.message_house.pillars]
    return {
        territory.name: CopyBrief(
            brand=brief.brand,
            product=brief.product,
            proposition=brief.proposition,
            audience=audience,
            pillars=pillars,
            proof_points=list(proofs.values()),
            territory=f"{territory.name}: {territory.idea}",
            tone=territory.tone,
            cta=cta,
            link=link,
            hashtags=list(hashtags),
            banned_words=list(banned_words),
            location=location,
            about=about,
            voice_profile=voice_profile,
        )
        for territory in brief.territories
    }
