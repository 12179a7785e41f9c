#!/usr/bin/env bash
# Builds the libFuzzer targets with the `fuzz` preset (clang) and runs each for a bounded time.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Seeds are generated into build/fuzz/corpus/seeds-<target>; the growing corpus lives in
# build/fuzz/corpus/<target>; crashes land in build/fuzz/artifacts/.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/fuzz"
corpus="$build/corpus"
artifacts="$build/artifacts"

cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2 --target fuzz_lineparser fuzz_logarchive

mkdir -p "$corpus/lineparser" "$corpus/logarchive" "$corpus/seeds-lineparser" "$corpus/seeds-logarchive" "$artifacts"

# Seeds: small synthetic logs and ZIPs of every shape the reader knows (written by the script, so nothing
# from shared/ is copied into the repository).
python3 - "$corpus" <<'PY'
import os, sys, zipfile, io
corpus = sys.argv[1]
ts = "2024-01-28T19:27:24.9408212Z "
log = ("\ufeff" + ts + "Current runner version: '2.330.0'\n" + ts + "##[group]Run make\n" + ts + "##[endgroup]\n"
       + ts + "\x1b[31mKilled\x1b[0m\n" + "continuation\n" + ts + "[command]/usr/bin/git\n" + ts + "##[warning]w\n"
       + ts + "##[error]Process completed with exit code 137.\n" + ts + "Post job cleanup.\n"
       + ts + "Cleaning up orphan processes")
gh = "".join("build\tRun tests\t" + line + "\r\n" for line in log.replace("\ufeff", "").split("\n"))
lines = {
    "plain": log.encode(),
    "crlf": log.replace("\n", "\r\n").encode(),
    "utf16": b"\xff\xfe" + log.replace("\n", "\r\n").encode("utf-16-le"),
    "invalid": b"a\xff\xc3\n\xe2\x82\n\xed\xa0\x80\n\x00\x00\n" + ts.encode() + b"\xef\xbb\xbfmid\n",
    "ghview": gh.encode(),
}
for name, data in lines.items():
    open(os.path.join(corpus, "seeds-lineparser", name), "wb").write(data)

def make_zip(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()

zips = {
    "perstep.zip": make_zip([("0_build.txt", log), ("build/system.txt", ts + "x\n"), ("build/1_Set up job.txt", log),
                             ("-2147483648_build.txt", log)]),
    "markers.zip": make_zip([("0_test.txt", log), ("test/system.txt", ts + "x\n")]),
    "stored.zip": make_zip([("0_a.txt", log), ("a/2_b.txt", "x\n")], zipfile.ZIP_STORED),
    "evil.zip": make_zip([("../evil.txt", "x")]),
    "empty.zip": make_zip([]),
}
for name, data in zips.items():
    open(os.path.join(corpus, "seeds-logarchive", name), "wb").write(data)
open(os.path.join(corpus, "seeds-logarchive", "text"), "wb").write(b"T" + gh.encode())
PY

status=0
for target in lineparser logarchive; do
    echo "== fuzz_$target for ${seconds}s"
    "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 \
        -artifact_prefix="$artifacts/$target-" -print_final_stats=1 \
        "$corpus/$target" "$corpus/seeds-$target" || status=$?
done
exit $status
