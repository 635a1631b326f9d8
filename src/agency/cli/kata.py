"""``agency kata``: find placement zones in footage and composite a product into it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from agency.cli.context import console, err_console
from agency.cli.errors import handle_errors
from agency.core.errors import InputError

app = typer.Typer(help="Kata: product placement in real footage.", no_args_is_help=True)


def _floats(text: str, count: int, option: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError as exc:
        raise InputError(f"{option} takes numbers.", field=option, fix="e.g. 10,20") from exc
    if len(values) != count:
        raise InputError(f"{option} takes {count} numbers.", field=option)
    return values


def _progress(json_out: bool) -> Any:
    if json_out:
        return None
    return lambda step, fraction: err_console.print(f"[dim]{fraction:4.0%}[/] {step}")


def _inside(point: tuple[float, float], quad: Any) -> bool:
    """Whether ``point`` lies inside the convex ``quad``."""
    import cv2
    import numpy as np

    contour = np.asarray(quad, dtype=np.float32).reshape(-1, 1, 2)
    return bool(cv2.pointPolygonTest(contour, point, False) >= 0)


@app.command("analyze")
@handle_errors
def analyze(
    video: Path,
    preview: Path | None = typer.Option(None, "--preview", help="PNG of zones on keyframes."),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Shots (REPORT.json shape) and ranked placement zones with their reasons."""
    from agency.kata import analyze_video
    from agency.kata.preview import render_zone_preview

    report = analyze_video(video, progress=_progress(json_out))
    preview = preview or video.with_suffix(".zones.png")
    render_zone_preview(report, preview)
    out = {
        "fps": report.fps,
        "width": report.width,
        "height": report.height,
        "frame_count": report.frame_count,
        "shots": [s.shot.model_dump() for s in report.shots],
        "zones": [z.model_dump(mode="json") for z in report.zones],
        "notes": report.notes,
        "preview": str(preview),
    }
    if json_out:
        typer.echo(json.dumps(out, indent=2))
        return
    console.print(f"{len(report.shots)} shots, {len(report.zones)} zones; preview {preview}")
    for zone in report.zones[:10]:
        console.print(f"  {zone.id}  score {zone.score:.2f}  " + "; ".join(zone.reasons[:3]))
    for note in report.notes:
        console.print(f"  note: {note}")


@app.command("composite")
@handle_errors
def composite(
    video: Path,
    product: Path,
    out: Path = typer.Option(..., "--out"),
    report: Path | None = typer.Option(None, "--report", help="Where REPORT.json goes."),
    mode: str = typer.Option("decal", "--mode", help="decal (flat on a plane) or upright."),
    zone: str | None = typer.Option(None, "--zone", help="Zone id from `kata analyze`."),
    quad: str | None = typer.Option(None, "--quad", help="x1,y1,x2,y2,x3,y3,x4,y4"),
    at: str | None = typer.Option(
        None, "--at", help="x,y: upright: the contact point; decal: the zone holding it."
    ),
    scale: float | None = typer.Option(
        None, "--scale", help="upright: share of the surface's width (0.2); decal: of the zone."
    ),
    surface: str | None = typer.Option(
        None, "--surface", help="support or vertical: the kind of zone to pick."
    ),
    frames: str | None = typer.Option(None, "--frames", help="A:B (B exclusive)."),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Composite PRODUCT into VIDEO, tracked through the shot, with REPORT.json."""
    from agency.kata import composite_video

    if sum(x is not None for x in (zone, quad, at)) > 1:
        raise InputError("Give one of --zone, --quad or --at.", field="--zone")
    corners = None
    if quad:
        values = _floats(quad, 8, "--quad")
        corners = [values[i : i + 2] for i in range(0, 8, 2)]
    span = None
    if frames:
        start, _, end = frames.partition(":")
        try:
            span = (int(start), int(end))
        except ValueError as exc:
            raise InputError("--frames takes A:B.", field="--frames", fix="e.g. 0:120") from exc
    point = _floats(at, 2, "--at") if at else None
    result = composite_video(
        video,
        product,
        out,
        mode=mode,
        quad=corners,
        zone_id=zone,
        at=point,
        scale=scale,
        surface=surface,
        frames=span,
        report_path=report or out.with_suffix(".REPORT.json"),
        progress=_progress(json_out),
    )
    # The output says what it is: a composite with a synthetic element (C2PA).
    from agency.cli.context import load_settings
    from agency.creation.credentials import load_or_create_signer, sign_media

    sign_media(
        result.output,
        result.output,
        identity=load_or_create_signer(load_settings().data_dir),
        title=f"{video.name} with {product.name} composited",
        digital_source_type="compositeSynthetic",
        actions=["c2pa.created", "c2pa.edited"],
        ingredients=[video, product],
    )
    data = {
        "output": str(result.output),
        "report": str(result.report_path),
        "frame_count": result.frame_count,
        "placed_frames": result.placed_frames,
        "realism": result.realism,
        "brand_safe": result.brand_safe,
        "content_credentials": "c2pa:compositeSynthetic",
    }
    if json_out:
        typer.echo(json.dumps(data, indent=2))
    else:
        placed = f"{result.placed_frames} frames placed"
        console.print(f"wrote {out}: {placed}, realism {result.realism:.2f}")
