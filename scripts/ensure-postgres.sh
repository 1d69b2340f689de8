#!/usr/bin/env bash
# Make sure PostgreSQL server binaries (initdb, pg_ctl) are installed, for the store tests
# (tests/store/conftest.py starts a throw-away server on loopback from them). Installs the distribution's
# `postgresql` package with apt-get when they are missing; does nothing when they are there.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-postgres: initdb not found and apt-get unavailable; install PostgreSQL server binaries" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
