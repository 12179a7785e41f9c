#!/usr/bin/env bash
# End-to-end scan throughput and peak memory (docs/benchmarks.md, "Log scanning"). Not a test.
#   bench/scan_throughput.sh [CORPUS_DIR] [GIB]
# Builds a Release tree in build/bench, generates a >= 1 GiB corpus (text seed layout + ZIPs) into
# CORPUS_DIR (default build/bench-corpus; never commit it), then measures with a warm page cache:
# runlens-cli scan from text and from ZIPs (all cores and one), `rg --no-unicode -c -i` with the prefilter
# anchors (all cores and one), the old seed_filter.py, and peak RSS on a quarter and on all of the corpus.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/build/bench-corpus}
gib=${2:-1.05}
build=$root/build/bench
shared=${RUNLENS_SHARED_DIR:-$root/../shared}
[ -f "$shared/anchors/seed_filter.py" ] || shared=/work/shared

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRUNLENS_BUILD_BENCH=ON \
      -DRUNLENS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target runlens-cli bench_taxonomy >/dev/null
cli=$build/app/runlens-cli
[ -f "$corpus/text/workflow_runs.csv" ] || python3 "$root/bench/gen_corpus.py" "$corpus" --gb "$gib"
"$build/bench/bench_taxonomy" --print-anchors >"$corpus/anchors.txt"

bytes=$(find "$corpus/text" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
zipbytes=$(find "$corpus/zips" -name '*.zip' -printf '%s\n' | awk '{s+=$1} END {print s}')
runs=$(find "$corpus/zips" -name '*.zip' | wc -l)
find "$corpus" -type f -exec cat {} + >/dev/null # warm the page cache

echo "corpus: $runs runs, $bytes bytes of text ($((bytes / 1048576)) MiB), ZIPs $((zipbytes / 1048576)) MiB, $(nproc) cores"
echo
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | wall s | MB/s by wall | CPU s (user+sys) | MB/s per CPU second | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|"
stats=$(mktemp)
measure() { # label scanned-bytes command...
    local label=$1 scanned=$2
    shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$stats" "$@" >/dev/null 2>"$stats.err" || true
    read -r secs user sys kib <"$stats"
    awk -v l="$label" -v s="$secs" -v c="$(awk -v u="$user" -v y="$sys" 'BEGIN { print u + y }')" -v b="$scanned" -v k="$kib" \
        'BEGIN { printf "| %s | %.2f | %.0f | %.2f | %.0f | %.0f |\n", l, s, (s > 0 ? b / s / 1e6 : 0), c, (c > 0 ? b / c / 1e6 : 0), k / 1024 }'
}
quarter_runs=$(ls -d "$corpus"/text/logs_*/* | awk 'NR % 4 == 0')
quarter_bytes=$(for d in $quarter_runs; do find "$d" -name '*.txt' -printf '%s\n'; done | awk '{s+=$1} END {print s}')
quarter_zips=$(ls "$corpus"/zips/*.zip | awk 'NR % 4 == 0')

measure "runlens-cli scan, text, all cores" "$bytes" "$cli" scan "$corpus/text" --format json
measure "runlens-cli scan, text, --threads 1" "$bytes" "$cli" scan "$corpus/text" --format json --threads 1
measure "runlens-cli scan, ZIPs, all cores" "$bytes" "$cli" scan "$corpus/zips" --format json
measure "runlens-cli scan, ZIPs, --threads 1" "$bytes" "$cli" scan "$corpus/zips" --format json --threads 1
measure "rg --no-unicode -c -i -f anchors, text, all cores" "$bytes" rg --no-unicode -c -i -f "$corpus/anchors.txt" -g '*.txt' "$corpus/text"
measure "rg --no-unicode -c -i -f anchors, text, -j1" "$bytes" rg --no-unicode -j1 -c -i -f "$corpus/anchors.txt" -g '*.txt' "$corpus/text"
measure "runlens-cli scan --naive, text, all cores" "$bytes" "$cli" scan "$corpus/text" --naive --memory-list "$corpus/naive.txt"
measure "python3 seed_filter.py, text (1 core)" "$bytes" python3 "$shared/anchors/seed_filter.py" "$corpus/text" "$corpus/python.txt"
# shellcheck disable=SC2086
measure "runlens-cli scan, text, quarter of the runs" "$quarter_bytes" "$cli" scan $quarter_runs --format json
# shellcheck disable=SC2086
measure "runlens-cli scan, ZIPs, quarter of the runs" "$quarter_bytes" "$cli" scan $quarter_zips --format json
rm -f "$stats" "$stats.err"
echo
echo "naive list == seed_filter.py list: $(cmp -s <(sort "$corpus/naive.txt") <(sort "$corpus/python.txt") && echo yes || echo NO)"
echo "runs with a memory failure (taxonomy): $("$cli" scan "$corpus/text" --format csv | awk -F, '$3 == "hit" && $5 == "true" {print $1}' | sort -u | wc -l)"
echo "files flagged by seed_filter.py: $(wc -l <"$corpus/python.txt")"
