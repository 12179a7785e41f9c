#!/usr/bin/env bash
# Screenshots of the desktop application as a user sees it, under Xvfb:
#   docs/screenshots/collecting.png  `runlens --demo` caught mid-collection (the Collection dock)
# The demo's sample server answers slowly (--demo-latency) so that the shot lands while the
# collection is under way. Needs a build (scripts/build.sh) and xvfb-run.
#   scripts/screenshots.sh [BUILD_DIR]      (default build/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
app=$build/app/runlens
out=docs/screenshots
if [[ ! -x $app ]]; then
    echo "screenshots.sh: no $app; build first (cmake --build $build --target runlens)" >&2
    exit 1
fi
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A fresh settings folder: no window layout or recent workspaces from a previous run.
export XDG_CONFIG_HOME=$tmp/config
mkdir -p "$out"

# 250 ms per answer with 4 requests in flight: the shot at 7 s shows the fetch half done.
xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$app" --demo --demo-latency "${DEMO_LATENCY_MS:-250}" --size 1600x1000 \
    --screenshot "$tmp/collecting.png" --screenshot-after "${SHOT_AFTER_MS:-7000}"

# Fewer colours keep the PNG small; the UI has few colours anyway.
if command -v convert >/dev/null; then
    convert "$tmp/collecting.png" -strip -colors 256 PNG8:"$out/collecting.png"
else
    cp "$tmp/collecting.png" "$out/collecting.png"
fi
echo "wrote $out/collecting.png ($(stat -c %s "$out/collecting.png") bytes)"
