"""Write copy for a slot: generate → gate → repair (violations fed back) → fallback → salvage.

Every answer goes through ``generate_validated`` with the gate as its validator,
so a vendor model gets its violations back as a repair turn, then the offline
copy writer answers; if nothing passes, the last answers are trimmed
deterministically (``salvage``) and checked again. A piece is returned only when
it passes the gate; otherwise a ProviderError lists the violations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from agency.core import InputError, ProviderError
from agency.creation.copy.assemble import AnswerError, assemble, parse_answer
from agency.creation.copy.brief import CopyBrief, CopyTarget
from agency.creation.copy.formats import AD_PLATFORMS, FormatSpec, get_format, resolve_format
from agency.creation.copy.gate import inspect_piece
from agency.creation.copy.models import CopyPiece, Provenance
from agency.creation.copy.offline_writer import CopyTemplateWriter
from agency.creation.copy.prompts import copy_request
from agency.creation.copy.salvage import salvage_answer
from agency.providers import TextProvider, generate_validated, prompt_hash

OFFLINE_WRITERS = frozenset({"template", "local-model"})


@dataclass
class _Attempts:
    """Every answer the loop saw, parsed, with its gate verdict."""

    spec: FormatSpec
    target: CopyTarget
    brief: CopyBrief
    evidence: Mapping[str, str]
    piece_id: str
    seen: list[tuple[dict[str, Any], CopyPiece | None, list[str]]] = field(default_factory=list)

    def build(self, data: dict[str, Any]) -> CopyPiece:
        return assemble(
            self.spec, data, target=self.target, brief=self.brief, piece_id=self.piece_id
        )

    def validate(self, text: str) -> list[str]:
        """The gate as ``generate_validated``'s validator."""
        try:
            data = parse_answer(text)
            piece = self.build(data)
        except (AnswerError, ValueError) as exc:
            self.seen.append(({}, None, [str(exc)]))
            return [str(exc)]
        violations = inspect_piece(
            piece, brief=self.brief, evidence=self.evidence
        ).report.violations
        self.seen.append((data, piece, violations))
        return violations

    def finish(self, piece: CopyPiece, provenance: Provenance) -> CopyPiece:
        gate = inspect_piece(piece, brief=self.brief, evidence=self.evidence)
        return piece.model_copy(
            update={
                "check": gate.report,
                "voice": gate.voice,
                "citations": gate.citations,
                "provenance": provenance,
            }
        )


def _target(slot: Any) -> CopyTarget:
    return slot if isinstance(slot, CopyTarget) else CopyTarget.from_slot(slot)


def _spec(target: CopyTarget) -> FormatSpec:
    if target.platform in ("", "any"):
        return get_format(target.format)
    return resolve_format(target.platform, target.format)


def write_copy(
    slot: Any,
    brief: CopyBrief,
    *,
    provider: TextProvider,
    fallback: TextProvider | None = None,
    max_repairs: int = 2,
    seed: int | None = None,
    angle: str = "",
    source: str = "",
    evidence: Mapping[str, str] | None = None,
) -> CopyPiece:
    """A gate-passing CopyPiece for one slot (a calendar ``Slot`` or a ``CopyTarget``).

    ``source`` is a long text to repurpose (it becomes evidence ``source``);
    ``evidence`` adds citable texts by id. Offline providers (template, local
    model) hand the work to the copy writer; vendors fall back to it.
    """
    target = _target(slot)
    spec = _spec(target)
    extra = dict(evidence or {})
    if source:
        extra.setdefault("source", source)
    writer = CopyTemplateWriter(brief, source=source)
    primary: TextProvider = writer if provider.name in OFFLINE_WRITERS else provider
    request = copy_request(spec, target, brief, source=source, angle=angle, seed=seed)
    piece_id = prompt_hash(f"{target.slot}|{spec.key}|{angle}|{request.fingerprint()}")[:12]
    attempts = _Attempts(spec, target, brief, extra, piece_id)
    try:
        result = generate_validated(
            primary,
            request,
            attempts.validate,
            max_repairs=max_repairs,
            fallback=fallback or writer,
        )
    except ProviderError as exc:
        if exc.retryable or not attempts.seen:
            raise  # a vendor outage is retried by the job, not papered over
        return _salvage(attempts, exc, primary)
    piece = attempts.build(parse_answer(result.text))
    provenance = Provenance(
        provider=result.provider,
        model=result.model,
        prompt_hash=result.prompt_hash,
        seed=result.seed,
        request_id=result.request_id,
        attempts=len(attempts.seen),
        repaired=len(attempts.seen) > 1,
    )
    return attempts.finish(piece, provenance)


def _salvage(attempts: _Attempts, error: ProviderError, provider: TextProvider) -> CopyPiece:
    for data, _, _ in reversed(attempts.seen):
        if not data:
            continue
        fixed = salvage_answer(attempts.spec, data, attempts.brief, attempts.evidence)
        try:
            piece = attempts.build(fixed)
        except (AnswerError, ValueError):
            continue
        gate = inspect_piece(piece, brief=attempts.brief, evidence=attempts.evidence)
        if gate.report.valid:
            provenance = Provenance(
                provider=f"{provider.name}+salvage",
                model=getattr(provider, "model", ""),
                prompt_hash=prompt_hash(str(fixed)),
                attempts=len(attempts.seen),
                repaired=True,
            )
            return attempts.finish(piece, provenance)
    raise ProviderError(
        f"No valid {attempts.spec.label} for slot {attempts.target.slot}: {error.message}",
        provider=error.provider,
        retryable=False,
    ) from error


def write_campaign_copy(
    slots: Sequence[Any],
    brief: CopyBrief,
    *,
    provider: TextProvider,
    ad_platforms: Sequence[str] = AD_PLATFORMS,
    max_repairs: int = 2,
    seed: int | None = None,
) -> list[CopyPiece]:
    """One piece per slot (an ``ads`` slot: one per ad platform), all gate-passing."""
    if not slots:
        raise InputError("No slots to write copy for.", field="slots", fix="Plan a calendar first.")
    pieces: list[CopyPiece] = []
    for slot in slots:
        target = _target(slot)
        platforms = list(ad_platforms) if target.platform == "ads" else [target.platform]
        for platform in platforms:
            pieces.append(
                write_copy(
                    target.model_copy(update={"platform": platform}),
                    brief,
                    provider=provider,
                    max_repairs=max_repairs,
                    seed=seed,
                )
            )
    return pieces
