"""A contact sheet of each shot's keyframe with its zones drawn and labelled."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw

from agency.kata.models import AnalysisReport

THUMB_WIDTH = 640


def _keyframes(path: Path, wanted: set[int]) -> dict[int, Image.Image]:
    frames: dict[int, Image.Image] = {}
    with av.open(str(path)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            if index in wanted:
                frames[index] = frame.to_image()
            if len(frames) == len(wanted) or index > max(wanted):
                break
    return frames


ZONE_COLOURS = {"support": (64, 255, 96), "vertical": (80, 160, 255), "plane": (220, 220, 220)}
"""Zone outlines by kind: green supports, blue walls and screens, grey unknown."""


def render_zone_preview(report: AnalysisReport, out: Path) -> Path:
    """Write a PNG: one row per shot, its keyframe with every zone's quad, kind and score,
    faces (red) and people (orange)."""
    wanted = {shot.keyframe for shot in report.shots}
    frames = _keyframes(Path(report.path), wanted) if wanted else {}
    scale = THUMB_WIDTH / report.width
    height = max(1, round(report.height * scale))
    sheet = Image.new("RGB", (THUMB_WIDTH, max(height, height * len(report.shots))), "black")
    for row, shot in enumerate(report.shots):
        image = frames.get(shot.keyframe)
        if image is None:
            continue
        thumb = image.resize((THUMB_WIDTH, height))
        draw = ImageDraw.Draw(thumb)
        for person in shot.people:
            x, y, w, h = person.box
            box = [round(v * scale) for v in (x, y, x + w, y + h)]
            draw.rectangle(box, outline=(255, 160, 0), width=1)
        for face in shot.faces:
            x, y, w, h = face.box
            box = [round(v * scale) for v in (x, y, x + w, y + h)]
            draw.rectangle(box, outline=(255, 64, 64), width=2)
        for zone in shot.zones:
            points = [(x * scale, y * scale) for x, y in zone.quad]
            colour = ZONE_COLOURS.get(zone.kind, (64, 255, 96))
            draw.polygon(points, outline=colour, width=3)
            cx, cy = np.mean(points, axis=0)
            text = f"{zone.id} {zone.kind} {zone.score:.2f}"
            draw.text((cx - 30, cy - 6), text, fill=(255, 255, 255))
        label = f"shot {shot.index}: frames {shot.shot.start_frame}-{shot.shot.end_frame}"
        draw.text((6, 6), label, fill=(255, 255, 0))
        sheet.paste(thumb, (0, row * height))
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, format="PNG")
    return out
