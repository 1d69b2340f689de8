#!/usr/bin/env bash
# Make sure Debian's chromium is installed, for the web UI's browser tests (tests/web/test_browser.py
# drives it headless with Playwright for Python at /usr/bin/chromium; `playwright install` is never
# run). Installs the distribution's `chromium` package with apt-get when it is missing; does nothing
# when it is there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-chromium: /usr/bin/chromium not found and apt-get unavailable; install chromium" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
