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

# The core tests again under AddressSanitizer + UndefinedBehaviorSanitizer (label "core": they link no
# widgets, so this builds the core only and stays a few minutes).
cmake --preset asan >/dev/null
core_tests=$(ctest --test-dir build/asan -L core -N | sed -n 's/^ *Test *#[0-9]*: //p')
# shellcheck disable=SC2086 # one target per word
cmake --build build/asan --parallel "$(nproc)" --target $core_tests
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/asan -L core --parallel "$(nproc)" --output-on-failure
