"""Raster image dimensions via Pillow, with a pixel cap against decompression bombs.

A 50-kilobyte PNG can claim 100 000 × 100 000 pixels and take 40 GB to decode. The
header is read first and the image refused above ``max_pixels``; only then is it
decoded in full, which is what catches truncated and corrupt files.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from agency.core.errors import InputError

DEFAULT_MAX_PIXELS = 50_000_000

PIL_FORMATS = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
    "image/avif": "AVIF",
}


def probe_image(
    source: bytes | Path, media_type: str, *, max_pixels: int = DEFAULT_MAX_PIXELS
) -> tuple[int, int]:
    """Width and height of a raster image; :class:`InputError` if corrupt or too large."""
    fmt = PIL_FORMATS[media_type]
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(handle, formats=[fmt]) as image:
                width, height = image.size
                _check_pixels(width, height, max_pixels)
                image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_large(str(exc), max_pixels) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            raise InputError(
                f"The {fmt} image is corrupt or truncated ({exc}).",
                field="data",
                fix="Upload the complete, original image file.",
            ) from exc
    return width, height


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise InputError(
            f"The image claims an empty size {width}×{height}.",
            field="data",
            fix="Upload a valid image.",
        )
    if width * height > max_pixels:
        raise _too_large(f"{width}×{height} is {width * height:,} pixels", max_pixels)


def _too_large(detail: str, max_pixels: int) -> InputError:
    return InputError(
        f"The image is too large to process safely: {detail}.",
        field="data",
        fix=f"Resize it to at most {max_pixels:,} pixels (width × height).",
    )
