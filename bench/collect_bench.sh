#!/bin/sh
# Collection wall time against the local fake server with 100 ms latency per request:
# runlens-cli collect at concurrency 1, 4 and 8 vs the sequential Python script.
#   bench/collect_bench.sh build/dev/app/runlens-cli [RUNS]
set -eu
CLI=${1:?path to runlens-cli}
RUNS=${2:-500}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
: > "$TMP/serve.txt"
"$CLI" serve-sample --port 0 --seed 1 --repos 1 --runs "$RUNS" --faults latency=100ms > "$TMP/serve.txt" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
while [ "$(wc -l < "$TMP/serve.txt")" -lt 3 ]; do sleep 0.1; done
URL=$(sed -n 's/^url: //p' "$TMP/serve.txt")
sed -n 's/^token: //p' "$TMP/serve.txt" > "$TMP/token"
REPO=$(sed -n 's/^repos: //p' "$TMP/serve.txt" | cut -d' ' -f1)
for C in 1 4 8; do
    /usr/bin/time -f "concurrency $C: %e s" "$CLI" collect --workspace "$TMP/ws$C" --repo "$REPO" --api-url "$URL" \
        --token-file "$TMP/token" --concurrency "$C" --progress-interval-ms 600000 | tail -n 1
done
/usr/bin/time -f "sequential python: %e s" /usr/bin/python3 "$HERE/collect_sequential.py" "$URL" "$(cat "$TMP/token")" "$REPO" "$TMP/py"
