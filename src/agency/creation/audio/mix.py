"""Mix voice, music and effects: duck music under voice, normalise loudness in two passes.

Pass 1 runs the mix through ``loudnorm`` in measure mode and reads its JSON; pass 2
applies ``loudnorm`` with those measured values (linear gain when the true-peak
ceiling allows, otherwise loudnorm's dynamic mode). The same graph fragment is used
by the video renderer so a video's soundtrack is normalised the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from agency.core.artifacts import Artifact
from agency.core.errors import InputError, ProviderError
from agency.creation.media_tools import (
    Loudness,
    atomic_output,
    check_av_source,
    measure_loudness,
    run_ffmpeg,
)

from .tracks import AudioTrack

SAMPLE_RATE = 48_000
TP_MARGIN_DB = 0.5
"""Headroom under the true-peak ceiling for the AAC encoder's overshoot."""


class MixResult(Artifact):
    """A written mix and its loudness, measured on the output file."""

    path: Path
    duration_s: float
    loudness: Loudness
    normalization: str


def check_tracks(tracks: Sequence[AudioTrack], *, field: str = "audio") -> None:
    """Raise an InputError for a missing, corrupt or over-long audio source."""
    for i, track in enumerate(tracks):
        check_av_source(track.source, field=f"{field}[{i}].source", kind="audio")


def track_input_args(track: AudioTrack) -> list[str]:
    """ffmpeg input options for one track (endless when looped; trimmed in the graph)."""
    args = ["-stream_loop", "-1"] if track.loop else []
    if track.source_start_s:
        args += ["-ss", f"{track.source_start_s:.3f}"]
    if track.duration_s:
        args += ["-t", f"{track.duration_s:.3f}"]
    return [*args, "-i", str(track.source)]


def mix_graph(inputs: Sequence[tuple[int, AudioTrack]], duration_s: float, out: str) -> str:
    """Filter-graph text mixing ``(ffmpeg input index, track)`` pairs into label ``out``."""
    if not inputs:
        return f"anullsrc=r={SAMPLE_RATE}:cl=stereo,atrim=0:{duration_s:.6f}[{out}]"
    parts: list[str] = []
    groups: dict[str, list[str]] = {"voice": [], "duck": [], "plain": []}
    for k, (idx, tr) in enumerate(inputs):
        chain = [
            f"aresample={SAMPLE_RATE}",
            "aformat=sample_fmts=fltp:channel_layouts=stereo",
            "asetpts=N/SR/TB",  # a seeked input keeps its source timestamps: start at 0
        ]
        if tr.fade_in_s:
            chain.append(f"afade=t=in:st=0:d={tr.fade_in_s:g}")
        chain.append(f"volume={tr.gain_db:g}dB")
        if tr.start_s:
            chain.append(f"adelay={round(tr.start_s * 1000)}:all=1")
        chain += ["apad", f"atrim=end_sample={round(duration_s * SAMPLE_RATE)}", "asetpts=N/SR/TB"]
        if tr.fade_out_s:
            start = max(0.0, duration_s - tr.fade_out_s)
            chain.append(f"afade=t=out:st={start:.6f}:d={tr.fade_out_s:g}")
        parts.append(f"[{idx}:a]{','.join(chain)}[t{k}]")
        group = "voice" if tr.role == "voice" else "duck" if tr.duck_under_voice else "plain"
        groups[group].append(f"[t{k}]")
    finals: list[str] = []
    voice = _join(parts, groups["voice"], "vox")
    bed = _join(parts, groups["duck"], "bed")
    if voice and bed:
        parts.append(f"{voice}asplit=2[voxmix][voxkey]")
        parts.append(
            f"{bed}[voxkey]sidechaincompress=threshold=0.02:ratio=4:attack=15:release=350[ducked]"
        )
        finals += ["[voxmix]", "[ducked]"]
    else:
        finals += [label for label in (voice, bed) if label]
    finals += groups["plain"]
    if len(finals) == 1:
        parts.append(f"{finals[0]}anull[{out}]")
    else:
        parts.append(f"{''.join(finals)}amix=inputs={len(finals)}:normalize=0[{out}]")
    return ";".join(parts)


