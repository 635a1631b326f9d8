"""Campaign media: the plan groups slots into creatives; rendered files are probed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import av
import pytest

from agency.creation.campaign_media import (
    BrandLook,
    CreativeCopy,
    plan_creatives,
    produce_creatives,
)
from agency.creation.campaign_media.produce import short_script
from agency.creation.credentials import load_or_create_signer, read_credentials
from agency.creation.media_tools import is_faststart, measure_loudness
from agency.providers.offline.espeak_voice import EspeakVoiceProvider
from agency.strategy.calendar import Slot

LOGO = Path(__file__).resolve().parents[2] / "src/agency/samples/site/assets/logo.png"


def _slot(i: int, platform: str, fmt: str, territory: str) -> Slot:
    when = datetime(2030, 1, 1 + i, 15, tzinfo=UTC)
    return Slot(
        id=f"slot{i:08d}",
        date=date(2030, 1, 1 + i),
        publish_at=when,
        platform=platform,
        format=fmt,
        phase="launch",
        territory=territory,
        title=f"{platform} {fmt}",
        notes="",
    )


def test_plan_groups_slots_by_territory_and_size() -> None:
    slots = [
        _slot(0, "instagram", "reel", "A"),
        _slot(1, "tiktok", "reel", "A"),
        _slot(2, "instagram", "post", "A"),
        _slot(3, "instagram", "carousel", "A"),
        _slot(4, "x", "post", "B"),
        _slot(5, "email", "email", "B"),
        _slot(6, "email", "story", "B"),  # no image size for an email story: left out
    ]
    creatives = {c.key: c for c in plan_creatives(slots)}
    assert set(creatives) == {"a-reel", "a-portrait", "b-landscape", "b-link"}
    assert creatives["a-reel"].kind == "video"
    assert creatives["a-reel"].slot_ids == ["slot00000000", "slot00000001"]
    assert creatives["a-portrait"].slot_ids == ["slot00000002", "slot00000003"]


def test_short_script_cuts_at_a_clause_without_dangling_words() -> None:
    text = (
        "Steeped for 18 hours in small batches: smooth cocoa and brown sugar with a hint of peel."
    )
    assert (
        short_script(text, 14)
        == "Steeped for 18 hours in small batches: smooth cocoa and brown sugar."
    )
    assert short_script("Visit https://x.example #cold now [3]", 30) == "Visit now"


@pytest.mark.slow
def test_produced_image_and_video_probe_to_platform_specs(tmp_path: Path) -> None:
    slots = [_slot(0, "instagram", "reel", "Warm"), _slot(1, "instagram", "post", "Warm")]
    copy = CreativeCopy(
        headline="Cold brew, ready to pour",
        body="Steeped for 18 hours in small batches.",
        cta="Shop now",
        script="North Shore Cold Brew is steeped for eighteen hours. Pour it over ice.",
        mood="Warm and conversational",
    )
    items = produce_creatives(
        plan_creatives(slots),
        copy_for=lambda _territory: copy,
        look=BrandLook(palette=["#1f3a5f", "#d9822b", "#f6efe4"], logo=LOGO.read_bytes()),
        out_dir=tmp_path / "media",
        voice=EspeakVoiceProvider(),
        credentials=load_or_create_signer(tmp_path / "data"),
    )
    by_kind = {item.kind: item for item in items}
    image = by_kind["image"]
    assert (image.width, image.height) == (1080, 1350)
    from PIL import Image

    with Image.open(image.path) as png:
        assert png.size == (1080, 1350)

    video = by_kind["video"]
    with av.open(video.path) as container:
        stream = container.streams.video[0]
        audio = container.streams.audio[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (1080, 1920)
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        assert audio.codec_context.name == "aac"
        assert audio.codec_context.sample_rate == 48000
    assert is_faststart(Path(video.path))
    loudness = measure_loudness(Path(video.path))
    assert abs(loudness.integrated_lufs + 14) <= 1.0
    assert loudness.true_peak_dbtp <= -1.0 + 0.2
    assert video.duration_s and video.duration_s > 3
    assert {Path(p).suffix for p in video.sidecars} == {".srt", ".vtt"}

    # Both carry C2PA content credentials that say software made them.
    for item, kind in ((image, "algorithmicMedia"), (video, "trainedAlgorithmicMedia")):
        manifest = json.dumps(read_credentials(Path(item.path))["active"])
        assert kind in manifest
        assert item.provenance["c2pa"] == kind
