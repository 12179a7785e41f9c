#!/usr/bin/env bash
# Screenshots of the desktop application as a user sees it, under Xvfb:
#   docs/screenshots/collecting.png       `runlens --demo` caught mid-collection (the Collection dock)
#   docs/screenshots/main-window.png      the demo analysed: the most anomalous run's log
#   docs/screenshots/evaluation.png       the demo analysed: the Evaluation tab (detectors against labels)
#   docs/screenshots/main-window-dark.png the same with --theme dark, Explanation tab
#   docs/screenshots/reopened.png         a workspace analysed by runlens-cli, reopened: scores without Analyze
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

# After the demo's analysis (a few seconds on 2 cores; 12 s leaves room on a loaded machine).
xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$app" --demo --size 1600x1000 --tab 1 \
    --screenshot "$tmp/main-window.png" --screenshot-after "${ANALYZED_AFTER_MS:-12000}"
xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$app" --demo --size 1600x1000 --tab 4 \
    --screenshot "$tmp/evaluation.png" --screenshot-after "${ANALYZED_AFTER_MS:-12000}"
xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$app" --demo --theme dark --size 1600x1000 --tab 1 \
    --screenshot "$tmp/main-window-dark.png" --screenshot-after "${ANALYZED_AFTER_MS:-12000}"

# A workspace analysed headless, then opened: the stored analysis shows at once (no Analyze pressed).
cli=$build/app/runlens-cli
"$cli" sample --out "$tmp/corpus" --seed 7 >/dev/null
"$cli" import --workspace "$tmp/ws" "$tmp/corpus" >/dev/null
"$cli" analyze --workspace "$tmp/ws" >/dev/null
xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$app" --workspace "$tmp/ws" --size 1600x1000 --tab 1 \
    --screenshot "$tmp/reopened.png" --screenshot-after "${REOPENED_AFTER_MS:-8000}"

for shot in collecting main-window evaluation main-window-dark reopened; do
    # Fewer colours keep the PNG small; the UI has few colours anyway.
    if command -v convert >/dev/null; then
        convert "$tmp/$shot.png" -strip -colors 256 PNG8:"$out/$shot.png"
    else
        cp "$tmp/$shot.png" "$out/$shot.png"
    fi
    echo "wrote $out/$shot.png ($(stat -c %s "$out/$shot.png") bytes)"
done
