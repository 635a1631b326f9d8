"""Render structured copy as Markdown, HTML and plain text (email, landing page, articles)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from agency.creation.copy.models import Section

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def markdown_doc(
    title: str | None, paragraphs: Sequence[str], sections: Sequence[Section] = ()
) -> str:
    """A Markdown document: ``# title``, paragraphs, then ``## heading`` sections."""
    blocks = [f"# {title}"] if title else []
    blocks += [p.strip() for p in paragraphs if p.strip()]
    for section in sections:
        blocks.append(f"## {section.heading.strip()}")
        blocks.append(section.body.strip())
    return "\n\n".join(blocks)


def _inline_html(text: str) -> str:
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        label, url = match.groups()
        out.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def markdown_to_html(markdown: str) -> str:
    """HTML for the Markdown this engine writes: headings, paragraphs, lists and links."""
    parts: list[str] = []
    for block in markdown.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        heading = re.match(r"^(#{1,3}) (.+)$", block)
        lines = block.splitlines()
        if heading:
            level = len(heading.group(1))
            parts.append(f"<h{level}>{_inline_html(heading.group(2))}</h{level}>")
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline_html(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{'<br>'.join(_inline_html(line) for line in lines)}</p>")
    return "\n".join(parts)


def markdown_to_plain(markdown: str) -> str:
    """Plain text: headings without ``#``, links as ``label: url``."""
    text = _LINK.sub(lambda m: f"{m.group(1)}: {m.group(2)}", markdown)
    return re.sub(r"^#{1,6} ", "", text, flags=re.M).strip()
