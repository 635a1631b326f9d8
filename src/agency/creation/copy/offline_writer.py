"""The offline copywriter: every format composed from the brief, no model, no network.

A TextProvider that answers the engine's requests (``kind`` = format key) with
JSON of the format's schema, built from ``offline_phrases`` material: hooks by
angle, the proposition, pillars, proof points and, when repurposing, the key
sentences of the source. Deterministic for a seed; lengths fit the format.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

from agency.core import ProviderError
from agency.creation.copy.brief import CopyBrief
from agency.creation.copy.formats import SPECS, FormatSpec
from agency.creation.copy.offline_phrases import (
    ANGLES,
    HEADLINES,
    HOOKS,
    Material,
    angle_lines,
    build_material,
    cap,
    clauses,
    fit_sentences,
    shorten,
)
from agency.creation.copy.offline_sections import compose_long
from agency.creation.copy.prompts import body_budget
from agency.distribution.formatting import measure
from agency.distribution.platforms import weighted_length
from agency.providers import TextRequest, TextResult, Usage

HOOK_MAX = 120


def _angle(request: TextRequest) -> str:
    match = re.search(r"^Angle: (\w+)", request.prompt or "", re.M)
    return match.group(1) if match else ""


def hook_for(mat: Material, rng: random.Random, angle: str = "") -> str:
    """A hook from ``angle`` (or any angle that has material)."""
    for name in [angle, *rng.sample(ANGLES, len(ANGLES))]:
        lines = angle_lines(mat, name, HOOKS)
        if lines:
            return rng.choice(lines)
    return f"Meet {mat.brief.product}."


def _fit_width(text: str, limit: int) -> str:
    """``text`` cut at word boundaries until it is within ``limit`` (double-width counting)."""
    text = text.rstrip(".")
    while measure(text + ".", "double_width") > limit and len(text) > 1:
        text = shorten(text, len(text) - 1)
    return text + "."


class CopyTemplateWriter:
    """TextProvider writing every copy format from one brief (and a source text)."""

    name = "copy-template"
    model = "copy-template-1"

    def __init__(self, brief: CopyBrief, *, source: str = "") -> None:
        self.brief = brief
        self.material = build_material(brief, source)

    def complete(self, request: TextRequest) -> TextResult:
        """JSON for ``request.kind`` (a format key or ``hooks``)."""
        seed = request.seed if request.seed is not None else 0
        rng = random.Random(f"{seed}:{request.kind}:{request.prompt or ''}")
        if request.kind == "hooks":
            answer: dict[str, Any] = self.hooks(request, rng)
        else:
            if request.kind not in SPECS:
                raise ProviderError(
                    f"The copy writer writes copy formats, not {request.kind!r}; "
                    f"use one of: {', '.join(SPECS)}.",
                    provider=self.name,
                )
            spec = SPECS[request.kind]
            answer = self.compose(spec, rng, _angle(request))
        text = json.dumps(answer, ensure_ascii=False)
        return TextResult(
            text=text,
            provider=self.name,
            model=self.model,
            prompt_hash=request.fingerprint(),
            seed=request.seed,
            usage=Usage(output_tokens=len(text.split())),
            stop_reason="end_turn",
        )

    def hooks(self, request: TextRequest, rng: random.Random) -> dict[str, Any]:
        """One variant per angle named in the prompt's ``Angles:`` line."""
        match = re.search(r"^Angles: (.+)$", request.prompt or "", re.M)
        angles = [a.strip() for a in match.group(1).split(",")] if match else list(ANGLES)
        variants: list[dict[str, Any]] = []
        for angle in angles:
            hooks, heads = (
                angle_lines(self.material, angle, HOOKS),
                angle_lines(self.material, angle, HEADLINES),
            )
            fitting = [h for h in hooks if len(h) <= HOOK_MAX]
            if hooks and heads:
                variants.append(
                    {
                        "angle": angle,
                        "hook": rng.choice(fitting) if fitting else shorten(hooks[0], HOOK_MAX),
                        "headline": shorten(rng.choice(heads), 60),
                        "citations": [],
                    }
                )
        return {"variants": variants}

    def _body(self, spec: FormatSpec, rng: random.Random, angle: str) -> str:
        mat, brief = self.material, self.brief
        budget = body_budget(spec, brief) or 600
        hook = hook_for(mat, rng, angle)
        parts = [hook]
        if brief.proposition.rstrip(".").lower() not in hook.lower():
            parts.append(cap(brief.proposition.rstrip(".")) + ".")
        parts += mat.key[:2] + [p + "." for p in mat.pillars[:2]] + [s for _, s in mat.proofs[:1]]
        measure = weighted_length if spec.platform == "x" else len
        return fit_sentences(list(dict.fromkeys(parts)), budget, measure)

    def compose(self, spec: FormatSpec, rng: random.Random, angle: str = "") -> dict[str, Any]:
        """The answer for ``spec`` (the same JSON a vendor model returns)."""
        mat, brief = self.material, self.brief
        tags = brief.hashtags[: spec.hashtags]
        if spec.kind == "post":
            return {"text": self._body(spec, rng, angle), "hashtags": tags, "citations": []}
        if spec.kind == "youtube":
            title = shorten(f"{brief.product}: {mat.slots['benefit_l']}", 100)
            return {
                "title": title.replace("<", "").replace(">", ""),
                "text": self._body(spec, rng, angle),
                "hashtags": tags,
                "citations": [],
            }
        if spec.kind == "tiktok_ad":
            line = re.sub(r"[#@]", "", hook_for(mat, rng, angle))
            return {"text": shorten(line, 100), "citations": []}
        if spec.kind == "meta_ad":
            heads = angle_lines(mat, angle or "benefit", HEADLINES) or [brief.product]
            return {
                "primary_text": fit_sentences(
                    [hook_for(mat, rng, angle), cap(brief.proposition)], 125
                ),
                "headline": shorten(rng.choice(heads), 40),
                "description": shorten(brief.cta, 27),
                "citations": [],
            }
        if spec.kind == "google_rsa":
            return self.rsa(rng)
        return compose_long(spec, mat, rng, hook_for(mat, rng, angle))

    def rsa(self, rng: random.Random) -> dict[str, Any]:
        """Up to 15 distinct headlines of ≤ 30 characters and 4 descriptions of ≤ 90."""
        mat, brief = self.material, self.brief
        pool = [
            brief.product,
            brief.brand,
            f"Shop {brief.brand}",
            cap(brief.cta.rstrip(".")),
            f"{brief.product} by {brief.brand}",
            f"Meet {brief.product}",
            cap(brief.offer.rstrip(".")),
            f"Official {brief.brand} Store",
            f"Discover {brief.product}",
            f"Try {brief.product} Today",
        ]
        pool += [cap(p) for p in mat.pillars] + [
            t for a in ANGLES for t in angle_lines(mat, a, HEADLINES)
        ]
        pool += [c for text in (brief.proposition, *mat.pillars) for c in clauses(text)]
        pool += [shorten(brief.product, 30), "Shop Now", "Learn More", "Order Online Today"]
        heads: list[str] = []
        for line in pool:
            line = cap(line.strip().rstrip("."))
            fits = 0 < measure(line, "double_width") <= 30
            if fits and mat.ok(line) and line.lower() not in map(str.lower, heads):
                heads.append(line)
        descs_pool = [
            cap(brief.proposition.rstrip(".")) + ".",
            *(p + "." for p in mat.pillars),
            *(s for _, s in mat.proofs),
            f"{cap(brief.cta.rstrip('.'))} today.",
        ]
        descs = list(
            dict.fromkeys(d for d in descs_pool if measure(d, "double_width") <= 90 and mat.ok(d))
        )
        if len(descs) < 2:
            descs += [_fit_width(d, 90) for d in descs_pool if measure(d, "double_width") > 90]
        return {"headlines": heads[:15], "descriptions": descs[:4], "citations": []}
