#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, build with
# warnings as errors, and run every test. In CI (CI=true), or with RUNLENS_SANITIZE=1, the core tests
# then run again under AddressSanitizer + UBSan (scripts/sanitize.sh; about 20 minutes more on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/format.sh --check
scripts/build.sh ci
export QT_QPA_PLATFORM=offscreen
ctest --preset ci --parallel "$(nproc)" "$@"
if [ "${CI:-}" = true ] || [ "${RUNLENS_SANITIZE:-0}" = 1 ]; then
  scripts/sanitize.sh
fi
