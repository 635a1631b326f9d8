"""The CLI end to end, in real processes: `agency brand add` and `agency demo`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from agency.samples.server import serve_sample_site

SITE = Path(__file__).resolve().parents[2] / "src" / "agency" / "samples" / "site"


def _agency(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "AGENCY_DATA_DIR": str(data_dir),
        "AGENCY_CRAWL_DELAY_S": "0",
        **env,
    }
    full_env.pop("AGENCY_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "agency.cli.main", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=180,
    )


def _css_colours() -> set[str]:
    css = (SITE / "css" / "style.css").read_text().lower()
    return {c for c in re.findall(r"#[0-9a-f]{6}\b", css)}


@pytest.mark.slow
def test_brand_add_prints_the_sample_brand_profile(tmp_path: Path) -> None:
    with serve_sample_site() as url:
        run = _agency(["brand", "add", url, "--json"], tmp_path, AGENCY_URL_ALLOWLIST="127.0.0.1")
    assert run.returncode == 0, run.stderr
    profile = json.loads(run.stdout)
    for field in (
        "name",
        "tagline",
        "description",
        "products",
        "palette",
        "fonts",
        "logo",
        "social_links",
        "pages_crawled",
        "skipped",
    ):
        assert field in profile, field
    assert profile["name"] == "Northbound Coffee Roasters"
    assert profile["tagline"]
    assert len(profile["products"]) >= 3
    assert "North Shore Cold Brew" in {p["name"] for p in profile["products"]}
    assert profile["palette"] and set(profile["palette"]) <= _css_colours()
    assert {"Work Sans", "Playfair Display"} <= set(profile["fonts"])
    assert profile["logo"].endswith((".png", ".svg"))
    assert any(item["reason"] == "robots" for item in profile["skipped"])


def test_brand_add_refuses_loopback_without_allowlist(tmp_path: Path) -> None:
    with serve_sample_site() as url:
        run = _agency(["brand", "add", url, "--json"], tmp_path, AGENCY_URL_ALLOWLIST="")
    assert run.returncode != 0
    body = json.loads(run.stdout)
    assert body["status"] == "failed"
    assert "AGENCY_URL_ALLOWLIST" in json.dumps(body)
    listing = _agency(["brand", "list", "--json"], tmp_path)
    assert json.loads(listing.stdout) == []


def test_brand_add_rejects_a_bad_scheme(tmp_path: Path) -> None:
    run = _agency(["brand", "add", "ftp://example.com"], tmp_path)
    assert run.returncode == 2
    assert "not a web address" in run.stderr
    assert "https://example.com" in run.stderr


@pytest.mark.slow
def test_demo_runs_the_whole_campaign_into_its_folder(tmp_path: Path) -> None:
    run = _agency(["demo", "--json"], tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout)
    assert out["status"] == "ready"
    assert re.fullmatch(r"[A-Za-z0-9_-]{12}", out["id"])
    folder = Path(out["folder"])
    profile = json.loads((folder / "brand_profile.json").read_text())
    assert profile["name"] == "Northbound Coffee Roasters"

    for name in ("brief.pdf", "brief.md", "brief.json", "calendar.ics", "calendar.csv"):
        assert (folder / name).stat().st_size > 0, name
    assert (folder / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert b"BEGIN:VEVENT" in (folder / "calendar.ics").read_bytes()

    brief = json.loads((folder / "brief.json").read_text())
    assert len(brief["message_house"]["pillars"]) == 3
    assert len(brief["territories"]) == 3
    # The brief cites real passages of the sample site.
    page_text = " ".join(p.read_text() for p in SITE.rglob("*.html"))
    proofs = [pp for pillar in brief["message_house"]["pillars"] for pp in pillar["proof_points"]]
    assert proofs
    for proof in proofs:
        assert proof["text"].rstrip(".…")[:40] in page_text, proof["text"]

    pieces = [json.loads(p.read_text()) for p in sorted((folder / "copy").glob("*.json"))]
    assert len(pieces) == out["copy_pieces"] > 20
    platforms = {p["platform"] for p in pieces}
    assert {"instagram", "x", "email"} <= platforms
    for piece in pieces:
        assert {"platform", "format", "slot", "text"} <= set(piece)
        assert piece["text"].strip()
        assert "[" not in piece["text"] or "](" in piece["text"], piece["text"]  # no [n] markers
    # Every stored piece passes the validator again, read back from disk.
    from agency.distribution.formatting import validate_text

    # Images and videos for the media slots, recorded in media.json with their assets.
    manifest = json.loads((folder / "media" / "media.json").read_text())
    kinds = {item["kind"] for item in manifest}
    assert kinds == {"image", "video"}
    for item in manifest:
        for name, asset_id in item["files"].items():
            assert (folder / name).stat().st_size > 0
            assert re.fullmatch(r"[A-Za-z0-9_-]{12}", asset_id)
    videos = sorted((folder / "media").glob("*.mp4"))
    assert videos and all(v.with_suffix(".srt").exists() for v in videos)

    checked = 0
    for piece in pieces:
        if piece["platform"] not in {"x", "instagram", "linkedin", "facebook", "tiktok"}:
            continue
        texts = piece["posts"] if piece["format"] == "thread" else [piece["text"]]
        for text in texts:
            assert validate_text(piece["platform"], text).valid, (piece["format"], text)
            checked += 1
    assert checked > 10
