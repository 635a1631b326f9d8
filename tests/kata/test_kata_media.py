"""Checked decoding and streamed encoding: bad input becomes a clear InputError."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from kata_media import SCENEDETECT, lavfi

from agency.core.errors import InputError
from agency.creation.media_tools import probe_media
from agency.kata.media import FrameEncoder, iter_frames, open_video_info


def test_not_a_video(tmp_path: Path) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("this is not a video\n" * 50)
    with pytest.raises(InputError) as info:
        open_video_info(fake)
    assert info.value.field == "video" and info.value.fix


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        open_video_info(tmp_path / "nope.mp4")


def test_audio_only_has_no_video_stream(tmp_path: Path) -> None:
    audio = lavfi(tmp_path / "tone.m4a", "sine=frequency=440:duration=1", "-c:a", "aac")
    with pytest.raises(InputError, match="no video stream"):
        open_video_info(audio)


def test_zero_frame_clip(tmp_path: Path) -> None:
    empty = lavfi(
        tmp_path / "empty.mkv", "color=c=gray:s=64x64:r=10:d=1", "-frames:v", "0", "-c:v", "ffv1"
    )
    with pytest.raises(InputError):
        open_video_info(empty)


def test_truncated_file(tmp_path: Path) -> None:
    whole = lavfi(tmp_path / "whole.mp4", "testsrc=s=320x240:r=25:d=4", "-pix_fmt", "yuv420p")
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(InputError):
        open_video_info(cut)
        list(iter_frames(cut))


def test_truncated_faststart_file_is_caught_while_decoding(tmp_path: Path) -> None:
    whole = lavfi(
        tmp_path / "fs.mp4",
        "testsrc=s=320x240:r=25:d=4",
        "-pix_fmt",
        "yuv420p",
        "-movflags",
        "+faststart",
    )
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: int(whole.stat().st_size * 0.6)])
    assert open_video_info(cut).frame_count == 100  # the index is intact, the data is not
    assert len(list(iter_frames(cut, stop=10))) == 10
    with pytest.raises(InputError, match="of its 100 frames") as info:
        list(iter_frames(cut))
    assert info.value.field == "video"


def test_over_4k(tmp_path: Path) -> None:
    big = lavfi(tmp_path / "big.mkv", "color=c=gray:s=4096x2304:r=1:d=1", "-c:v", "ffv1")
    with pytest.raises(InputError, match="4K") as info:
        open_video_info(big)
    assert info.value.fix and "Downscale" in info.value.fix


def test_over_ten_minutes(tmp_path: Path) -> None:
    long = lavfi(tmp_path / "long.mp4", "color=c=gray:s=16x16:r=1:d=601", "-pix_fmt", "yuv420p")
    with pytest.raises(InputError, match="10 min"):
        open_video_info(long)


def test_encoder_streams_frames_and_copies_audio(tmp_path: Path) -> None:
    source = lavfi(
        tmp_path / "src.mp4",
        "testsrc=s=160x90:r=25:d=1[out0];sine=frequency=330:duration=1[out1]",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
    )
    info = open_video_info(source)
    assert (info.width, info.height, info.frame_count, info.audio_codec) == (160, 90, 25, "aac")
    out = tmp_path / "out.mp4"
    with FrameEncoder(
        out, width=160, height=90, fps=info.fps, audio_from=source, audio_codec="aac"
    ) as enc:
        for _, frame in iter_frames(source):
            enc.write(255 - frame)
    probed = probe_media(out)
    assert probed.video_codec == "h264" and probed.audio_codec == "aac"
    frames = [f for _, f in iter_frames(out)]
    originals = [f for _, f in iter_frames(source)]
    assert len(frames) == 25
    assert np.abs(frames[5].astype(int) - (255 - originals[5]).astype(int)).mean() < 4


def test_failed_render_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "never.mp4"
    with pytest.raises(ValueError), FrameEncoder(out, width=64, height=64, fps=10) as enc:
        enc.write(np.zeros((32, 32, 3), np.uint8))
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def test_encoder_keeps_display_rotation_and_pixel_aspect(tmp_path: Path) -> None:
    for name, rotation, aspect in [
        ("issue-134-rotate.mp4", -90.0, None),
        ("issue-195-aspect-ratio.mp4", 0.0, (16, 11)),
    ]:
        info = open_video_info(SCENEDETECT / name)
        assert (info.rotation, info.sample_aspect) == (rotation, aspect)
        out = tmp_path / name
        with FrameEncoder(
            out,
            width=info.width,
            height=info.height,
            fps=info.fps,
            rotation=info.rotation,
            sample_aspect=info.sample_aspect,
        ) as enc:
            for _, frame in iter_frames(SCENEDETECT / name, stop=3):
                enc.write(frame)
        again = open_video_info(out)
        assert (again.rotation, again.sample_aspect) == (rotation, aspect)
