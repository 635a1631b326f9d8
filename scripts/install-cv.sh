#!/usr/bin/env bash
# One consistent cv2 for the Kata engine (see /work/shared/DEPENDENCIES.md, "OpenCV clash").
#
# scenedetect-headless pulls opencv-python-headless; opencv-contrib-python (which adds
# cv2.saliency, the line segment detector and the Haar cascades) writes the same cv2/
# folder. Whichever is installed last wins, so the contrib wheel is forced in last,
# without its dependencies. Idempotent: a second run changes nothing.
#
# Usage: scripts/install-cv.sh [path/to/venv/bin]   (default: .venv/bin)
set -euo pipefail
BIN="${1:-.venv/bin}"
CONTRIB="opencv-contrib-python==5.1.0.95"
if "$BIN/python" - <<'PY' 2>/dev/null; then
import cv2, os
ok = (cv2.__version__ == "5.1.0" and hasattr(cv2, "createLineSegmentDetector")
      and os.path.isfile(os.path.join(cv2.data.haarcascades, "haarcascade_frontalface_default.xml")))
raise SystemExit(0 if ok else 1)
PY
  exit 0
fi
"$BIN/pip" install -q --force-reinstall --no-deps "$CONTRIB"
"$BIN/python" -c 'import cv2; assert cv2.__version__ == "5.1.0", cv2.__version__'
