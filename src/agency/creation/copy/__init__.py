"""The copy engine: copy for every slot in its platform's format, hooks, and a repurposer.

``write_copy(slot, brief, provider=...)`` writes one gate-passing CopyPiece;
``write_campaign_copy`` does every slot of a calendar; ``hook_variants`` writes
headline/hook variants with distinct angles; ``repurpose`` turns one long text
into 15 formats. ``check_piece`` is the one gate every piece passes before it is
stored (limits, required elements, banned words, traceable claims, brand voice).
"""

from agency.creation.copy.brief import CopyBrief, CopyTarget, ProofPoint
from agency.creation.copy.claims import Claim, find_claims, trace_claims
from agency.creation.copy.engine import write_campaign_copy, write_copy
from agency.creation.copy.formats import AD_PLATFORMS, SPECS, FormatSpec, get_format, resolve_format
from agency.creation.copy.gate import GateResult, check_piece, inspect_piece
from agency.creation.copy.hooks import hook_variants
from agency.creation.copy.models import (
    QA,
    Beat,
    CheckReport,
    CopyPiece,
    Provenance,
    Section,
    Slide,
    Variant,
    VoiceResult,
)
from agency.creation.copy.offline_phrases import ANGLES
from agency.creation.copy.offline_writer import CopyTemplateWriter
from agency.creation.copy.repurpose import REPURPOSE_FORMATS, repurpose

__all__ = [
    "AD_PLATFORMS",
    "ANGLES",
    "QA",
    "REPURPOSE_FORMATS",
    "SPECS",
    "Beat",
    "CheckReport",
    "Claim",
    "CopyBrief",
    "CopyPiece",
    "CopyTarget",
    "CopyTemplateWriter",
    "FormatSpec",
    "GateResult",
    "ProofPoint",
    "Provenance",
    "Section",
    "Slide",
    "Variant",
    "VoiceResult",
    "check_piece",
    "find_claims",
    "get_format",
    "hook_variants",
    "inspect_piece",
    "repurpose",
    "resolve_format",
    "trace_claims",
    "write_campaign_copy",
    "write_copy",
]
