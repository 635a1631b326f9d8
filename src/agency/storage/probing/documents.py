"""Checks for text-like and document content: SVG, PDF, JSON and plain text."""

from __future__ import annotations

import codecs
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from agency.core.errors import InputError

_CHUNK = 1024 * 1024
_LENGTH_RE = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def read_all(source: bytes | Path) -> bytes:
    """The whole content (documents are small enough to hold in memory)."""
    return source if isinstance(source, bytes) else source.read_bytes()


def probe_svg(source: bytes | Path) -> tuple[int | None, int | None]:
    """Width and height of an SVG from its attributes or viewBox; refuses broken XML."""
    data = read_all(source)
    if b"<!ENTITY" in data:
        raise InputError(
            "SVG files with XML entity declarations are not accepted.",
            field="data",
            fix="Export the SVG without a DOCTYPE or entities.",
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(
            f"The SVG is not well-formed XML ({exc}).",
            field="data",
            fix="Upload the complete SVG file.",
        ) from exc
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise InputError(
            "The file's root element is not <svg>.", field="data", fix="Upload an SVG image."
        )
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width is None or height is None:
        box = (root.get("viewBox") or "").replace(",", " ").split()
        if len(box) == 4:
            try:
                width = width or round(float(box[2]))
                height = height or round(float(box[3]))
            except ValueError:
                pass
    return width, height


def check_pdf(source: bytes | Path) -> None:
    """Refuse a PDF whose end-of-file marker is missing (a cut-off download)."""
    if isinstance(source, bytes):
        tail = source[-2048:]
    else:
        size = source.stat().st_size
        with source.open("rb") as handle:
            handle.seek(max(0, size - 2048))
            tail = handle.read()
    if b"%%EOF" not in tail:
        raise InputError(
            "The PDF is truncated: it has no end-of-file marker.",
            field="data",
            fix="Upload the complete PDF file.",
        )


def is_json(source: bytes | Path) -> bool:
    """True when the content parses as JSON (UTF-8, optional BOM)."""
    try:
        json.loads(read_all(source).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return True


def is_utf8_text(source: bytes | Path) -> bool:
    """True when the whole content decodes as UTF-8 (streamed for big files)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        if isinstance(source, bytes):
            decoder.decode(source, final=True)
            return True
        with source.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _length(value: str | None) -> int | None:
    """An SVG length in user units or px as whole pixels; None for %, em, cm, …."""
    if not value:
        return None
    match = _LENGTH_RE.match(value)
    return round(float(match.group(1))) if match else None
