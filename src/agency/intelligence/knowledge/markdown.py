"""Markdown to plain text for indexing: markup goes, words and structure stay."""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_QUOTE = re.compile(r"^\s*>\s?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}.*$")


def _inline(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    line = _EMPHASIS.sub(r"\2", line)
    line = _TAG.sub("", line)
    if line.strip().startswith("|"):
        line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    return line


def markdown_to_text(source: str) -> tuple[str, str]:
    """Plain text of a Markdown document and its title (the first heading, if any)."""
    lines: list[str] = []
    title = ""
    in_fence = False
    for raw in source.splitlines():
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(raw)
            continue
        if _REF_DEF.match(raw) or (_TABLE_RULE.match(raw) and "|" in raw):
            continue
        if _SETEXT.match(raw) and lines and lines[-1].strip():
            title = title or lines[-1].strip()
            lines.append("")
            continue
        heading = _HEADING.match(raw)
        if heading:
            text = _inline(heading.group(1))
            title = title or text
            lines.extend(["", text, ""])
            continue
        lines.append(_inline(_QUOTE.sub("", raw)))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, title
