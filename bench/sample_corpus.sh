#!/bin/sh
# Generation speed and size of the sample corpus: 1,000 runs (10 repositories x 100 runs).
# Usage: bench/sample_corpus.sh [path/to/runlens-cli] [seed]
# Writes into a temporary folder, prints wall time, file count and size, then removes it.
set -eu
cli=${1:-build/dev/app/runlens-cli}
seed=${2:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
"$cli" sample --out "$out/corpus" --repos 10 --runs 100 --seed "$seed"
end=$(date +%s.%N)
echo "wall_seconds=$(echo "$end - $start" | bc)"
echo "files=$(find "$out/corpus" -type f | wc -l)"
echo "total_mb=$(du -sm "$out/corpus" | cut -f1)"
echo "zips_mb=$(du -sm "$out/corpus/zips" | cut -f1)"
echo "zips=$(find "$out/corpus/zips" -name '*.zip' | wc -l)"
echo "largest_zip_kb=$(find "$out/corpus/zips" -name '*.zip' -printf '%s\n' | sort -n | tail -1 | awk '{print int($1/1024)}')"
