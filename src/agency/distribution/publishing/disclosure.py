"""AI and paid-content disclosure at publish time, and the gate that refuses to publish
synthetic or composited media without it.

Where the API has a flag it is set (TikTok ``is_aigc`` and ``brand_content_toggle``,
YouTube ``status.containsSyntheticMedia``, Facebook ``sponsor_id``); elsewhere a plain
marker goes into the text itself, up front for sponsorship as the FTC Endorsement
Guides ask (16 CFR 255). Meta also reads C2PA/IPTC ``trainedAlgorithmicMedia`` from the
file, which the asset store's provenance supports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from agency.core.errors import PolicyViolation
from agency.distribution.publishing.models import Disclosure

AI_FLAG_PLATFORMS = frozenset({"tiktok", "youtube"})
PAID_FLAG_PLATFORMS = frozenset({"tiktok"})
AI_MARKER = "Made with AI."
PAID_MARKER = "#ad"
_PAID_PRESENT = re.compile(r"(?i)(#ad\b|#sponsored\b|paid partnership)")
_AI_PRESENT = re.compile(r"(?i)(made with ai|ai[- ]generated|#aigenerated)")
SYNTHETIC_STAGES = frozenset({"creation", "kata", "generation", "compositing"})


def is_synthetic(provenance: dict[str, Any]) -> bool:
    """True when an asset was generated or composited (not a plain upload)."""
    stage = provenance.get("stage")
    if stage in SYNTHETIC_STAGES:
        return True
    extra = provenance.get("extra") or {}
    if extra.get("digital_source_type") in ("trainedAlgorithmicMedia", "compositeSynthetic"):
        return True
    return bool(provenance.get("provider")) and stage not in ("upload", None)


def require_disclosure(
    platform: str, disclosure: Disclosure, provenances: Iterable[dict[str, Any]]
) -> None:
    """Refuse (PolicyViolation) synthetic or composited media not declared as AI-made."""
    synthetic = [p for p in provenances if is_synthetic(p)]
    if synthetic and not disclosure.ai_generated:
        raise PolicyViolation(
            f"{len(synthetic)} media file(s) of this {platform} post are AI-generated or "
            "composited, and the post does not disclose it.",
            fix="Set disclosure.ai_generated=true; the platform's AI label (or a marker in "
            "the text) is then applied.",
        )
    if disclosure.paid_partnership and platform == "facebook" and not disclosure.sponsor_id:
        return  # the #ad marker below covers a Page post without a sponsor id


def disclose_text(platform: str, text: str, disclosure: Disclosure) -> str:
    """``text`` with the markers this platform needs in the text itself."""
    out = text
    flagged_paid = platform in PAID_FLAG_PLATFORMS or (
        platform == "facebook" and disclosure.sponsor_id is not None
    )
    if disclosure.paid_partnership and not flagged_paid and not _PAID_PRESENT.search(out):
        out = f"{PAID_MARKER} {out}"
    if (
        disclosure.ai_generated
        and platform not in AI_FLAG_PLATFORMS
        and not _AI_PRESENT.search(out)
    ):
        out = f"{out}\n\n{AI_MARKER}" if out else AI_MARKER
    return out
