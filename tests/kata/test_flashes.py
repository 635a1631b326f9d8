"""The flash meter fails seizure-risk flicker and passes slow or small changes."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from agency.core.errors import InputError
from agency.kata.analysis.flashes import FlashMeter

FPS, W, H = 30.0, 320, 180
Frame = np.ndarray


def measure(frame_at: Callable[[int], Frame], frames: int = 60, **kwargs: str) -> dict:
    meter = FlashMeter(FPS, W, H, **kwargs)  # type: ignore[arg-type]
    for i in range(frames):
        meter.add(frame_at(i))
    return meter.result()


def flat(value: tuple[int, int, int]) -> Frame:
    return np.full((H, W, 3), value, np.uint8)


def flicker(hz: float, a: tuple[int, int, int], b: tuple[int, int, int]) -> Callable[[int], Frame]:
    """Square wave between ``a`` and ``b`` at ``hz`` cycles a second."""
    return lambda i: flat(a) if int(2 * hz * i / FPS) % 2 == 0 else flat(b)


BLACK, WHITE = (0, 0, 0), (255, 255, 255)


def test_full_frame_10hz_flicker_fails() -> None:
    result = measure(flicker(10, BLACK, WHITE))
    assert not result["passed"]
    assert result["max_flashes_per_second"] >= 9
    assert result["failing_intervals_s"]
    assert result["failing_intervals_s"][0][1] <= 2.0


@pytest.mark.parametrize(("hz", "flashes"), [(2, 2.0), (3, 3.0)])
def test_up_to_three_flashes_a_second_pass(hz: float, flashes: float) -> None:
    result = measure(flicker(hz, BLACK, WHITE), frames=90)
    assert result["passed"]
    assert result["max_flashes_per_second"] == flashes
    assert result["failing_intervals_s"] == []


def test_four_flashes_a_second_fail() -> None:
    assert not measure(flicker(4, BLACK, WHITE), frames=90)["passed"]


def test_slow_fade_is_one_transition_each_way() -> None:
    ramp = np.concatenate([np.linspace(0, 255, 60), np.linspace(255, 0, 60)])
    result = measure(lambda i: flat((int(ramp[i]),) * 3), frames=120)  # type: ignore[arg-type]
    assert result["passed"]
    assert result["max_flashes_per_second"] <= 0.5


def test_luminance_is_linear_light_and_bright_flicker_is_exempt() -> None:
    # sRGB 20 ↔ 60 is 0.007 ↔ 0.045 relative luminance: under the 0.1 step.
    assert measure(flicker(10, (20,) * 3, (60,) * 3))["passed"]
    # sRGB 60 ↔ 110 is 0.045 ↔ 0.156: over it.
    assert not measure(flicker(10, (60,) * 3, (110,) * 3))["passed"]
    # 237 ↔ 255 is 0.85 ↔ 1.0: a big step, but the darker state is above 0.8.
    assert measure(flicker(10, (237,) * 3, WHITE))["passed"]


def test_sensor_noise_is_no_flash() -> None:
    rng = np.random.default_rng(0)
    base = np.full((H, W, 3), 120.0)
    result = measure(
        lambda i: np.clip(base + rng.normal(0, 6, base.shape), 0, 255).astype(np.uint8)
    )
    assert result["passed"]
    assert result["max_flashes_per_second"] == 0


def test_red_flash_at_equal_luminance_fails_as_red() -> None:
    # Saturated red and a grey of the same relative luminance (0.2126): no general flash.
    result = measure(flicker(10, (0, 0, 255), (127, 127, 127)))
    assert result["max_flashes_per_second"] == 0
    assert result["max_red_flashes_per_second"] >= 9
    assert not result["passed"]


def test_inverting_checkerboard_fails() -> None:
    ys, xs = np.mgrid[0:H, 0:W]
    board = (((ys // 45) + (xs // 40)) % 2 == 0)[..., None]
    frames = [np.where(board, 255, 0).astype(np.uint8), np.where(board, 0, 255).astype(np.uint8)]
    frames = [np.repeat(f, 3, axis=2) for f in frames]
    assert not measure(lambda i: frames[int(20 * i / FPS) % 2])["passed"]


def small_flicker(share: float) -> Callable[[int], Frame]:
    """A square patch covering ``share`` of the frame flickering at 10 Hz on grey."""
    side_w, side_h = round(W * share**0.5), round(H * share**0.5)

    def frame_at(i: int) -> Frame:
        frame = flat((90, 90, 90))
        frame[60 : 60 + side_h, 100 : 100 + side_w] = 0 if int(20 * i / FPS) % 2 else 255
        return frame

    return frame_at


def test_small_flashing_patch_passes() -> None:
    # 2 % of the frame is under a quarter of any 10° field (a ninth of the frame).
    result = measure(small_flicker(0.02))
    assert result["passed"]
    assert measure(small_flicker(0.02), field="screen")["passed"]


def test_five_percent_patch_fails_on_a_10_degree_field_not_on_a_broadcast_screen() -> None:
    # 5 % of the frame fills 45 % of a 10° field (WCAG) but not 25 % of the screen (BT.1702).
    assert not measure(small_flicker(0.05))["passed"]
    assert measure(small_flicker(0.05), field="screen")["passed"]


def test_wrong_frame_size_is_an_input_error() -> None:
    meter = FlashMeter(FPS, W, H)
    with pytest.raises(InputError):
        meter.add(np.zeros((H + 1, W, 3), np.uint8))
