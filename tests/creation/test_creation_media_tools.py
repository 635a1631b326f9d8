"""ffmpeg location, timeouts, atomic outputs, probing and input checks."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from creation_media_helpers import png_header_only, write_tone

from agency.core.errors import InputError, ProviderError
from agency.creation.media_tools import (
    atomic_output,
    check_av_source,
    check_image,
    ffmpeg_exe,
    is_faststart,
    measure_loudness,
    mp4_top_level_boxes,
    probe_media,
    run_ffmpeg,
)


def _children_running_ffmpeg() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        state = stat.rsplit(")", 1)[1].split()[0]
        if ppid == os.getpid() and b"ffmpeg" in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def test_ffmpeg_is_found_and_runs() -> None:
    proc = run_ffmpeg(["-version"], timeout_s=30)
    assert Path(ffmpeg_exe()).is_file()
    assert "libx264" in proc.stdout


def test_a_hung_ffmpeg_is_killed_at_the_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(ProviderError) as err:
        run_ffmpeg(["-re", "-f", "lavfi", "-i", "anullsrc", "-f", "null", "-"], timeout_s=1.0)
    assert time.monotonic() - started < 6
    assert err.value.retryable and "timeout" in err.value.message
    assert _children_running_ffmpeg() == []


def test_ffmpeg_failure_reports_the_stderr_tail() -> None:
    with pytest.raises(ProviderError) as err:
        run_ffmpeg(["-i", "/nonexistent/input.mp4", "-f", "null", "-"], timeout_s=30)
    assert "No such file" in err.value.message


def test_atomic_output_leaves_nothing_on_failure(tmp_path: Path) -> None:
    final = tmp_path / "out.mp4"
    with pytest.raises(RuntimeError), atomic_output(final) as part:
        part.write_bytes(b"half")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []
    with atomic_output(final) as part:
        part.write_bytes(b"whole")
    assert final.read_bytes() == b"whole"
    assert list(tmp_path.iterdir()) == [final]


@pytest.mark.parametrize("faststart", [True, False])
def test_faststart_is_read_from_the_box_order(tmp_path: Path, faststart: bool) -> None:
    out = tmp_path / "f.mp4"
    flags = ["-movflags", "+faststart"] if faststart else []
    run_ffmpeg(
        ["-f", "lavfi", "-i", "color=s=64x64:d=0.5", "-c:v", "libx264", *flags, str(out)],
        timeout_s=30,
    )
    boxes = mp4_top_level_boxes(out)
    assert boxes[0] == "ftyp" and "mdat" in boxes
    assert is_faststart(out) is faststart


def test_probe_reads_streams(media: dict[str, Path]) -> None:
    info = probe_media(media["video"])
    assert (info.width, info.height, info.video_codec) == (320, 240, "h264")
    assert info.fps == pytest.approx(25)
    assert info.duration_s == pytest.approx(2.0, abs=0.05)


def test_loudness_of_a_reference_tone(tmp_path: Path) -> None:
    # EBU Tech 3341: a stereo 1 kHz sine at -23 dBFS reads -23 LUFS.
    tone = write_tone(tmp_path / "ref.wav", freq=1000, seconds=5, amplitude=10 ** (-23 / 20))
    loud = measure_loudness(tone)
    assert loud.integrated_lufs == pytest.approx(-23.0, abs=0.2)
    assert loud.true_peak_dbtp == pytest.approx(-23.0, abs=0.3)


def test_decompression_bomb_png_is_refused(tmp_path: Path) -> None:
    bomb = png_header_only(tmp_path / "bomb.png", 40000, 40000)
    with pytest.raises(InputError) as err:
        check_image(bomb, field="clips[0].source")
    assert err.value.field == "clips[0].source" and "8000" in (err.value.fix or "")


def test_corrupt_and_truncated_images_are_refused(tmp_path: Path, media: dict[str, Path]) -> None:
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(os.urandom(2048))
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(media["img0"].read_bytes()[:600])
    for bad in (garbage, truncated):
        with pytest.raises(InputError) as err:
            check_image(bad, field="img")
        assert err.value.field == "img"
    assert check_image(media["img0"], field="img") == (640, 480)


def test_missing_corrupt_and_overlong_videos_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        check_av_source(tmp_path / "nope.mp4", field="v", kind="video")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(4000))
    with pytest.raises(InputError):
        check_av_source(junk, field="v", kind="video")
    long = tmp_path / "two_hours.mp4"
    run_ffmpeg(
        ["-f", "lavfi", "-i", "color=s=16x16:r=1:d=7200", "-c:v", "libx264", "-preset",
         "ultrafast", str(long)],
        timeout_s=120,
    )  # fmt: skip
    with pytest.raises(InputError, match="120 min") as err:
        check_av_source(long, field="clips[2].source", kind="video")
    assert err.value.field == "clips[2].source"
