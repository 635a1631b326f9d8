"""The YUV render path: only the edited region is converted; the rest passes bit for bit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
from kata_media import lavfi

from agency.creation.media_tools import ffmpeg_exe
from agency.kata.media.reader import iter_decoded
from agency.kata.media.writer import FrameEncoder
from agency.kata.media.yuv import YuvFrame, supports_yuv


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("yuv")
    return lavfi(
        folder / "src.mp4",
        "testsrc2=size=320x180:rate=10:duration=1",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
    )


def test_region_round_trip_changes_only_the_region(clip: Path) -> None:
    _, decoded = next(iter_decoded(clip))
    frame = YuvFrame.from_av(decoded)
    before = frame.tobytes()
    reference = decoded.to_ndarray(format="bgr24").astype(int)
    box = frame.align((33, 41, 201, 150))
    x0, y0, x1, y1 = box
    assert x0 % 2 == 0 and y0 % 4 == 0 and (y1 - y0) % 4 == 0 and (x1 - x0) % 2 == 0
    assert x0 <= 33 and y0 <= 41 and x1 >= 201 and y1 >= 150
    region = frame.to_bgr(box)
    assert np.abs(region.astype(int) - reference[y0:y1, x0:x1]).mean() < 1.5
    region[:] = (0, 0, 255)
    frame.put_bgr(box, region)
    after = YuvFrame(frame.y, frame.u, frame.v)
    y_before = np.frombuffer(before, np.uint8)[: 320 * 180].reshape(180, 320)
    outside = np.ones((180, 320), bool)
    outside[y0:y1, x0:x1] = False
    assert np.array_equal(after.y[outside], y_before[outside])
    red = after.to_bgr(box)
    assert red[..., 2].mean() > 240 and red[..., :2].mean() < 15


def test_encoder_takes_yuv_frames(clip: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.mp4"
    frames = [YuvFrame.from_av(f) for _, f in iter_decoded(clip)]
    with FrameEncoder(out, width=320, height=180, fps=10, pixel_format="yuv420p") as enc:
        for frame in frames:
            enc.write(frame)
        with pytest.raises(ValueError):
            enc.write(np.zeros((180, 320, 3), np.uint8))
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (320, 180)
        assert sum(1 for _ in container.decode(stream)) == len(frames) == 10
    probe = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(out)], capture_output=True, text=True
    )
    assert "h264" in probe.stderr and "yuv420p" in probe.stderr


def test_only_whole_420_blocks_take_the_yuv_path() -> None:
    assert supports_yuv(1920, 1080) and supports_yuv(640, 360)
    assert not supports_yuv(480, 270) and not supports_yuv(321, 180)


def test_writing_into_a_frame_never_touches_the_decoder(tmp_path: Path) -> None:
    # The decoder keeps reference frames; planes that aliased its buffers would carry the
    # composite into the next decoded frames (a regression seen on real footage). At
    # 640 px wide the decoder's rows have no padding, so an alias is possible.
    clip = lavfi(
        tmp_path / "wide.mp4", "testsrc2=size=640x96:rate=10:duration=1", "-c:v", "libx264"
    )
    clean = [YuvFrame.from_av(f).tobytes() for _, f in iter_decoded(clip)]
    for index, decoded in iter_decoded(clip):
        frame = YuvFrame.from_av(decoded)
        assert frame.tobytes() == clean[index]
        frame.y[:] = 255
        frame.u[:] = 0
