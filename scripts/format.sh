#!/usr/bin/env bash
# Formats every C++ source with the project's .clang-format. Usage: scripts/format.sh [--check]
# --check changes nothing and exits 1 when a file differs (CI runs it that way).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -- '*.cpp' '*.h')
if [ "${1:-}" = "--check" ]; then
  if ! clang-format --dry-run --Werror "${files[@]}" 2>/tmp/runlens-format.$$; then
    grep -E '^[^ ].*: (error|warning):' /tmp/runlens-format.$$ | cut -d: -f1 | sort -u | sed 's/^/format: differs: /' >&2
    rm -f /tmp/runlens-format.$$
    echo "format: run scripts/format.sh to fix" >&2
    exit 1
  fi
  rm -f /tmp/runlens-format.$$
  echo "format: ${#files[@]} files match .clang-format"
else
  clang-format -i "${files[@]}"
fi
