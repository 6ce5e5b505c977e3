#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries (initdb, pg_ctl) are present for the postgres adapter's tests.
# The tests start a throwaway cluster of their own (a temp dir, a free loopback port) and never touch the
# machine's clusters; with DATABASE_URL set they use that database instead and need no binaries.
set -euo pipefail
if [ -n "${DATABASE_URL:-}" ]; then
  exit 0
fi
if [ -n "${ACCORD_PG_BIN:-}" ] && [ -x "$ACCORD_PG_BIN/initdb" ]; then
  exit 0
fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "accord test: PostgreSQL's server binaries (initdb, pg_ctl) are missing and this user cannot install them." >&2
  echo "  Install them with: sudo apt-get update && sudo apt-get install -y postgresql" >&2
  echo "  or point ACCORD_PG_BIN at a directory holding initdb and pg_ctl," >&2
  echo "  or set DATABASE_URL to a database the tests may create (and drop) accord_test_* schemas in." >&2
  exit 1
fi
echo "accord test: installing Debian's postgresql package for the postgres adapter tests (apt-get, about 30 s)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "accord test: apt-get installed postgresql, but no /usr/lib/postgresql/*/bin/initdb was found." >&2
  exit 1
fi
echo "accord test: postgresql installed: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
