"""Generated test media of known answer for the image engine (helpers for tests/image).

A studio shot is a product silhouette (known mask) on a light sweep with sensor
noise; a busy shot is the same product on confetti. Logos are tiny SVGs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

PALETTE = ["#0b3d2e", "#f4a259", "#f4e285", "#5b8e7d", "#bc4b51"]
LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
    b'<rect width="200" height="60" rx="12" fill="#c00000"/></svg>'
)


@dataclass(frozen=True)
class Shot:
    data: bytes
    mask: np.ndarray  # True where the product is


def png_bytes(image: Image.Image, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def product_mask(width: int, height: int) -> Image.Image:
    """A bottle: rounded body, round cap and a thin neck."""
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    w, h = width, height
    draw.rounded_rectangle((0.33 * w, 0.30 * h, 0.67 * w, 0.88 * h), radius=0.06 * w, fill=255)
    draw.rectangle((0.45 * w, 0.18 * h, 0.55 * w, 0.32 * h), fill=255)
    draw.ellipse((0.40 * w, 0.10 * h, 0.60 * w, 0.22 * h), fill=255)
    return mask


def studio_shot(
    width: int = 600,
    height: int = 800,
    seed: int = 1,
    *,
    shadow: float = 0.0,
    colour: tuple[int, int, int] = (176, 42, 36),
    label: bool = True,
) -> Shot:
    """Product on a light studio sweep (vertical falloff, noise, optional cast shadow)."""
    rng = np.random.default_rng(seed)
    ramp = 0.92 + 0.08 * np.linspace(0, 1, height)[:, None, None]
    sweep = np.full((height, width, 3), (238.0, 236.0, 240.0)) * ramp
    sweep += rng.normal(0, 2.0, sweep.shape)
    background = Image.fromarray(np.clip(sweep, 0, 255).astype(np.uint8))
    if shadow:
        cast = Image.new("L", (width, height), 0)
        ImageDraw.Draw(cast).ellipse((0.25 * width, 0.84 * height, 0.8 * width, 0.93 * height), 255)
        cast = cast.filter(ImageFilter.GaussianBlur(18)).point(lambda v: int(v * shadow))
        darker = Image.fromarray((np.asarray(background) * 0.55).astype(np.uint8))
        background = Image.composite(darker, background, cast)
    product = Image.new("RGB", (width, height), colour)
    label = ImageDraw.Draw(product)
    label.rectangle(
        (0.33 * width, 0.50 * height, 0.67 * width, 0.66 * height), fill=(250, 248, 240)
    )
    mask = product_mask(width, height)
    shot = Image.composite(product, background, mask)
    return Shot(png_bytes(shot, "JPEG"), np.asarray(mask) >= 128)


def busy_shot(width: int = 600, height: int = 800, seed: int = 2) -> bytes:
    """The same product on a confetti background a studio matte cannot separate."""
    rng = np.random.default_rng(seed)
    background = Image.new("RGB", (width, height), (90, 140, 200))
    draw = ImageDraw.Draw(background)
    for _ in range(400):
        x, y = rng.integers(0, width), rng.integers(0, height)
        r = int(rng.integers(8, 60))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    product = Image.new("RGB", (width, height), (176, 42, 36))
    return png_bytes(Image.composite(product, background, product_mask(width, height)))
