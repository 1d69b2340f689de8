#!/usr/bin/env bash
# Make sure poppler-utils (pdftotext) is installed, for the rendered-copy tests and bench
# (tests/rendered/pdf.py turns printed PDFs into text with `pdftotext -layout` and plain `pdftotext`).
# Installs Debian's `poppler-utils` package with apt-get when pdftotext is missing; does nothing when
# it is there.
set -euo pipefail
if command -v pdftotext >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-poppler: pdftotext not found and apt-get unavailable; install poppler-utils" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
command -v pdftotext >/dev/null
