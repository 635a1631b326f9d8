"""``analyze_video``: shots, and per shot light, blur, noise, faces, people, motion and
zones.

One PySceneDetect pass finds the shots, one decode pass measures them. Each shot's
keyframe is its first frame, so a placement chosen there is tracked forward through the
shot. Zones come back ranked best first, each with its kind (``support``, ``vertical`` or
``plane``) and the reasons for its score; zones under a person rank lower.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from numpy.typing import NDArray

from ..media.reader import MAX_SECONDS, iter_frames, open_video_info
from ..models import AnalysisReport, Shot, ShotAnalysis
from ..progress import Progress, ProgressTicker
from .degradation import measure_degradation
from .faces import FaceDetector
from .light import estimate_light
from .motion import CameraMotionEstimator
from .people import PeopleDetector, PersonDetector
from .shots import ShotDetector
from .surfaces import SurfaceFinder


def analyze_video(
    path: Path,
    *,
    shot_threshold: float = 27.0,
    motion_samples_per_second: float = 5.0,
    max_zones_per_shot: int = 3,
    max_seconds: float = MAX_SECONDS,
    progress: Progress | None = None,
    people: PersonDetector | None = None,
) -> AnalysisReport:
    """Analyse ``path`` for placements; raises ``InputError`` for unusable video.

    ``progress(step, fraction)`` is called with step ``"analyze"`` as frames are measured.
    ``people`` finds the people in each keyframe (default: :class:`PeopleDetector`).
    """
    info = open_video_info(Path(path), max_seconds=max_seconds)
    shots = ShotDetector(threshold=shot_threshold).detect(info.path, frame_count=info.frame_count)
    step = max(1, round(info.fps / motion_samples_per_second))
    faces = FaceDetector()
    detectors = _Detectors(faces, people if people is not None else PeopleDetector())
    surfaces = SurfaceFinder(max_zones=max_zones_per_shot)
    results: list[ShotAnalysis] = []
    shot_iter = iter(enumerate(shots))
    current = next(shot_iter, None)
    motion = CameraMotionEstimator()
    keyframe: NDArray[Any] | None = None
    decoded = 0
    ticker = ProgressTicker(progress, "analyze", info.frame_count)
    for index, frame in iter_frames(info.path):
        decoded = index + 1
        ticker.tick(decoded)
        while current is not None and index >= current[1].end_frame:
            results.append(_finish(current, keyframe, motion, detectors, surfaces))
            current, motion, keyframe = next(shot_iter, None), CameraMotionEstimator(), None
        if current is None:
            break
        shot = current[1]
        if index == shot.start_frame:
            keyframe = frame
        if (index - shot.start_frame) % step == 0 or index == shot.end_frame - 1:
            motion.process_frame(index, frame)
    while current is not None:
        if keyframe is not None:
            results.append(_finish(current, keyframe, motion, detectors, surfaces))
        current, keyframe = next(shot_iter, None), None
    ticker.finish()
    notes: list[str] = []
    if not faces.available:
        notes.append("face detection unavailable: this OpenCV build has no Haar cascades")
    zones = sorted((z for r in results for z in r.zones), key=lambda z: -z.score)
    if not zones:
        notes.append("no usable surface for a placement in any shot (see each shot's notes)")
    frame_count = decoded or info.frame_count
    return AnalysisReport(
        path=str(info.path),
        fps=info.fps,
        width=info.width,
        height=info.height,
        frame_count=frame_count,
        shots=results,
        zones=zones,
        notes=notes,
    )


@dataclass(frozen=True)
class _Detectors:
    faces: FaceDetector
    people: PersonDetector


def _finish(
    current: tuple[int, Shot],
    keyframe: NDArray[Any] | None,
    motion: CameraMotionEstimator,
    detectors: _Detectors,
    surfaces: SurfaceFinder,
) -> ShotAnalysis:
    index, shot = current
    if keyframe is None:
        raise RuntimeError(f"shot {index} had no decoded keyframe")
    faces = detectors.faces
    found = faces.detect(keyframe) if faces.available else []
    people = detectors.people.detect(keyframe, found)
    zones, notes = surfaces.find(
        keyframe, found, shot_index=index, frame=shot.start_frame, people=people
    )
    summary = motion.summary()
    if summary.kind == "handheld":
        notes.append("handheld camera: expect the placement to need strong tracking")
    return ShotAnalysis(
        index=index,
        shot=shot,
        keyframe=shot.start_frame,
        light=estimate_light(keyframe),
        degradation=measure_degradation(keyframe),
        motion=summary,
        faces=found,
        zones=zones,
        notes=notes,
        people=people,
    )
