"""``agency image|video|audio``: render one design, one timeline, one voice-over."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from agency.cli.context import console, load_settings
from agency.cli.errors import handle_errors
from agency.core.errors import InputError

image_app = typer.Typer(help="Image designs in every platform size.", no_args_is_help=True)
video_app = typer.Typer(help="Video timelines rendered by ffmpeg.", no_args_is_help=True)
audio_app = typer.Typer(help="Voice-over and music beds.", no_args_is_help=True)


def _read(path: Path | None, field: str) -> bytes | None:
    if path is None:
        return None
    if not path.is_file():
        raise InputError(f"No file at {path}.", field=field, fix="Give an existing image file.")
    return path.read_bytes()


@image_app.command("render")
@handle_errors
def image_render(
    headline: str = typer.Option(..., "--headline"),
    out: Path = typer.Option(..., "--out", help="PNG to write."),
    format_: str = typer.Option("square", "--format", help="square, portrait, story, link, …"),
    body: str | None = typer.Option(None, "--body"),
    cta: str | None = typer.Option(None, "--cta"),
    product: Path | None = typer.Option(None, "--product", help="Product image (PNG/JPEG)."),
    logo: Path | None = typer.Option(None, "--logo"),
    palette: str | None = typer.Option(None, "--palette", help="Hex colours, comma-separated."),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Render one design (a format or a template id) to a PNG and report its checks."""
    from agency.creation.image import render_design

    rendered = render_design(
        format_,
        headline=headline,
        body=body,
        cta=cta,
        product_image=_read(product, "--product"),
        logo=_read(logo, "--logo"),
        palette=[c.strip() for c in palette.split(",")] if palette else None,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(rendered.png)
    report = {"out": str(out), "width": rendered.width, "height": rendered.height}
    if json_out:
        typer.echo(json.dumps({**report, "report": rendered.report.model_dump(mode="json")}))
    else:
        console.print(f"wrote {out} ({rendered.width}×{rendered.height})")


@video_app.command("render")
@handle_errors
def video_render(
    timeline: Path = typer.Argument(..., help="TIMELINE.json"),
    out: Path = typer.Option(..., "--out", help="MP4 to write (SRT/VTT written beside it)."),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Render a timeline in one ffmpeg pass: H.264 High, yuv420p, AAC 48 kHz, faststart."""
    from agency.creation.video import load_timeline, render_timeline

    if not timeline.is_file():
        raise InputError(f"No timeline at {timeline}.", field="TIMELINE", fix="Give a JSON file.")
    result = render_timeline(load_timeline(timeline.read_text()), out)
    data = {
        "out": str(result.path),
        "duration_s": result.duration_s,
        "width": result.info.width,
        "height": result.info.height,
        "faststart": result.faststart,
        "loudness_lufs": result.loudness.integrated_lufs if result.loudness else None,
        "srt": str(result.srt_path) if result.srt_path else None,
        "vtt": str(result.vtt_path) if result.vtt_path else None,
    }
    if json_out:
        typer.echo(json.dumps(data, indent=2))
    else:
        console.print(f"wrote {out} ({data['duration_s']:.1f} s)")


@audio_app.command("voice")
@handle_errors
def audio_voice(
    text: str = typer.Option(..., "--text"),
    out: Path = typer.Option(..., "--out", help="WAV to write."),
    language: str = typer.Option("en", "--language"),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Speak TEXT with the configured voice (ElevenLabs with a key; Piper/espeak offline)."""
    from agency.providers import VoiceRequest, build_voice_provider

    provider = build_voice_provider(load_settings())
    if language.split("-")[0] != "en" and provider.name == "piper":
        from agency.providers.offline.espeak_voice import EspeakVoiceProvider

        provider = EspeakVoiceProvider()
    result = provider.speak(VoiceRequest(text=text, language=language))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(result.wav)
    data = {"out": str(out), "duration_s": result.duration_s, "provider": result.provider}
    if json_out:
        typer.echo(json.dumps(data))
    else:
        console.print(f"wrote {out} ({result.duration_s:.1f} s, {result.provider})")
