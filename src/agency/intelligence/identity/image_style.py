"""Image style of a site's photos: brightness, saturation, warmth and busy/minimal."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Literal

import numpy as np
from PIL import Image, UnidentifiedImageError

from agency.intelligence.identity.models import Evidence, ImageStyle

MAX_SIDE = 256
EDGE_THRESHOLD = 0.12
BUSY_EDGES = 0.12
MINIMAL_EDGES = 0.04


def image_array(data: bytes) -> np.ndarray | None:
    """An RGB float array in 0–1 (longest side at most MAX_SIDE), or None if unreadable."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            rgba = img.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    scale = MAX_SIDE / max(rgba.size)
    if scale < 1:
        rgba = rgba.resize(
            (max(1, round(rgba.width * scale)), max(1, round(rgba.height * scale))),
            Image.Resampling.BILINEAR,
        )
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    rgb = Image.alpha_composite(background, rgba).convert("RGB")
    return np.asarray(rgb, dtype=np.float32) / 255.0


def measure(pixels: np.ndarray) -> dict[str, float]:
    """brightness, saturation, warmth and edge_density of one RGB 0–1 image."""
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    high = pixels.max(axis=2)
    low = pixels.min(axis=2)
    sat = np.where(high > 0, (high - low) / np.maximum(high, 1e-6), 0.0)
    if luma.shape[0] > 2 and luma.shape[1] > 2:
        gx = luma[1:-1, 2:] - luma[1:-1, :-2]
        gy = luma[2:, 1:-1] - luma[:-2, 1:-1]
        edges = float((np.hypot(gx, gy) > EDGE_THRESHOLD).mean())
    else:
        edges = 0.0
    return {
        "brightness": float(luma.mean()),
        "saturation": float(sat.mean()),
        "warmth": float((r - b).mean()),
        "edge_density": edges,
    }


def describe(brightness: float, saturation: float, warmth: float, edges: float) -> list[str]:
    """Plain words for the measures (bright/dark, vivid/muted, warm/cool, busy/minimal)."""
    words = []
    words.append("bright" if brightness > 0.65 else "dark" if brightness < 0.35 else "mid-tone")
    words.append("vivid" if saturation > 0.45 else "muted" if saturation < 0.2 else "natural")
    words.append("warm" if warmth > 0.04 else "cool" if warmth < -0.04 else "neutral")
    words.append(busy_label(edges))
    return words


def busy_label(edges: float) -> Literal["busy", "balanced", "minimal"]:
    """busy, balanced or minimal by the share of edge pixels."""
    return "busy" if edges > BUSY_EDGES else "minimal" if edges < MINIMAL_EDGES else "balanced"


def image_style(images: Sequence[tuple[str, bytes]]) -> ImageStyle | None:
    """The mean style of the readable images (url, bytes); None when none can be read."""
    rows = []
    sources = []
    for url, data in images:
        pixels = image_array(data)
        if pixels is None:
            continue
        rows.append(measure(pixels))
        sources.append(Evidence(url=url))
    if not rows:
        return None
    mean = {k: float(np.mean([row[k] for row in rows])) for k in rows[0]}
    return ImageStyle(
        images=len(rows),
        brightness=round(mean["brightness"], 4),
        saturation=round(mean["saturation"], 4),
        warmth=round(mean["warmth"], 4),
        edge_density=round(mean["edge_density"], 4),
        busy=busy_label(mean["edge_density"]),
        descriptors=describe(
            mean["brightness"], mean["saturation"], mean["warmth"], mean["edge_density"]
        ),
        sources=sources,
    )
