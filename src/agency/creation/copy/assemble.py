"""Turn a model's JSON answer into a CopyPiece, finished the way its platform expects.

Finishing is formatting, not rewriting: the CTA and link are appended where the
format needs them and the answer left them out, hashtags go where the platform
puts them, timings are summed, and email/landing copy is rendered to Markdown,
HTML and plain text. A malformed answer raises ``AnswerError``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from agency.creation.copy.brief import CopyBrief, CopyTarget
from agency.creation.copy.formats import FormatSpec
from agency.creation.copy.models import QA, Beat, CopyPiece, Section, Slide
from agency.creation.copy.render import markdown_doc, markdown_to_html, markdown_to_plain

_TAG = re.compile(r"(?<!\w)#\w+")


class AnswerError(ValueError):
    """The answer is not the JSON the format asked for (the message says what is wrong)."""


def parse_answer(text: str) -> dict[str, Any]:
    """The JSON object in ``text`` (a fenced or bare object)."""
    body = text.strip()
    fenced = re.search(r"```(?:json)?\s*(\{.*\})\s*```", body, re.S)
    if fenced:
        body = fenced.group(1)
    elif not body.startswith("{") and "{" in body:
        body = body[body.index("{") : body.rindex("}") + 1]
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise AnswerError(
            f"the answer is not valid JSON ({exc.msg}); reply with JSON only"
        ) from exc
    if not isinstance(data, dict):
        raise AnswerError("the answer must be a JSON object")
    return data


def _str(data: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise AnswerError(f"the answer has no {key!r}")
        return ""
    if not isinstance(value, str):
        raise AnswerError(f"{key!r} must be a string")
    return value.strip()


def _strs(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AnswerError(f"{key!r} must be a list of strings")
    return [v.strip() for v in value if v.strip()]


def _objs(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise AnswerError(f"{key!r} must be a list of objects")
    return value


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?→…" else text + "."


def finish_post(body: str, spec: FormatSpec, brief: CopyBrief, tags: list[str]) -> str:
    """The post as published: body, CTA and link if missing, then hashtags."""
    body = body.strip()
    tail: list[str] = []
    if spec.needs_cta and brief.cta.lower() not in body.lower():
        tail.append(_sentence(brief.cta))
    if spec.needs_link and brief.link and brief.link not in body:
        tail.append(brief.link)
    text = body + ("\n\n" + " ".join(tail) if tail else "")
    if spec.hashtags and not _TAG.search(text):
        chosen = list(dict.fromkeys(["#" + t.lstrip("#") for t in tags if t.strip("# ")]))
        if chosen[: spec.hashtags]:
            text += "\n\n" + " ".join(chosen[: spec.hashtags])
    return text


def _hashtags(text: str) -> list[str]:
    return list(dict.fromkeys(_TAG.findall(text)))


def assemble(
    spec: FormatSpec, data: dict[str, Any], *, target: CopyTarget, brief: CopyBrief, piece_id: str
) -> CopyPiece:
    """The CopyPiece for ``spec`` from a parsed answer (``AnswerError`` if fields are missing)."""
    tags = _strs(data, "hashtags") or brief.hashtags
    base: dict[str, Any] = {
        "id": piece_id,
        "platform": spec.platform,
        "format": spec.format,
        "slot": target.slot,
        "citations": _strs(data, "citations"),
        "link": brief.link if spec.needs_link else None,
    }
    fields = _KIND_BUILDERS[spec.kind](spec, data, brief, tags, target)
    text = fields.pop("text")
    return CopyPiece(**base, **fields, text=text, hashtags=_hashtags(text))


def _post(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    return {"text": finish_post(_str(data, "text"), spec, brief, tags)}


def _thread(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    posts = _strs(data, "posts")
    if not posts:
        raise AnswerError("the answer has no 'posts'")
    joined = "\n".join(posts).lower()
    last = _post_end(posts[-1], spec, brief, joined)
    posts = [*posts[:-1], last]
    if spec.hashtags and not _TAG.search(joined) and tags:
        posts[0] = posts[0] + " " + " ".join(tags[: spec.hashtags])
    return {"posts": posts, "text": "\n\n".join(posts)}


def _post_end(last: str, spec: FormatSpec, brief: CopyBrief, joined: str) -> str:
    tail = []
    if spec.needs_cta and brief.cta.lower() not in joined:
        tail.append(_sentence(brief.cta))
    if spec.needs_link and brief.link and brief.link.lower() not in joined:
        tail.append(brief.link)
    return " ".join([last, *tail])


def _email(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    cta = _str(data, "cta", required=False) or brief.cta
    paragraphs = _strs(data, "paragraphs")
    action = f"[{cta}]({brief.link})" if brief.link else cta
    markdown = markdown_doc(_str(data, "headline", required=False), [*paragraphs, action])
    plain = markdown_to_plain(markdown)
    return {
        "subject": _str(data, "subject"),
        "preheader": _str(data, "preheader"),
        "title": _str(data, "headline", required=False) or None,
        "body_markdown": markdown,
        "body_html": markdown_to_html(markdown),
        "plain_text": plain,
        "cta": cta,
        "text": plain,
    }


def _landing(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    sections = [
        Section(heading=_str(s, "heading"), body=_str(s, "body")) for s in _objs(data, "sections")
    ]
    hero, sub = _str(data, "hero_headline"), _str(data, "subhead")
    cta = _str(data, "cta", required=False) or brief.cta
    action = f"[{cta}]({brief.link})" if brief.link else cta
    text = markdown_doc(hero, [sub], sections) + "\n\n" + action
    return {
        "hero_headline": hero,
        "subhead": sub,
        "sections": sections,
        "cta": cta,
        "body_markdown": text,
        "body_html": markdown_to_html(text),
        "text": text,
    }


def _meta(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    primary = _str(data, "primary_text")
    return {
        "primary_text": primary,
        "headline": _str(data, "headline"),
        "description": _str(data, "description"),
        "text": primary,
    }


def _rsa(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    heads, descs = _strs(data, "headlines"), _strs(data, "descriptions")
    return {
        "headlines": heads,
        "descriptions": descs,
        "text": "\n".join(heads) + "\n\n" + "\n".join(descs),
    }


def _tiktok_ad(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    return {"text": _str(data, "text")}


def _carousel(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    slides = [
        Slide(heading=_str(s, "heading"), body=_str(s, "body", required=False))
        for s in _objs(data, "slides")
    ]
    return {"slides": slides, "text": finish_post(_str(data, "caption"), spec, brief, tags)}


def _video(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    beats, clock = [], 0.0
    for raw in _objs(data, "beats"):
        try:
            length = float(raw.get("duration_s", 0))
        except (TypeError, ValueError):
            raise AnswerError("every beat needs a numeric 'duration_s'") from None
        if length <= 0:
            raise AnswerError("every beat needs a positive 'duration_s'")
        beats.append(
            Beat(
                start_s=round(clock, 2),
                end_s=round(clock + length, 2),
                visual=_str(raw, "visual"),
                voiceover=_str(raw, "voiceover"),
                on_screen=_str(raw, "on_screen", required=False),
            )
        )
        clock += length
    return {"beats": beats, "text": finish_post(_str(data, "caption"), spec, brief, tags)}


def _article(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    sections = [
        Section(heading=_str(s, "heading"), body=_str(s, "body")) for s in _objs(data, "sections")
    ]
    title = _str(data, "title")
    action = f"[{brief.cta}]({brief.link})" if brief.link else _sentence(brief.cta)
    text = markdown_doc(title, [_str(data, "intro")], sections) + "\n\n" + action
    return {
        "title": title,
        "sections": sections,
        "cta": brief.cta,
        "body_markdown": text,
        "text": text,
    }


def _release(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    title, sub = _str(data, "headline"), _str(data, "subhead", required=False)
    when = target.date.strftime("%B %-d, %Y") if target.date else ""
    dateline = ", ".join(p for p in (brief.location.upper(), when) if p) + " —"
    paragraphs = _strs(data, "paragraphs")
    about = brief.about or f"{brief.brand} makes {brief.product}. {_sentence(brief.proposition)}"
    boilerplate = f"About {brief.brand}\n{about}" + (f"\n{brief.link}" if brief.link else "")
    body = [f"{dateline} {paragraphs[0]}" if paragraphs else dateline, *paragraphs[1:]]
    text = markdown_doc(title, [f"*{sub}*" if sub else "", *body, "---", boilerplate])
    return {
        "title": title,
        "subhead": sub or None,
        "dateline": dateline,
        "boilerplate": boilerplate,
        "body_markdown": text,
        "text": text,
    }


def _outline(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    sections = [
        Section(heading=_str(s, "heading"), body=_str(s, "body")) for s in _objs(data, "sections")
    ]
    title = _str(data, "title")
    return {"title": title, "sections": sections, "text": markdown_doc(title, [], sections)}


def _faq(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    items = [QA(question=_str(q, "question"), answer=_str(q, "answer")) for q in _objs(data, "faq")]
    text = "\n\n".join(f"Q: {q.question}\nA: {q.answer}" for q in items)
    return {"faq": items, "text": text}


def _quotes(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    quotes = [q.strip("“”\"' ") for q in _strs(data, "quotes")]
    return {"quotes": quotes, "text": "\n\n".join(f"“{q}”" for q in quotes)}


def _youtube(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    return {
        "title": _str(data, "title"),
        "text": finish_post(_str(data, "text"), spec, brief, tags),
    }


def _blurb(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, tags: list[str], target: CopyTarget
) -> dict[str, Any]:
    return {"title": _str(data, "title"), "text": finish_post(_str(data, "text"), spec, brief, [])}


_KIND_BUILDERS = {
    "post": _post,
    "thread": _thread,
    "email": _email,
    "landing": _landing,
    "meta_ad": _meta,
    "google_rsa": _rsa,
    "tiktok_ad": _tiktok_ad,
    "carousel": _carousel,
    "video_script": _video,
    "article": _article,
    "press_release": _release,
    "outline": _outline,
    "faq": _faq,
    "quotes": _quotes,
    "youtube": _youtube,
    "blurb": _blurb,
}
