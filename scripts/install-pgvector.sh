#!/usr/bin/env bash
# pgvector for the local PostgreSQL (the knowledge base's vector index). Debian 12 ships
# no postgresql-NN-pgvector package, so build Debian's own source package (trixie) once.
# Idempotent: does nothing when the extension is already installed.
set -euo pipefail

version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
[ -n "$version" ] || { echo "no PostgreSQL cluster found" >&2; exit 1; }
if [ -f "/usr/share/postgresql/$version/extension/vector.control" ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if apt-cache show "postgresql-$version-pgvector" >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "postgresql-$version-pgvector"
  exit 0
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
  "postgresql-server-dev-$version" build-essential dpkg-dev >/dev/null
src_list=/etc/apt/sources.list.d/agency-trixie-src.sources
printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  | $SUDO tee "$src_list" >/dev/null
trap '$SUDO rm -f "$src_list"; $SUDO apt-get update -qq || true' EXIT
$SUDO apt-get update -qq
work=$(mktemp -d)
(
  cd "$work"
  apt-get source --download-only pgvector >/dev/null
  tar xzf pgvector_*.orig.tar.gz
  cd pgvector-*/
  make -s OPTFLAGS="" with_llvm=no PG_CONFIG="/usr/lib/postgresql/$version/bin/pg_config"
  $SUDO make -s install with_llvm=no PG_CONFIG="/usr/lib/postgresql/$version/bin/pg_config"
)
rm -rf "$work"
