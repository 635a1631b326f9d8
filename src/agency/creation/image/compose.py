"""Compositing primitives of the designer: fitting pictures into boxes, shadows, cards.

All functions draw onto an RGBA canvas in place or return new images; none decide
layout (the template does) or colours (the palette roles do).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from agency.creation.image.colours import contrast_ratio, luminance

Box = tuple[int, int, int, int]
RGB = tuple[int, int, int]


def cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """``image`` scaled and centre-cropped to fill ``size`` exactly."""
    return ImageOps.fit(image.convert("RGB"), size, Image.Resampling.LANCZOS)


def contain_position(
    item: tuple[int, int], box: Box, align: str, valign: str
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Size and top-left of ``item`` scaled to fit inside ``box`` with the given alignment."""
    left, top, right, bottom = box
    bw, bh = right - left, bottom - top
    scale = min(bw / item[0], bh / item[1])
    size = (max(1, min(bw, round(item[0] * scale))), max(1, min(bh, round(item[1] * scale))))
    x = {"left": left, "right": right - size[0]}.get(align, left + (bw - size[0]) // 2)
    y = {"top": top, "bottom": bottom - size[1]}.get(valign, top + (bh - size[1]) // 2)
    return size, (x, y)


def paste_contained(
    canvas: Image.Image,
    item: Image.Image,
    box: Box,
    *,
    align: str = "center",
    valign: str = "middle",
    shadow: bool = False,
) -> Box:
    """Paste an RGBA ``item`` fitted inside ``box``; returns where it landed.

    With ``shadow`` a soft contact shadow is painted first, kept inside the box.
    """
    left, top, right, bottom = box
    pad = round(0.04 * min(right - left, bottom - top)) if shadow else 0
    inner = (left + pad, top + pad, right - pad, bottom - pad)
    size, (x, y) = contain_position(item.size, inner, align, valign)
    scaled = item.convert("RGBA").resize(size, Image.Resampling.LANCZOS)
    if shadow:
        # A soft contact shadow, blurred on the slot's own area and kept inside it.
        alpha = scaled.getchannel("A").point(lambda v: v * 0.35)
        layer = Image.new("L", (right - left, bottom - top), 0)
        offset = max(2, pad // 2)
        layer.paste(alpha, (x - left + offset // 2, y - top + offset))
        layer = layer.filter(ImageFilter.GaussianBlur(max(2, pad // 2)))
        black = Image.new("RGBA", layer.size, (0, 0, 0, 255))
        black.putalpha(layer)
        canvas.alpha_composite(black, (left, top))
    canvas.alpha_composite(scaled, (x, y))
    return x, y, x + size[0], y + size[1]


def rounded_card(image: Image.Image, *, radius_ratio: float = 0.08) -> Image.Image:
    """A photo as an RGBA card with rounded corners (the fallback for busy photos)."""
    rgba = image.convert("RGBA")
    mask = Image.new("L", rgba.size, 0)
    radius = round(radius_ratio * min(rgba.size))
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, rgba.width - 1, rgba.height - 1), radius, 255)
    rgba.putalpha(mask)
    return rgba


def fill_box(
    canvas: Image.Image, box: Box, colour: RGB, *, opacity: float = 1.0, radius: int = 0
) -> None:
    """Paint a flat (optionally rounded, translucent) rectangle onto ``canvas``."""
    left, top = max(0, box[0]), max(0, box[1])
    right, bottom = min(canvas.width, box[2]), min(canvas.height, box[3])
    if right <= left or bottom <= top:
        return
    layer = Image.new("RGBA", (right - left, bottom - top), (0, 0, 0, 0))
    rect = (box[0] - left, box[1] - top, box[2] - left - 1, box[3] - top - 1)
    ImageDraw.Draw(layer).rounded_rectangle(
        rect, radius=radius, fill=(*colour, round(255 * opacity))
    )
    canvas.alpha_composite(layer, (left, top))


def paste_logo(
    canvas: Image.Image,
    logo: Image.Image,
    box: Box,
    *,
    align: str,
    valign: str,
    light: RGB,
    dark: RGB,
    min_contrast: float = 2.0,
) -> bool:
    """Paste the logo fitted in ``box``; on a rounded chip when it would vanish.

    The logo's opaque pixels are compared (WCAG luminance ratio of their medians) with
    the pixels it would cover; below ``min_contrast`` it is set on a light or dark chip,
    whichever stands out more. Returns whether a chip was used.
    """
    rgba = logo.convert("RGBA")
    size, (x, y) = contain_position(rgba.size, box, align, valign)
    scaled = rgba.resize(size, Image.Resampling.LANCZOS)
    pixels = np.asarray(scaled)
    opaque = pixels[..., 3] > 128
    behind = np.asarray(canvas.crop((x, y, x + size[0], y + size[1])).convert("RGB"))
    if not opaque.any():
        return False
    logo_lum = float(np.median(luminance(pixels[opaque][:, :3])))
    behind_lum = float(np.median(luminance(behind.reshape(-1, 3))))
    if contrast_ratio(logo_lum, behind_lum) >= min_contrast:
        canvas.alpha_composite(scaled, (x, y))
        return False
    chip = max((light, dark), key=lambda c: contrast_ratio(float(luminance(c)), logo_lum))
    pad = max(2, round(0.12 * min(box[2] - box[0], box[3] - box[1])))
    inner = (box[0] + pad, box[1] + pad, box[2] - pad, box[3] - pad)
    size, (x, y) = contain_position(rgba.size, inner, align, valign)
    scaled = rgba.resize(size, Image.Resampling.LANCZOS)
    chip_box = (x - pad, y - pad, x + size[0] + pad, y + size[1] + pad)
    fill_box(canvas, chip_box, chip, radius=pad)
    canvas.alpha_composite(scaled, (x, y))
    return True
