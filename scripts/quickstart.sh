#!/usr/bin/env bash
# First command of the README: install what is missing, build, and open RunLens on its
# bundled sample data (runlens --demo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh dev
exec build/dev/app/runlens --demo "$@"
