#!/usr/bin/env bash
# The core tests under AddressSanitizer + UndefinedBehaviorSanitizer, leaks detected (tests labelled
# "core": they link the core libraries only, no widgets and no runlens-cli, so this builds just those).
# CI runs it after the normal suite (scripts/test.sh). The sanitizer options and the suppressions of
# third-party leaks come with each test's environment (tests/CMakeLists.txt). Usage: scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset asan >/dev/null
core_tests=$(ctest --test-dir build/asan -L core -N | sed -n 's/^ *Test *#[0-9]*: //p')
# shellcheck disable=SC2086 # one target per word
cmake --build build/asan --parallel "$(nproc)" --target $core_tests
ctest --test-dir build/asan -L core --parallel "$(nproc)" --output-on-failure
