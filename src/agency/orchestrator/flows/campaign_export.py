"""Write a campaign's artifacts into its folder, and record the files as assets.

Layout: brief.{json,md,pdf}, research.{json,md}, budget.json,
calendar.{ics,csv,json}, copy/NNN-platform-format.json (one file per piece, each
holding at least ``platform``, ``format``, ``slot`` and ``text``), media/ (images,
videos with SRT/VTT captions, and media.json mapping each file to its slots and asset)
and campaign.json.
Files are written to a temporary folder that replaces the old one at the end, so a
crash never leaves a half-written campaign folder.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agency.intelligence.research import ResearchReport
from agency.strategy.brief import brief_to_markdown, brief_to_pdf
from agency.strategy.calendar import to_csv, to_ics
from agency.strategy.planning import CampaignPlan


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:40] or "piece"


def write_campaign_folder(
    folder: Path,
    *,
    campaign: dict[str, Any],
    plan: CampaignPlan,
    report: ResearchReport,
    pieces: list[dict[str, Any]],
    media: Sequence[dict[str, Any]] = (),
) -> list[Path]:
    """Write every artifact under ``folder`` (replaced atomically); the files written."""
    staging = folder.with_name(folder.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "copy").mkdir(parents=True)

    def put(name: str, data: str | bytes) -> None:
        path = staging / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")

    put("brief.json", plan.brief.model_dump_json(indent=2))
    put("brief.md", brief_to_markdown(plan.brief))
    put("brief.pdf", brief_to_pdf(plan.brief))
    put("research.json", report.model_dump_json(indent=2))
    put("research.md", report.to_markdown())
    put("budget.json", plan.budget.model_dump_json(indent=2))
    put("calendar.json", plan.calendar.model_dump_json(indent=2))
    put("calendar.ics", to_ics(plan.calendar))
    put("calendar.csv", to_csv(plan.calendar))
    for number, piece in enumerate(pieces, 1):
        name = f"copy/{number:03d}-{_slug(piece['platform'])}-{_slug(piece['format'])}.json"
        put(name, json.dumps(piece, indent=2, default=str))
    if media:
        (staging / "media").mkdir()
        manifest = []
        for item in media:
            for name, source in item["local_files"].items():
                shutil.copyfile(source, staging / "media" / name)
            entry = {k: v for k, v in item.items() if k != "local_files"}
            manifest.append({**entry, "files": {f"media/{n}": a for n, a in item["files"].items()}})
        put("media/media.json", json.dumps(manifest, indent=2, default=str))
    put("campaign.json", json.dumps(campaign, indent=2, default=str))

    if folder.exists():
        shutil.rmtree(folder)
    staging.rename(folder)
    return sorted(p for p in folder.rglob("*") if p.is_file())
