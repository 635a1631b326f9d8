"""`agency image render`, `agency audio voice` and `agency video render`, probed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import av
from PIL import Image


def _agency(*args: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "agency.cli.main", *args, "--json"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_image_voice_and_video_commands(tmp_path: Path) -> None:
    png = tmp_path / "story.png"
    image = _agency(
        "image", "render", "--headline", "Cold brew", "--format", "story", "--out", str(png)
    )
    assert (image["width"], image["height"]) == (1080, 1920)
    with Image.open(png) as opened:
        assert opened.size == (1080, 1920)

    wav = tmp_path / "voice.wav"
    voice = _agency("audio", "voice", "--text", "Steeped for eighteen hours.", "--out", str(wav))
    assert voice["duration_s"] > 0.5 and wav.stat().st_size > 10_000

    timeline = {
        "width": 1080,
        "height": 1080,
        "clips": [{"kind": "image", "source": str(png), "duration_s": 2.5}],
        "captions": {"cues": [{"start_s": 0.2, "end_s": 2.0, "text": "Cold brew"}]},
        "audio": [{"source": str(wav), "role": "voice"}],
    }
    spec = tmp_path / "timeline.json"
    spec.write_text(json.dumps(timeline))
    mp4 = tmp_path / "out.mp4"
    video = _agency("video", "render", str(spec), "--out", str(mp4))
    assert video["faststart"] is True
    assert Path(video["srt"]).read_text().strip()
    with av.open(str(mp4)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (1080, 1080)
        assert container.streams.audio[0].codec_context.sample_rate == 48000
