#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 (the test suite runs against it).
set -euo pipefail

here=$(dirname "$0")
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  bash "$here/install-pgvector.sh"
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p 5432; then
    bash "$here/install-pgvector.sh"
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
exit 1
