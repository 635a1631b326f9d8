"""Offline composition of the multi-part formats: threads, email, landing page, carousel,
video script, article, press release, outline, FAQ, quote cards and newsletter blurb.
"""

from __future__ import annotations

import math
import random
import re
from typing import Any

from agency.creation.copy.extract import qa_pairs
from agency.creation.copy.formats import FormatSpec
from agency.creation.copy.offline_phrases import (
    HEADLINES,
    Material,
    angle_lines,
    cap,
    fit_sentences,
    lower_first,
    shorten,
)
from agency.distribution.platforms import weighted_length

WORDS_PER_SECOND = 2.5


def points(mat: Material, hook: str = "") -> list[str]:
    """What there is to say, best first: source key sentences, pillars, proof points, then
    plain statements of the brief (so even a thin brief yields three)."""
    brief = mat.brief
    found = list(mat.key)
    found += [cap(p) + "." for p in mat.pillars]
    found += [s for _, s in mat.proofs]
    found += [cap(brief.proposition.rstrip(".")), f"{brief.product}, from {brief.brand}"]
    if brief.audience:
        found.append(f"Made for {lower_first(brief.audience)}")
    if brief.offer:
        found.append(cap(brief.offer.rstrip(".")))
    unique = dict.fromkeys(s if s[-1] in ".!?。！？" else s + "." for s in found if s)
    return [s for s in unique if s.rstrip(".") not in hook and mat.ok(s)]


def _heading(text: str, limit: int = 60) -> str:
    """A heading from a sentence: its first clause when that fits, else a word-boundary cut."""
    text = text.rstrip(".!?")
    clause = re.split(r"[,:;—]\s|\?\s", text, maxsplit=1)[0]
    return clause if len(clause) <= limit and len(clause.split()) >= 2 else shorten(text, limit)


def _sections(mat: Material, low: int, high: int, max_chars: int) -> list[dict[str, str]]:
    brief = mat.brief
    found = [{"heading": _heading(p), "body": shorten(p, max_chars)} for p in points(mat)]
    extra = [
        {"heading": f"Why {brief.brand}", "body": cap(brief.proposition.rstrip(".")) + "."},
        {
            "heading": f"Made for {lower_first(brief.audience)}"
            if brief.audience
            else "Who it is for",
            "body": f"{brief.product} is made for {lower_first(brief.audience) or 'you'}.",
        },
        {"heading": "Get started", "body": cap(brief.cta.rstrip(".")) + "."},
    ]
    sections = found[: high - 1]
    for item in extra:
        if len(sections) >= max(low, min(high, len(found) + 1)):
            break
        sections.append(item)
    return sections[:high]


def _thread(spec: FormatSpec, mat: Material, hook: str) -> dict[str, Any]:
    reserve = 23 + len(mat.brief.cta) + 30
    posts = [hook]
    for point in points(mat)[:7]:
        posts.append(point if weighted_length(point) <= 250 else shorten(point, 240))
    posts.append(cap(mat.brief.proposition.rstrip(".")) + ".")
    posts = list(dict.fromkeys(posts))[:9]
    if weighted_length(posts[-1]) > 280 - reserve:
        posts[-1] = shorten(posts[-1], 280 - reserve)
    return {"posts": posts, "hashtags": mat.brief.hashtags[: spec.hashtags]}


def _email(mat: Material, rng: random.Random, hook: str) -> dict[str, Any]:
    brief = mat.brief
    subjects = [
        f"Meet {brief.product}",
        f"{brief.product} is here",
        f"New from {brief.brand}: {brief.product}",
    ]
    subject = rng.choice([s for s in subjects if len(s) <= 60] or [shorten(subjects[0], 60)])
    body = points(mat)
    paragraphs = [f"{hook} {cap(brief.proposition.rstrip('.'))}."]
    paragraphs += [" ".join(body[i : i + 2]) for i in range(0, min(len(body), 6), 2)]
    if brief.offer:
        paragraphs.append(cap(brief.offer.rstrip(".")) + ".")
    if len(paragraphs) < 2:
        paragraphs.append(f"{brief.brand} made {brief.product} for you.")
    return {
        "subject": subject,
        "preheader": shorten(brief.proposition, 110),
        "headline": _heading(hook, 80),
        "paragraphs": paragraphs[:6],
        "cta": brief.cta,
    }


def _beats(mat: Material, hook: str, spec: FormatSpec) -> list[dict[str, Any]]:
    """Hook, up to four points and the CTA, each timed by its word count (total 15-60 s)."""
    lines = [shorten(x, 150) for x in (hook, *points(mat, hook)[:4], cap(mat.brief.cta))]
    seconds = [
        max(2.0 if n == 0 else 3.0, float(math.ceil(len(x.split()) / WORDS_PER_SECOND)))
        for n, x in enumerate(lines)
    ]
    low, high = spec.house.get("duration_min", 15), spec.house.get("duration_max", 60)
    if sum(seconds) < low:
        extra = math.ceil(10 * (low - sum(seconds)) / max(1, len(seconds) - 1)) / 10
        seconds = [seconds[0], *(round(s + extra, 1) for s in seconds[1:])]
    while sum(seconds) > high and len(lines) > 3:
        del lines[-2], seconds[-2]
    visuals = ["Close-up of the product", *(f"B-roll: {_heading(x, 40)}" for x in lines[1:-1])]
    visuals.append("Logo and call to action on screen")
    return [
        {"duration_s": sec, "visual": vis, "voiceover": line, "on_screen": _heading(line, 40)}
        for line, sec, vis in zip(lines, seconds, visuals, strict=True)
    ]


