"""Offline backgrounds: gradients, soft shapes and grain in the brand palette, with Pillow.

The image has exactly the requested size and is deterministic for a seed. The
prompt only picks the style when ``style="auto"``; layouts with type and product
shots belong to the creation package's designer, not here.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageColor, ImageDraw, ImageFilter

from agency.core import InputError
from agency.providers.base import ImageRequest, ImageResult, prompt_hash

DEFAULT_PALETTE = ("#1f2a44", "#3d5a80", "#98c1d9", "#e0fbfc", "#ee6c4d")
RGB = tuple[int, int, int]


def parse_palette(colours: tuple[str, ...]) -> list[RGB]:
    """Palette strings (``#rrggbb``, ``rgb(...)``, CSS names) as RGB tuples."""
    parsed: list[RGB] = []
    for colour in colours or DEFAULT_PALETTE:
        try:
            parsed.append(ImageColor.getrgb(colour)[:3])  # type: ignore[arg-type]
        except ValueError as exc:
            raise InputError(
                f"Unknown colour {colour!r} in the palette.",
                field="palette",
                fix="use hex colours such as #1f2a44",
            ) from exc
    return parsed


def _gradient(width: int, height: int, a: RGB, b: RGB, vertical: bool) -> Image.Image:
    """A linear gradient from ``a`` to ``b`` (built 256 px long, then resized)."""
    ramp = Image.new("RGB", (256, 1))
    for x in range(256):
        t = x / 255
        ramp.putpixel((x, 0), tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3)))
    if vertical:
        ramp = ramp.transpose(Image.Transpose.ROTATE_270)
    return ramp.resize((width, height), Image.Resampling.BILINEAR)


def _shapes(base: Image.Image, colours: list[RGB], rng: random.Random) -> Image.Image:
    """Large blurred circles and bands, the soft 'blob' look of modern ads."""
    width, height = base.size
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(rng.randint(3, 6)):
        r = rng.randint(min(width, height) // 6, max(width, height) // 2)
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        colour = rng.choice(colours)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*colour, rng.randint(90, 170)))
    blur = max(2, min(width, height) // 12)
    layer = layer.filter(ImageFilter.GaussianBlur(blur))
    return Image.alpha_composite(base.convert("RGBA"), layer).convert("RGB")


def _grain(base: Image.Image, rng: random.Random, tile: int = 128) -> Image.Image:
    """Monochrome film grain from a seeded tile, repeated over the image."""
    cell = Image.frombytes("L", (tile, tile), rng.randbytes(tile * tile))
    noise = Image.new("L", base.size)
    for x in range(0, base.width, tile):
        for y in range(0, base.height, tile):
            noise.paste(cell, (x, y))
    return Image.blend(base, Image.merge("RGB", (noise, noise, noise)), 0.08)


def _style(request: ImageRequest, rng: random.Random) -> str:
    if request.style != "auto":
        return request.style
    words = request.prompt.lower()
    if any(w in words for w in ("texture", "grain", "film", "paper")):
        return "noise"
    if any(w in words for w in ("minimal", "clean", "simple", "gradient")):
        return "gradient"
    return rng.choice(("shapes", "shapes", "gradient", "noise"))


class ProceduralImageProvider:
    """ImageProvider that paints palette backgrounds; no model, no network."""

    name = "procedural"
    model = "procedural-background-1"

    def generate(self, request: ImageRequest) -> ImageResult:
        """A PNG of exactly ``width`` × ``height`` in the request's palette."""
        seed = (
            request.seed if request.seed is not None else int(prompt_hash(request.prompt)[:8], 16)
        )
        rng = random.Random(seed)
        colours = parse_palette(request.palette)
        a, b = rng.sample(colours, 2) if len(colours) > 1 else (colours[0], colours[0])
        image = _gradient(request.width, request.height, a, b, vertical=rng.random() < 0.6)
        style = _style(request, rng)
        if style in ("shapes", "noise"):
            image = _shapes(image, colours, rng)
        if style == "noise":
            image = _grain(image, rng)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False)
        return ImageResult(
            png=buffer.getvalue(),
            width=image.width,
            height=image.height,
            provider=self.name,
            model=f"{self.model}:{style}",
            prompt_hash=prompt_hash(request.prompt),
            seed=seed,
        )
