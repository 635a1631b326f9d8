"""Occlusion benchmark: a passer-by crosses a tracked plane; does the product hide behind it?

A synthetic sequence (a real photo viewed through a known camera path, with a person
silhouette textured from another real photo walking across) gives the exact occluder mask
in every frame. The clean plate is built from the true quads, so this measures the
occluder matte alone (tracking is measured separately). Scored inside the product's quad,
on frames where the occluder covers at least ``min_cover`` of it: intersection over union
of the estimated and the true occluder, and the share of the occluder's pixels where the
product would still show (leak).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..compositing.occlusion import PlateBuilder
from ..geometry import quad_mask
from .synthetic import SyntheticSequence


def evaluate_occlusion(seq: SyntheticSequence, *, min_cover: float = 0.05) -> dict[str, Any]:
    """IoU statistics of the occluder matte against the sequence's ground truth."""
    count = len(seq.homographies)
    builder = PlateBuilder(seq.true_quad(0), count)
    # Two passes over the rendered sequence (as the engine does: track, then render), so
    # long 1080p sequences need not fit in memory.
    for i, frame in enumerate(seq.frames()):
        builder.add(frame, seq.true_quad(i))
    plate = builder.build()
    if plate is None:
        raise RuntimeError("too few frames for a clean plate")
    ious: list[float] = []
    leaks: list[float] = []
    false_alarm: list[float] = []
    for i, frame in enumerate(seq.frames()):
        quad = seq.true_quad(i)
        inside = quad_mask(quad, seq.width, seq.height) > 127
        truth = seq.occluder_mask(i) & inside
        occ = plate.occlusion(frame, quad)
        est = np.zeros(inside.shape, bool)
        if occ is not None:
            x, y, w, h = occ.box
            est[y : y + h, x : x + w] = occ.matte > 0.5
        est &= inside
        if truth.sum() < min_cover * inside.sum():
            false_alarm.append(float(est.sum() / max(inside.sum(), 1)))
            continue
        union = float((truth | est).sum())
        ious.append(float((truth & est).sum()) / union)
        leaks.append(float((truth & ~est).sum()) / float(truth.sum()))
    return {
        "frames": count,
        "occluded_frames": len(ious),
        "iou_mean": float(np.mean(ious)) if ious else None,
        "iou_min": float(np.min(ious)) if ious else None,
        "iou_p10": float(np.percentile(ious, 10)) if ious else None,
        "leak_mean": float(np.mean(leaks)) if leaks else None,
        "false_alarm_mean": float(np.mean(false_alarm)) if false_alarm else None,
        "plate_samples": plate.samples,
    }