def _source_questions(mat: Material) -> list[tuple[str, str]]:
    """Questions the source asks (a sentence ending in ?) with the sentence after as answer."""
    pairs = qa_pairs(mat.source) if mat.source else []
    return [(q, a) for q, a in pairs if mat.ok(q) and mat.ok(a)][:5]


def compose_long(spec: FormatSpec, mat: Material, rng: random.Random, hook: str) -> dict[str, Any]:
    """The answer for a multi-part format, from ``mat``."""
    brief = mat.brief
    tags = brief.hashtags[: spec.hashtags]
    proposition = cap(brief.proposition.rstrip(".")) + "."
    caption = hook if proposition[:-1].lower() in hook.lower() else f"{hook} {proposition}"
    if spec.kind == "thread":
        return {**_thread(spec, mat, hook), "citations": []}
    if spec.kind == "email":
        return {**_email(mat, rng, hook), "citations": []}
    if spec.kind == "landing":
        heads = [h for h in angle_lines(mat, "benefit", HEADLINES) if len(h) <= 70]
        return {
            "hero_headline": (heads or [_heading(brief.proposition, 70)])[0],
            "subhead": shorten(brief.proposition, 160),
            "sections": _sections(mat, 3, 6, 900),
            "cta": shorten(brief.cta, 30),
            "citations": [],
        }
    if spec.kind == "carousel":
        slides = [{"heading": _heading(hook, 80), "body": ""}]
        slides += [{"heading": _heading(p, 60), "body": shorten(p, 150)} for p in points(mat)[:7]]
        slides.append({"heading": cap(brief.cta.rstrip(".")), "body": brief.link or brief.brand})
        return {
            "slides": slides[:10],
            "caption": shorten(caption, 600),
            "hashtags": tags,
            "citations": [],
        }
    if spec.kind == "video_script":
        return {
            "beats": _beats(mat, hook, spec),
            "caption": shorten(caption, 200),
            "hashtags": tags,
            "citations": [],
        }
    if spec.kind == "article":
        return {
            "title": _heading(hook, 150),
            "intro": caption,
            "sections": _sections(mat, 3, 6, 900),
            "citations": [],
        }
    if spec.kind == "press_release":
        body = points(mat)
        paragraphs = [
            f"{brief.brand} today introduced {brief.product}. {cap(brief.proposition.rstrip('.'))}."
        ]
        paragraphs += [" ".join(body[i : i + 2]) for i in range(0, min(len(body), 8), 2)]
        paragraphs.append(
            f"{cap(brief.cta.rstrip('.'))}" + (f" at {brief.link}." if brief.link else ".")
        )
        while len(paragraphs) < 3:
            paragraphs.insert(
                1, f"{brief.product} is made for {lower_first(brief.audience) or 'everyone'}."
            )
        return {
            "headline": shorten(f"{brief.brand} introduces {brief.product}", 120),
            "subhead": shorten(brief.proposition, 200),
            "paragraphs": paragraphs[:8],
            "citations": [],
        }
    if spec.kind == "outline":
        found = points(mat)
        sections = [{"heading": "Introduction", "body": f"- {hook}\n- {cap(brief.proposition)}"}]
        sections += [{"heading": _heading(p), "body": f"- {p}"} for p in found[:7]]
        sections.append({"heading": "Conclusion", "body": f"- {cap(brief.cta.rstrip('.'))}."})
        while len(sections) < 4:
            sections.insert(-1, {"heading": f"Why {brief.brand}", "body": f"- {brief.proposition}"})
        return {
            "title": _heading(f"{brief.product}: {lower_first(brief.proposition)}", 120),
            "sections": sections[:10],
            "citations": [],
        }
    if spec.kind == "faq":
        qa = [
            (f"What is {brief.product}?", cap(brief.proposition.rstrip(".")) + "."),
            (
                f"Who is {brief.product} for?",
                f"{brief.product} is made for {lower_first(brief.audience) or 'everyone'}.",
            ),
            (f"Why choose {brief.brand}?", " ".join(points(mat)[:2]) or brief.proposition),
            (
                f"How do I get {brief.product}?",
                cap(brief.cta.rstrip(".")) + (f" at {brief.link}." if brief.link else "."),
            ),
        ]
        if mat.proofs:
            qa.append(
                (f"What makes {brief.product} different?", " ".join(s for _, s in mat.proofs[:2]))
            )
        qa += _source_questions(mat)
        return {
            "faq": [{"question": q, "answer": shorten(a, 500)} for q, a in qa][:10],
            "citations": [],
        }
    if spec.kind == "quotes":
        lines = [p for p in points(mat) if len(p) <= 150][:8]
        lines += [cap(brief.proposition.rstrip(".")) + ".", hook]
        return {
            "quotes": list(dict.fromkeys(s for s in lines if len(s) <= 150))[:8],
            "citations": [],
        }
    text = fit_sentences([caption, *points(mat, hook)[:3]], 420)
    return {"title": _heading(hook, 80), "text": text, "citations": []}
