#!/usr/bin/env bash
# System packages V3 needs on Debian/Ubuntu. Idempotent; installs only what is missing.
set -euo pipefail

# espeak-ng: speech for non-English voice-overs; fonts-dejavu-core: fallback fonts;
# libcairo2: SVG logos (CairoSVG); Pango/HarfBuzz/fontconfig: brief PDFs (WeasyPrint);
# cmake/g++: building llama-cpp-python for the local text model.
packages=(espeak-ng fonts-dejavu-core libcairo2 libpango-1.0-0 libpangoft2-1.0-0
          libharfbuzz0b libharfbuzz-subset0 fontconfig cmake g++)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
