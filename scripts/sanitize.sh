#!/usr/bin/env bash
# The core tests under AddressSanitizer + UndefinedBehaviorSanitizer (tests labelled "core": they link
# no widgets, so this builds the core libraries and those tests only). Usage: scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
export QT_QPA_PLATFORM=offscreen
# The core tests again under AddressSanitizer + UndefinedBehaviorSanitizer (label "core": they link no
# widgets, so this builds the core only and stays a few minutes).
cmake --preset asan >/dev/null
core_tests=$(ctest --test-dir build/asan -L core -N | sed -n 's/^ *Test *#[0-9]*: //p')
# shellcheck disable=SC2086 # one target per word
cmake --build build/asan --parallel "$(nproc)" --target $core_tests
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/asan -L core --parallel "$(nproc)" --output-on-failure
