#!/usr/bin/env bash
# `npm test`: the whole suite, from a clean clone, with nothing installed by hand.
#   lint + format check (biome) → typecheck → build → unit, type and property tests → package checks
#   (publint, attw) → Storybook interaction and accessibility tests in real headless Chromium.
#   The postgres adapter's tests start a throwaway PostgreSQL cluster (or use DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 DO_NOT_TRACK=1 STORYBOOK_DISABLE_TELEMETRY=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

bash scripts/ensure-chromium.sh
bash scripts/ensure-postgresql.sh
# turbo's cache needs a git work tree; a tarball without .git gets one (no commit needed).
git rev-parse --git-dir >/dev/null 2>&1 || git init -q .

started=$(date +%s)
npx biome ci .
npx turbo run typecheck build test check:package --output-logs=errors-only --concurrency="${ACCORD_TEST_CONCURRENCY:-2}" "$@"
echo "accord test: all checks passed in $(( $(date +%s) - started )) s."
