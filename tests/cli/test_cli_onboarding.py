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
def test_demo_json_reports_id_status_and_folder(tmp_path: Path) -> None:
    run = _agency(["demo", "--json"], tmp_path)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["status"] == "succeeded"
    assert re.fullmatch(r"[A-Za-z0-9_-]{12}", out["id"])
    folder = Path(out["folder"])
    profile = json.loads((folder / "brand_profile.json").read_text())
    assert profile["name"] == "Northbound Coffee Roasters"
    assert (folder / "brand_profile.md").read_text().startswith("# Northbound Coffee Roasters")
