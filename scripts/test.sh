#!/usr/bin/env bash
# Second command of the README (and what CI runs): install what is missing, build with
# warnings as errors, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/format.sh --check
scripts/build.sh ci
export QT_QPA_PLATFORM=offscreen
ctest --preset ci --parallel "$(nproc)" "$@"
