"""SVG logos, rasterised only when they are self-contained.

An SVG may pull in files, URLs or entities (``xlink:href``, ``url(...)``, ``@import``,
DOCTYPE entities, ``<script>``, ``<foreignObject>``): a logo from a user could read
local files or reach the network at render time. Such documents are refused with an
:class:`InputError`; references to fragments in the same document (``#id``) and
embedded ``data:image/png|jpeg`` URIs are fine. Rasterising uses CairoSVG with a URL
fetcher that refuses everything, as a second lock.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from PIL import Image

from agency.core import InputError
from agency.creation.image.safe_load import is_svg, open_image

_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_SAFE_REF = re.compile(r"^(#|data:image/(png|jpeg|jpg|gif|webp);base64,)", re.IGNORECASE)
_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "embed", "object"}
_FIX = "embed images as data: URIs or use a PNG logo"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
MAX_ASPECT = 20.0


def _parse(svg: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(svg, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"The logo SVG is not well-formed XML ({exc}).", field="logo", fix=_FIX
        ) from exc


def aspect_ratio(svg: bytes) -> float:
    """Height / width of the SVG's canvas from its ``viewBox`` or ``width``/``height``."""
    root = _parse(svg)
    box = [float(v) for v in _NUMBER.findall(root.get("viewBox", ""))]
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return box[3] / box[2]
    sizes = [_NUMBER.match(root.get(k, "").strip()) for k in ("width", "height")]
    if sizes[0] and sizes[1] and float(sizes[0].group()) > 0 and float(sizes[1].group()) > 0:
        return float(sizes[1].group()) / float(sizes[0].group())
    raise InputError(
        "The logo SVG has no size (neither viewBox nor width and height).",
        field="logo",
        fix="add a viewBox to the SVG or use a PNG logo",
    )


def external_references(svg: bytes) -> list[str]:
    """Every reference in ``svg`` that points outside the document (empty when safe)."""
    if b"<!ENTITY" in svg or b"<!entity" in svg:
        return ["<!ENTITY …> declaration"]
    root = _parse(svg)
    found: list[str] = []
    if b"@import" in svg:
        found.append("@import")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        if tag in _FORBIDDEN_TAGS:
            found.append(f"<{tag}>")
        texts = [element.text or ""] if tag == "style" else []
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            if local == "href" and not _SAFE_REF.match(value.strip()):
                found.append(value.strip())
            if local.startswith("on"):
                found.append(f"{local} handler")
            texts.append(value)
        for text in texts:
            for ref in _URL.findall(text):
                if ref and not _SAFE_REF.match(ref):
                    found.append(ref)
    return found


def _data_only_fetch(url: str, resource_type: str) -> Any:
    """CairoSVG URL fetcher that serves ``data:`` URIs and refuses everything else."""
    if not url.startswith("data:"):
        raise InputError(f"The logo SVG references {url!r}.", field="logo", fix=_FIX)
    from cairosvg.url import safe_fetch

    return safe_fetch(url, resource_type)


def rasterise_svg(svg: bytes, *, width: int) -> Image.Image:
    """An RGBA rendering of a self-contained SVG, ``width`` pixels wide."""
    refs = external_references(svg)
    if refs:
        shown = ", ".join(sorted(set(refs))[:5])
        raise InputError(
            f"The logo SVG has external references or active content ({shown}).",
            field="logo",
            fix=_FIX,
        )
    ratio = aspect_ratio(svg)
    if not 1 / MAX_ASPECT <= ratio <= MAX_ASPECT:
        raise InputError(
            f"The logo SVG is {ratio:.3g} times as tall as it is wide.",
            field="logo",
            fix="use a logo between 1:20 and 20:1",
        )
    from cairosvg.surface import PNGSurface  # imported late: it loads the cairo C library

    try:
        png = PNGSurface.convert(
            bytestring=svg, output_width=width, unsafe=False, url_fetcher=_data_only_fetch
        )
    except InputError:
        raise
    except Exception as exc:  # cairosvg raises many kinds for malformed documents
        raise InputError(
            f"The logo SVG could not be rendered ({type(exc).__name__}: {exc}).",
            field="logo",
            fix=_FIX,
        ) from exc
    image = open_image(png, field="logo")
    return image.convert("RGBA")


def load_logo(data: bytes, *, width_hint: int = 800) -> Image.Image:
    """A logo as RGBA from PNG/JPEG/WebP bytes or a self-contained SVG."""

    if is_svg(data):
        return rasterise_svg(data, width=width_hint)
    return open_image(data, field="logo").convert("RGBA")


__all__ = ["external_references", "load_logo", "rasterise_svg"]
