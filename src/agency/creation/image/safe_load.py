"""Open user images safely: size limits, decompression bombs, corrupt or truncated files.

Only the header is read before the pixel count is checked, so a 40000×40000 PNG is
refused without decoding a byte of it. Every failure is an :class:`InputError` naming
the field; nothing is drawn from a half-decoded image.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from agency.core import InputError

MAX_PIXELS = 40_000_000  # 40 MP: larger than any camera a brand uploads from
MAX_BYTES = 50 * 1024 * 1024
RASTER_FORMATS = frozenset({"PNG", "JPEG", "MPO", "WEBP", "GIF", "BMP", "TIFF"})


def is_svg(data: bytes) -> bool:
    """Whether ``data`` looks like an SVG document (XML with an ``<svg`` root)."""
    head = data[:2048].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in (
        data[:65536].lower()
    )


def open_image(data: bytes, *, field: str, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Decode a raster image fully into memory (RGBA or RGB), or raise InputError.

    EXIF orientation is applied, so a phone photo stands the way it was taken.
    """
    fix = "upload an uncorrupted PNG, JPEG or WebP under 40 megapixels"
    if not data:
        raise InputError(f"The {field} is empty.", field=field, fix=fix)
    if len(data) > MAX_BYTES:
        raise InputError(
            f"The {field} is larger than {MAX_BYTES // (1024 * 1024)} MB.", field=field, fix=fix
        )
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # a global someone else may have flipped
        raise InputError(
            "Refusing to decode images while PIL.ImageFile.LOAD_TRUNCATED_IMAGES is set.",
            field=field,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            image: Image.Image = opened
            width, height = image.size
            if width * height > max_pixels or width < 1 or height < 1:
                raise InputError(
                    f"The {field} is {width}×{height} pixels, over the "
                    f"{max_pixels // 1_000_000} MP limit (a possible decompression bomb).",
                    field=field,
                    fix="resize it below 40 megapixels",
                )
            if opened.format not in RASTER_FORMATS:
                raise InputError(f"The {field} is a {opened.format} file.", field=field, fix=fix)
            image.load()
            image = ImageOps.exif_transpose(image)
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(
            f"The {field} decodes to too many pixels, a possible decompression bomb ({exc}).",
            field=field,
            fix="resize it below 40 megapixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError(
            f"The {field} is corrupt, truncated or not an image ({exc}).", field=field, fix=fix
        ) from exc
    return _normalise_mode(image)


def _normalise_mode(image: Image.Image) -> Image.Image:
    """RGBA when the image carries transparency, else RGB."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if image.mode in ("I;16", "I", "F"):
        image = image.point(lambda v: v / 256).convert("L")
    return image.convert("RGBA" if has_alpha else "RGB")


def has_transparency(image: Image.Image) -> bool:
    """Whether an RGBA image has any pixel that is not fully opaque."""
    if image.mode != "RGBA":
        return False
    extrema = image.getchannel("A").getextrema()
    return bool(isinstance(extrema[0], int | float) and extrema[0] < 250)
