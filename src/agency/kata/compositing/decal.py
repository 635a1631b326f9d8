"""Decal mode: warp a product image (with alpha) onto a quad in a frame.

The product is padded with a transparent border and warped premultiplied, so bilinear
resampling gives clean anti-aliased edges with no dark fringe. Only the quad's bounding
box is warped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from agency.core.errors import InputError
from agency.creation.image import cut_out_product

from ..geometry import FloatArray

_PAD = 2
FloatImage = NDArray[Any]


@dataclass(frozen=True)
class Product:
    """A product image: premultiplied BGR and alpha (0–1), padded by a clear border."""

    premultiplied: FloatImage
    alpha: FloatImage
    width: int
    height: int


def load_product(path: Path, *, max_side: int | None = 2048, cut_out: bool = False) -> Product:
    """Read a PNG/JPEG/WebP product image (see :func:`read_product_image`) and prepare it
    at most ``max_side`` pixels on its long side (:func:`prepare_product`)."""
    return prepare_product(read_product_image(path, cut_out=cut_out), max_side=max_side)


def read_product_image(path: Path, *, cut_out: bool = False) -> NDArray[Any]:
    """The product image as BGRA uint8.

    Without ``cut_out`` an image without alpha is fully opaque (a flat print: a poster, a
    label). With ``cut_out`` (a product standing in the scene) an opaque photo is matted
    from its backdrop; a busy backdrop is refused with the fix.
    """
    image = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise InputError(
            f"{Path(path).name} is not a readable image.",
            field="product",
            fix="Upload the product as a PNG with transparency (or a JPEG).",
        )
    if image.dtype == np.uint16:
        image = (image / 257).astype(np.uint8)
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGRA)
    elif image.shape[2] == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)
    if cut_out and int(image[:, :, 3].min()) == 255:
        image = _cut_out(image)
    if int(image[:, :, 3].max()) == 0:
        raise InputError(
            f"{Path(path).name} is fully transparent.",
            field="product",
            fix="Upload a product image with visible pixels.",
        )
    result: NDArray[Any] = image
    return result


def prepare_product(image: NDArray[Any], *, max_side: int | None = 2048) -> Product:
    """A BGRA image as a padded premultiplied :class:`Product`, reduced (area filter) to
    ``max_side`` pixels on its long side: warping more pixels than the insert covers on
    screen only costs time and memory."""
    long_side = max(image.shape[:2])
    if max_side is not None and long_side > max_side:
        scale = max_side / long_side
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    rgba = image.astype(np.float32) / 255.0
    alpha = rgba[:, :, 3]
    premult = rgba[:, :, :3] * alpha[:, :, None]
    pad = ((_PAD, _PAD), (_PAD, _PAD))
    return Product(
        premultiplied=np.pad(premult, (*pad, (0, 0))),
        alpha=np.pad(alpha, pad),
        width=image.shape[1],
        height=image.shape[0],
    )


@dataclass(frozen=True)
class WarpedDecal:
    """The product warped into a frame's region ``box`` = (x, y, w, h)."""

    box: tuple[int, int, int, int]
    premultiplied: FloatImage
    alpha: FloatImage


def warp_decal(
    product: Product, quad: FloatArray, width: int, height: int, margin: int = 4
) -> WarpedDecal | None:
    """Warp ``product`` so its corners land on ``quad``; ``None`` when fully off-frame."""
    x0 = max(0, int(np.floor(quad[:, 0].min())) - margin)
    y0 = max(0, int(np.floor(quad[:, 1].min())) - margin)
    x1 = min(width, int(np.ceil(quad[:, 0].max())) + margin)
    y1 = min(height, int(np.ceil(quad[:, 1].max())) + margin)
    if x1 <= x0 or y1 <= y0:
        return None
    src = np.array(
        [
            [_PAD, _PAD],
            [_PAD + product.width, _PAD],
            [_PAD + product.width, _PAD + product.height],
            [_PAD, _PAD + product.height],
        ],
        np.float32,
    )
    dst = (quad - [x0, y0]).astype(np.float32)
    h = cv2.getPerspectiveTransform(src, dst)
    size = (x1 - x0, y1 - y0)
    flags = cv2.INTER_LINEAR
    premult = cv2.warpPerspective(product.premultiplied, h, size, flags=flags, borderValue=0)
    alpha = cv2.warpPerspective(product.alpha, h, size, flags=flags, borderValue=0)
    return WarpedDecal((x0, y0, size[0], size[1]), premult, alpha)


def blend(frame: NDArray[Any], decal: WarpedDecal) -> NDArray[Any]:
    """Composite a premultiplied decal over ``frame`` (returns a new frame)."""
    x, y, w, h = decal.box
    out = frame.copy()
    region = out[y : y + h, x : x + w].astype(np.float32) / 255.0
    mixed = decal.premultiplied + region * (1.0 - decal.alpha[:, :, None])
    out[y : y + h, x : x + w] = np.clip(mixed * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return out


def _cut_out(bgra: NDArray[Any]) -> NDArray[Any]:
    """Matte an opaque product photo from its backdrop (classical, see
    :func:`agency.creation.image.cut_out_product`); InputError when it cannot."""
    rgb = Image.fromarray(cv2.cvtColor(bgra, cv2.COLOR_BGRA2RGB))
    try:
        cutout = cut_out_product(rgb)
    except InputError as exc:
        raise InputError(
            f"An upright product needs its outline: {exc.message}",
            field="product",
            fix="Upload the product as a PNG with a transparent background, or a studio "
            "shot on a plain backdrop.",
        ) from exc
    result: NDArray[Any] = cv2.cvtColor(np.asarray(cutout.image), cv2.COLOR_RGBA2BGRA)
    return result
