#!/usr/bin/env bash
# GHALogs at scale: generate GHALogs-shaped datasets of 10k/50k/100k runs, import them, re-import them
# (idempotent), and extract features from their tar.gz archives. Prints wall and CPU seconds and peak RSS
# per step (GNU time). Datasets and workspaces go to $OUT (default build/ghalogs-bench), never committed.
#   bench/ghalogs_bench.sh [CLI] [SIZES...]
set -euo pipefail
cli=${1:-build/ci/app/runlens-cli}
shift || true
sizes=("${@:-10000 50000 100000}")
out=${OUT:-build/ghalogs-bench}
mkdir -p "$out"

measure() { # label, command...
  local label=$1
  shift
  /usr/bin/time -f "$label wall_s=%e user_s=%U sys_s=%S max_rss_kib=%M" "$@" > "$out/last.log" 2> "$out/time.log" || {
    cat "$out/time.log" >&2
    return 1
  }
  tail -1 "$out/time.log"
  grep -E "^imported|^archives|features computed" "$out/last.log" || true
}

for n in ${sizes[@]}; do
  data="$out/dataset-$n"
  ws="$out/ws-$n"
  if [ ! -s "$data/runs.json.gz" ]; then
    # 2,000 distinct archives; the other runs hard-link to them (same bytes, no disk).
    measure "generate n=$n" "$cli" generate-ghalogs --out "$data" --runs "$n" --distinct-archives 2000
  fi
  rm -rf "$ws"
  measure "import n=$n" "$cli" import-ghalogs --quiet --workspace "$ws" "$data"
  measure "re-import n=$n" "$cli" import-ghalogs --quiet --workspace "$ws" "$data"
  if [ "${FEATURES:-1}" = 1 ]; then
    measure "analyze n=$n" "$cli" analyze --workspace "$ws"
  fi
done
