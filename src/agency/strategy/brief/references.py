"""Keep only the sources a brief actually cites, numbered in reading order.

While the brief is written every supplied passage has a number (so the provider
can cite any of them); once it is written, uncited sources are dropped and the
rest renumbered 1..n by first appearance, markers and proof points included.
"""

from __future__ import annotations

import re
from typing import Any

from agency.strategy.brief.models import Brief

_MARKER = re.compile(r"\[(\d{1,3})\]")


def _walk(node: Any, key: str, seen: list[int]) -> None:
    if isinstance(node, str):
        seen += [int(m) for m in _MARKER.findall(node)]
    elif isinstance(node, dict):
        for k, v in node.items():
            if k == "ref" and isinstance(v, int):
                seen.append(v)
            else:
                _walk(v, k, seen)
    elif isinstance(node, list):
        if key == "citations" and all(isinstance(v, int) for v in node):
            seen += node
        else:
            for v in node:
                _walk(v, key, seen)


def _apply(node: Any, key: str, mapping: dict[int, int]) -> Any:
    if isinstance(node, str):
        return _MARKER.sub(
            lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else m.group(0),
            node,
        )
    if isinstance(node, dict):
        return {
            k: mapping.get(v, v) if k == "ref" and isinstance(v, int) else _apply(v, k, mapping)
            for k, v in node.items()
        }
    if isinstance(node, list):
        if key == "citations" and all(isinstance(v, int) for v in node):
            return [mapping[v] for v in node if v in mapping]
        return [_apply(v, key, mapping) for v in node]
    return node


def compact_citations(brief: Brief) -> Brief:
    """``brief`` citing only used sources, numbered 1..n in reading order."""
    data = brief.model_dump(mode="json")
    sources = data.pop("citations")
    known = {c["ref"] for c in sources}
    seen: list[int] = []
    _walk(data, "", seen)
    order = [ref for ref in dict.fromkeys(seen) if ref in known]
    mapping = {old: new for new, old in enumerate(order, start=1)}
    body = _apply(data, "", mapping)
    by_ref = {c["ref"]: c for c in sources}
    body["citations"] = [{**by_ref[old], "ref": new} for old, new in mapping.items()]
    return Brief.model_validate(body)
