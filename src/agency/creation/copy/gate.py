"""The one gate every piece passes before it is stored.

``inspect_piece`` applies, in order: the platform's limits per field (X weighted
length, RSA counts, ...), required elements (CTA, link), banned words, claim
traceability (every number or superlative in a proof point) and the brand-voice
score. ``check_piece`` returns just the violations; empty means storable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from agency.creation.copy.brief import CopyBrief
from agency.creation.copy.claims import trace_claims
from agency.creation.copy.field_checks import check_fields
from agency.creation.copy.formats import SPECS, FormatSpec
from agency.creation.copy.models import CheckReport, CopyPiece, VoiceResult
from agency.intelligence.voice import score_voice

MIN_VOICE_WORDS = 15


@dataclass
class GateResult:
    """The gate's verdict on one piece: the report, the voice score and the citations."""

    report: CheckReport
    voice: VoiceResult | None = None
    citations: list[str] = field(default_factory=list)


def spec_for(piece: CopyPiece) -> FormatSpec:
    """The format spec a piece was written for (by its platform and format)."""
    for spec in SPECS.values():
        if spec.platform == piece.platform and spec.format == piece.format:
            return spec
    raise KeyError(f"no copy format for {piece.platform}/{piece.format}")


def prose(piece: CopyPiece) -> str:
    """Every human-readable string of a piece, one per line (what claims and words are read in)."""
    parts: list[str | None] = [
        piece.text,
        piece.title,
        piece.subject,
        piece.preheader,
        piece.hero_headline,
        piece.subhead,
        piece.cta,
        piece.primary_text,
        piece.headline,
        piece.description,
    ]
    parts += piece.headlines or []
    parts += piece.descriptions or []
    parts += piece.quotes or []
    parts += [f"{s.heading}\n{s.body}" for s in piece.sections or []]
    parts += [f"{s.heading}\n{s.body}" for s in piece.slides or []]
    parts += [f"{b.voiceover}\n{b.on_screen}\n{b.visual}" for b in piece.beats or []]
    parts += [f"{q.question}\n{q.answer}" for q in piece.faq or []]
    return "\n".join(dict.fromkeys(p for p in parts if p))


def _banned(text: str, words: list[str]) -> list[str]:
    found = []
    for word in words:
        hits = re.findall(rf"(?<!\w){re.escape(word.strip())}(?!\w)", text, re.I)
        if word.strip() and hits:
            found.append(f"banned word {word!r} appears {len(hits)} time(s). Rephrase without it.")
    return found


def _required(piece: CopyPiece, spec: FormatSpec, brief: CopyBrief) -> list[str]:
    found = []
    body = "\n".join(p for p in (piece.text, piece.body_markdown) if p)
    if spec.needs_cta:
        has_cta = (
            bool(piece.cta)
            if spec.kind in ("email", "landing")
            else (brief.cta.lower() in body.lower())
        )
        if not has_cta:
            found.append(f"the call to action {brief.cta!r} is missing. Add it.")
    if spec.needs_link and brief.link and brief.link not in body:
        found.append(f"the link {brief.link} is missing. Add it once.")
    return found


def _claims(text: str, evidence: Mapping[str, str]) -> tuple[list[str], list[str]]:
    found, cited = [], []
    for claim in trace_claims(text, evidence):
        if claim.sources:
            cited += [s for s in claim.sources if s != "brief"]
        else:
            found.append(
                f"the claim {claim.claim!r} is not in any proof point. Remove it or use "
                "a number or claim from the proof points."
            )
    return found, list(dict.fromkeys(cited))


def _voice(piece: CopyPiece, brief: CopyBrief) -> tuple[list[str], VoiceResult | None]:
    profile = brief.voice_profile
    text = piece.plain_text or piece.text
    if profile is None or len(text.split()) < MIN_VOICE_WORDS:
        return [], None
    score = score_voice(profile, text, threshold=brief.voice_threshold)
    result = VoiceResult(score=score.score, threshold=score.threshold, reasons=score.reasons)
    if score.on_voice:
        return [], result
    why = "; ".join(score.reasons)
    return [
        f"the brand-voice score is {score.score:.2f}, below {score.threshold:.2f} ({why}). "
        "Rewrite closer to the brand's voice."
    ], result


def inspect_piece(
    piece: CopyPiece, *, brief: CopyBrief, evidence: Mapping[str, str] | None = None
) -> GateResult:
    """Run every check on ``piece``; ``evidence`` adds texts claims may cite (by id)."""
    spec = spec_for(piece)
    fields = check_fields(piece, spec)
    known = {**brief.evidence(), **(evidence or {})}
    text = prose(piece)
    violations = list(fields.errors)
    violations += _required(piece, spec, brief)
    violations += _banned(text, brief.banned_words)
    claim_text = text.replace(piece.dateline or "\0", " ")
    claim_errors, cited = _claims(claim_text, known)
    violations += claim_errors
    unknown = [c for c in piece.citations if c not in known]
    if unknown:
        violations.append(f"citations {unknown} are not proof-point ids. Cite only given ids.")
    voice_errors, voice = _voice(piece, brief)
    violations += voice_errors
    report = CheckReport(
        valid=not violations,
        violations=violations,
        warnings=fields.warnings,
        lengths=fields.lengths,
    )
    citations = list(dict.fromkeys([*(c for c in piece.citations if c in known), *cited]))
    return GateResult(report=report, voice=voice, citations=citations)


def check_piece(
    piece: CopyPiece, *, brief: CopyBrief, evidence: Mapping[str, str] | None = None
) -> list[str]:
    """Violations of ``piece`` (empty when it may be stored); see ``inspect_piece``."""
    return inspect_piece(piece, brief=brief, evidence=evidence).report.violations
