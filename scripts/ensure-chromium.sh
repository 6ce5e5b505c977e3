#!/usr/bin/env bash
# Makes sure Debian's Chromium is present for the browser tests (Storybook interaction + axe tests).
# Playwright's own browser download is not reachable here; the tests drive /usr/bin/chromium instead.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "accord test: Chromium is missing at $CHROMIUM and this user cannot install it." >&2
  echo "  Install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
  echo "  or point CHROMIUM_PATH at a Chromium binary." >&2
  exit 1
fi
echo "accord test: installing Debian's chromium package for the browser tests (apt-get, about 30 s)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
echo "accord test: chromium installed: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
