"""JSON schemas of the answers the engine asks models for, one per kind of format.

Limits are stated in the descriptions and the prompt, not as ``maxLength``: the
gate enforces them, and structured-output APIs accept only a subset of JSON
Schema. Every answer lists the proof-point ids it used in ``citations``.
"""

from __future__ import annotations

from typing import Any

from agency.creation.copy.formats import FormatSpec


def _s(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _list(items: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "array", "items": items, "description": description}


def _obj(**props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


_CITATIONS = _list(_s("a proof-point id"), "ids of the proof points behind every claim")
_HASHTAGS = _list(_s("a hashtag starting with #"), "hashtags (may be empty)")
_SECTION = _obj(heading=_s("section heading"), body=_s("section copy"))


def _fields(spec: FormatSpec) -> dict[str, dict[str, Any]]:
    rules = spec.items
    kind = spec.kind
    if kind == "post":
        return {"text": _s("the post body, without the link"), "hashtags": _HASHTAGS}
    if kind == "thread":
        r = rules["posts"]
        return {
            "posts": _list(_s("one post"), f"{r.min_items}-{r.max_items} posts"),
            "hashtags": _HASHTAGS,
        }
    if kind == "email":
        return {
            "subject": _s("subject line, at most 60 characters"),
            "preheader": _s("preview text, at most 110 characters"),
            "headline": _s("headline at the top of the email"),
            "paragraphs": _list(_s("one paragraph"), "2-6 short paragraphs"),
            "cta": _s("the button label"),
        }
    if kind == "landing":
        return {
            "hero_headline": _s("hero headline, at most 70 characters"),
            "subhead": _s("subhead, at most 160 characters"),
            "sections": _list(_SECTION, "3-6 sections"),
            "cta": _s("the button label, at most 30 characters"),
        }
    if kind == "meta_ad":
        return {
            "primary_text": _s("primary text, about 125 characters"),
            "headline": _s("headline, at most 40 characters (27 recommended)"),
            "description": _s("link description, about 27 characters"),
        }
    if kind == "google_rsa":
        return {
            "headlines": _list(_s("a headline of at most 30 characters"), "3-15 distinct"),
            "descriptions": _list(_s("a description of at most 90 characters"), "2-4 distinct"),
        }
    if kind == "tiktok_ad":
        return {"text": _s("ad text, 1-100 characters, no links, @ or #")}
    if kind == "carousel":
        return {
            "slides": _list(
                _obj(heading=_s("slide heading"), body=_s("slide text")), "3-10 slides"
            ),
            "caption": _s("the post caption"),
            "hashtags": _HASHTAGS,
        }
    if kind == "video_script":
        beat = _obj(
            duration_s={"type": "number", "description": "seconds this beat lasts"},
            visual=_s("what is on screen"),
            voiceover=_s("what is said"),
            on_screen=_s("text overlay"),
        )
        return {
            "beats": _list(beat, "3-8 beats, 15-60 seconds in all"),
            "caption": _s("the post caption"),
            "hashtags": _HASHTAGS,
        }
    if kind == "article":
        return {
            "title": _s("article title"),
            "intro": _s("opening paragraph"),
            "sections": _list(_SECTION, "3-6 sections"),
        }
    if kind == "press_release":
        return {
            "headline": _s("release headline, at most 120 characters"),
            "subhead": _s("one-sentence summary"),
            "paragraphs": _list(_s("one paragraph"), "3-8 paragraphs, most important first"),
        }
    if kind == "outline":
        return {
            "title": _s("post title"),
            "sections": _list(_SECTION, "4-10 sections; body lists the points to cover"),
        }
    if kind == "faq":
        qa = _obj(question=_s("a question customers ask"), answer=_s("a short answer"))
        return {"faq": _list(qa, "4-10 questions")}
    if kind == "quotes":
        return {"quotes": _list(_s("a quotable line of at most 150 characters"), "3-8 quotes")}
    if kind == "youtube":
        return {
            "title": _s("video title, at most 100 characters, no < or >"),
            "text": _s("description body, without the link"),
            "hashtags": _HASHTAGS,
        }
    return {
        "title": _s("blurb headline, at most 80 characters"),
        "text": _s("blurb, at most 450 characters"),
    }


def answer_schema(spec: FormatSpec) -> dict[str, Any]:
    """The JSON schema a model's answer for ``spec`` must follow."""
    return _obj(**_fields(spec), citations=_CITATIONS)
