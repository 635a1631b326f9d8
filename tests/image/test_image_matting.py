"""Product cut-outs: studio shots matted to a known mask, busy photos refused."""

from __future__ import annotations

import io

import numpy as np
import pytest
from image_media import PALETTE, Shot, busy_shot, png_bytes, studio_shot
from PIL import Image

from agency.core import InputError
from agency.creation.image import cut_out_product, open_image, render_design


def iou_with_known(
    cut_alpha: np.ndarray, source_box: tuple[int, int, int, int], known: np.ndarray
) -> float:
    full = np.zeros_like(known)
    x0, y0, x1, y1 = source_box
    full[y0:y1, x0:x1] = cut_alpha
    return float((full & known).sum() / (full | known).sum())


@pytest.mark.parametrize("seed", [1, 7])
def test_studio_shot_is_matted_to_the_known_mask(seed: int) -> None:
    shot: Shot = studio_shot(seed=seed)
    cut = cut_out_product(open_image(shot.data, field="product_image"))
    alpha = np.asarray(cut.image.getchannel("A"))
    assert cut.method == "matting:grabcut"
    assert cut.confidence >= 0.8
    assert iou_with_known(alpha >= 128, cut.source_box, shot.mask) >= 0.9
    # Feathered edge: some alpha values between fully transparent and opaque.
    assert ((alpha > 10) & (alpha < 245)).sum() > 100
    # The white label inside the bottle is kept (it is not reachable from the border).
    label = np.asarray(cut.image)[int(0.58 * 800) - cut.source_box[1], 300 - cut.source_box[0]]
    assert label[3] == 255 and label[:3].min() > 230


@pytest.mark.parametrize(
    "colour", [(176, 42, 36), (20, 20, 20), (128, 128, 128)], ids=["red", "black", "grey"]
)
def test_cast_shadow_under_the_product_is_left_out(colour: tuple[int, int, int]) -> None:
    shot = studio_shot(shadow=0.9, colour=colour)
    cut = cut_out_product(open_image(shot.data, field="product_image"))
    alpha = np.asarray(cut.image.getchannel("A")) >= 128
    assert iou_with_known(alpha, cut.source_box, shot.mask) >= 0.95


def test_product_the_colour_of_its_backdrop_is_refused() -> None:
    shot = studio_shot(colour=(236, 235, 239), label=False)
    with pytest.raises(InputError):
        cut_out_product(open_image(shot.data, field="product_image"))


def test_busy_background_is_refused_with_a_clear_error() -> None:
    with pytest.raises(InputError) as info:
        cut_out_product(open_image(busy_shot(), field="product_image"))
    assert info.value.field == "product_image"
    assert "transparent" in (info.value.fix or "")


def test_png_with_alpha_is_used_as_is() -> None:
    image = Image.new("RGBA", (200, 300), (0, 0, 0, 0))
    image.paste((10, 120, 200, 255), (50, 60, 150, 260))
    cut = cut_out_product(open_image(png_bytes(image), field="product_image"))
    assert cut.method == "alpha" and cut.confidence == 1.0
    assert cut.image.size == (100, 200) and cut.source_box == (50, 60, 150, 260)


def test_busy_product_photo_falls_back_to_a_rounded_card() -> None:
    design = render_design(
        "square-centered", headline="New season", cta="Shop", product_image=busy_shot(),
        palette=PALETTE,
    )  # fmt: skip
    assert design.report.product_method == "card"
    assert any("rounded card" in note for note in design.report.fallbacks)
    pixels = np.asarray(Image.open(io.BytesIO(design.png)).convert("RGB"))
    # The card's confetti shows inside the product box (many distinct colours).
    x0, y0, x1, y1 = (round(v * 1080) for v in (0.2, 0.34, 0.8, 0.76))
    assert len(np.unique(pixels[y0:y1, x0:x1].reshape(-1, 3), axis=0)) > 200


def test_busy_product_photo_with_error_fallback_raises() -> None:
    with pytest.raises(InputError) as info:
        render_design("square", headline="New", product_image=busy_shot(), product_fallback="error")
    assert info.value.field == "product_image"