def _join(parts: list[str], labels: list[str], name: str) -> str | None:
    if not labels:
        return None
    if len(labels) == 1:
        return labels[0]
    parts.append(f"{''.join(labels)}amix=inputs={len(labels)}:normalize=0[{name}]")
    return f"[{name}]"


def measure_loudnorm(
    input_args: Sequence[str], graph: str, label: str, *, target_lufs: float, timeout_s: float
) -> dict[str, str]:
    """Pass 1: run the audio graph through loudnorm in measure mode; return its JSON."""
    probe = f"{graph};[{label}]loudnorm=I={target_lufs:g}:TP=-2:LRA=11:print_format=json[m]"
    proc = run_ffmpeg(
        [*input_args, "-filter_complex", probe, "-map", "[m]", "-f", "null", "-"],
        timeout_s=timeout_s,
        what="loudness measurement (pass 1)",
    )
    found = re.findall(r"\{[^{}]*\"input_i\"[^{}]*\}", proc.stderr)
    if not found:
        raise ProviderError("loudnorm printed no measurement.", provider="ffmpeg", body=proc.stderr)
    return {k: str(v) for k, v in json.loads(found[-1]).items()}


def loudnorm_filter(measured: dict[str, str], *, target_lufs: float, true_peak_dbtp: float) -> str:
    """Pass 2 filter text: loudnorm with the measured values, then back to 48 kHz."""
    if measured["input_i"] in {"-inf", "inf"} or float(measured["input_i"]) < -70:
        return f"aresample={SAMPLE_RATE}"  # silence: nothing to normalise
    tp = true_peak_dbtp - TP_MARGIN_DB
    return (
        f"loudnorm=I={target_lufs:g}:TP={tp:g}:LRA=11:measured_I={measured['input_i']}"
        f":measured_TP={measured['input_tp']}:measured_LRA={measured['input_lra']}"
        f":measured_thresh={measured['input_thresh']}:offset={measured['target_offset']}"
        f":linear=true:print_format=json,aresample={SAMPLE_RATE}"
    )


def normalization_type(stderr: str) -> str:
    """'linear' or 'dynamic', as loudnorm reported in pass 2 ('none' when it did not run)."""
    match = re.findall(r"\"normalization_type\"\s*:\s*\"(\w+)\"", stderr)
    return match[-1] if match else "none"


def mix_audio(
    tracks: Sequence[AudioTrack],
    out: Path,
    *,
    duration_s: float,
    target_lufs: float = -14.0,
    true_peak_dbtp: float = -1.0,
    timeout_s: float = 300.0,
) -> MixResult:
    """Mix ``tracks`` to ``out`` (WAV, or AAC in M4A by suffix), ducked and normalised."""
    if not tracks:
        raise InputError("Nothing to mix.", field="tracks", fix="Pass at least one audio track.")
    check_tracks(tracks, field="tracks")
    input_args = [a for tr in tracks for a in track_input_args(tr)]
    graph = mix_graph(list(enumerate(tracks)), duration_s, "mix")
    measured = measure_loudnorm(
        input_args, graph, "mix", target_lufs=target_lufs, timeout_s=timeout_s
    )
    final = f"{graph};[mix]{loudnorm_filter(measured, target_lufs=target_lufs, true_peak_dbtp=true_peak_dbtp)}[out]"  # noqa: E501
    codec = (
        ["-c:a", "aac", "-b:a", "192k"] if out.suffix in {".m4a", ".mp4"} else ["-c:a", "pcm_s16le"]
    )
    with atomic_output(out) as tmp:
        proc = run_ffmpeg(
            [*input_args, "-filter_complex", final, "-map", "[out]", *codec,
             "-ar", str(SAMPLE_RATE), "-ac", "2", "-t", f"{duration_s:.6f}", str(tmp)],
            timeout_s=timeout_s,
            what="audio mix (pass 2)",
        )  # fmt: skip
    return MixResult(
        path=out,
        duration_s=duration_s,
        loudness=measure_loudness(out, timeout_s=timeout_s),
        normalization=normalization_type(proc.stderr),
    )
