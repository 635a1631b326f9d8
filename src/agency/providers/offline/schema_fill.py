"""Fill a JSON schema with a value that validates, writing strings per field name.

Covers the subset structured prompts use: objects (required and optional
properties), arrays with min/max items, enums and consts, strings with
``maxLength``, numbers and integers with bounds, booleans, ``$ref`` into
``$defs``, and ``anyOf``/``oneOf`` (first non-null branch).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WriteString = Callable[[str, int | None], str]


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        node: Any = root
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return _resolve(node, root) if isinstance(node, dict) else {}
    for key in ("anyOf", "oneOf", "allOf"):
        branches = schema.get(key)
        if isinstance(branches, list) and branches:
            usable = [b for b in branches if isinstance(b, dict) and b.get("type") != "null"]
            merged = {k: v for k, v in schema.items() if k != key}
            merged.update(_resolve(usable[0] if usable else branches[0], root))
            return merged
    return schema


def _number(schema: dict[str, Any], integer: bool) -> int | float:
    low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    value: float = low + (1 if "exclusiveMinimum" in schema else 0)
    if high is not None and value > high:
        value = high
    return int(value) if integer else float(value)


def _fill(schema: dict[str, Any], name: str, root: dict[str, Any], write: WriteString) -> Any:
    schema = _resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind is None:
        kind = "object" if "properties" in schema else "array" if "items" in schema else "string"
    if kind == "object":
        props: dict[str, Any] = schema.get("properties", {})
        return {key: _fill(sub, key, root, write) for key, sub in props.items()}
    if kind == "array":
        items = schema.get("items", {"type": "string"})
        count = max(int(schema.get("minItems", 0)), 3)
        if "maxItems" in schema:
            count = min(count, int(schema["maxItems"]))
        singular = name[:-1] if name.endswith("s") else name
        return [_fill(items, singular, root, write) for _ in range(count)]
    if kind in ("integer", "number"):
        return _number(schema, kind == "integer")
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    max_len = schema.get("maxLength")
    text = write(name or "text", max_len)
    if max_len is not None:
        text = text[: int(max_len)]
    min_len = int(schema.get("minLength", 0))
    return text.ljust(min_len, ".") if len(text) < min_len else text


def fill_schema(schema: dict[str, Any], write: WriteString) -> Any:
    """A value of ``schema``; ``write(field_name, max_chars)`` supplies each string."""
    return _fill(schema, "", schema, write)
