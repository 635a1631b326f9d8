"""The requests the engine sends: system rules, the task, limits, proof points, JSON schema.

The same request goes to vendor models (which read the prompt and schema) and to
the offline copy writer (which reads ``kind`` and the brief). ``body_budget``
is the room a post body has once the CTA, link and hashtags are added.
"""

from __future__ import annotations

from agency.creation.copy.brief import CopyBrief, CopyTarget
from agency.creation.copy.formats import FormatSpec
from agency.creation.copy.schemas import answer_schema
from agency.distribution.platforms import get_text_limit, weighted_length
from agency.providers import TextRequest

LONG_KINDS = ("landing", "article", "press_release", "outline", "faq", "email", "video_script")


def text_limit(spec: FormatSpec) -> int | None:
    """The hard limit of the format's main text: platform maximum or house rule, the lower."""
    limits = []
    if spec.validate_on and spec.kind in ("post", "carousel", "video_script", "youtube"):
        limits.append(get_text_limit(spec.validate_on, spec.text_field).limit)
    if "text" in spec.house:
        limits.append(spec.house["text"])
    return min(limits) if limits else None


def body_budget(spec: FormatSpec, brief: CopyBrief) -> int | None:
    """Room for the body of a post once the CTA, link and hashtags are appended."""
    limit = text_limit(spec)
    if limit is None:
        return None
    reserved = 4
    if spec.needs_cta:
        reserved += weighted_length(brief.cta) + 2
    if spec.needs_link and brief.link:
        # twitter-text weighs a URL with a known TLD as 23, anything else by its characters
        reserved += (weighted_length(brief.link) if spec.platform == "x" else len(brief.link)) + 1
    if spec.hashtags:
        reserved += sum(len(t) + 1 for t in brief.hashtags[: spec.hashtags]) + 2
    return max(40, limit - reserved)


def system_prompt(brief: CopyBrief) -> str:
    """The copywriter's standing rules: voice, claims, banned words, JSON only."""
    lines = [
        f"You are the copywriter of {brief.brand}. You write marketing copy that is specific, "
        "concrete and true.",
        "Rules:",
        "- Every number, superlative or claim must come from a proof point; list the ids "
        "of the proof points you used in `citations`. Never invent statistics, prices or awards.",
        "- Respect every length limit exactly; X counts URLs as 23 and CJK or emoji as 2.",
        "- Reply with one JSON object that follows the schema, and nothing else.",
    ]
    if brief.banned_words:
        lines.append(f"- Never use these words: {', '.join(brief.banned_words)}.")
    if brief.tone:
        lines.append(f"- Tone: {brief.tone}.")
    profile = brief.voice_profile
    if profile is not None:
        main = max(profile.person, key=lambda k: profile.person[k]) if profile.person else "we"
        lines.append(
            f"- Voice: sentences of about {profile.sentence_length.mean:.0f} words, reading "
            f"grade {profile.grade_level:.0f}, formality {profile.formality:.1f} (0 chatty, "
            f"1 formal), speak mostly as '{main}', "
            f"{profile.exclamations_per_sentence:.2f} exclamation marks per sentence, "
            f"{profile.emoji_per_100_words:.1f} emoji per 100 words."
        )
        if profile.preferred_words:
            lines.append(f"- Words the brand uses: {', '.join(profile.preferred_words[:12])}.")
        if profile.avoided_words:
            lines.append(f"- Words the brand avoids: {', '.join(profile.avoided_words[:12])}.")
    return "\n".join(lines)


def task_prompt(
    spec: FormatSpec, target: CopyTarget, brief: CopyBrief, *, source: str = "", angle: str = ""
) -> str:
    """What to write: the format, the slot, the brief, limits and the proof points."""
    lines = [f"Write a {spec.label} for {brief.product} by {brief.brand}."]
    if target.title:
        lines.append(f"Slot: {target.title}" + (f" ({target.phase} phase)" if target.phase else ""))
    territory = target.territory or brief.territory
    if territory:
        lines.append(f"Creative territory: {territory}")
    if target.notes:
        lines.append(f"Notes: {target.notes}")
    if angle:
        lines.append(f"Angle: {angle}")
    lines.append(f"Proposition: {brief.proposition}")
    if brief.audience:
        lines.append(f"Audience: {brief.audience}")
    if brief.pillars:
        lines.append("Message pillars: " + "; ".join(brief.pillars))
    if brief.offer:
        lines.append(f"Offer: {brief.offer}")
    lines.append(f"Call to action: {brief.cta}" + (f" ({brief.link})" if brief.link else ""))
    budget = body_budget(spec, brief)
    if budget is not None and spec.kind in ("post", "youtube"):
        lines.append(
            f"Keep `text` within {budget} characters: the CTA"
            + (", the link" if spec.needs_link and brief.link else "")
            + (" and hashtags" if spec.hashtags else "")
            + " are added after it unless you include them."
        )
    if spec.hashtags and brief.hashtags:
        lines.append(f"Hashtags (at most {spec.hashtags}): {' '.join(brief.hashtags)}")
    for key, rule in spec.items.items():
        lines.append(
            f"{key}: {rule.min_items}-{rule.max_items} items, each at most {rule.max_chars} "
            "characters."
        )
    if spec.guidance:
        lines.append(spec.guidance)
    if brief.proof_points:
        lines.append("Proof points (id: text):")
        lines += [f"- {p.id}: {p.text}" for p in brief.proof_points]
    else:
        lines.append("There are no proof points: make no numeric or superlative claims.")
    if source:
        lines += ["Source text to repurpose (it counts as a proof point with id 'source'):", source]
    return "\n".join(lines)


def copy_request(
    spec: FormatSpec,
    target: CopyTarget,
    brief: CopyBrief,
    *,
    source: str = "",
    angle: str = "",
    seed: int | None = None,
) -> TextRequest:
    """The full request for one piece, with the JSON schema of its kind."""
    return TextRequest(
        system=system_prompt(brief),
        prompt=task_prompt(spec, target, brief, source=source, angle=angle),
        json_schema=answer_schema(spec),
        kind=spec.key,
        max_tokens=3000 if spec.kind in LONG_KINDS else 1200,
        seed=seed,
    )
