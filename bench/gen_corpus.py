#!/usr/bin/env python3
"""Generates a synthetic GitHub Actions log corpus for the scan benchmark (never commit its output).

    python3 bench/gen_corpus.py OUT_DIR [--gb 1.0] [--seed 7]

Writes OUT_DIR/text (a seed layout: workflow_runs.csv, logs_failure/<id>/, logs_normal/<id>/ with a whole-job
log 0_build.txt plus per-step logs build/<n>_<step>.txt, as GitHub archives hold them) and OUT_DIR/zips
(the same runs as <id>.zip archives). About 5% of the runs end in a memory failure, others carry the
look-alikes the taxonomy must ignore (counters, 'room', 'HeapDumpOnOutOfMemoryError', test names).
"""
import argparse
import os
import random
import zipfile

PLAIN = [
    "Requirement already satisfied: numpy>=1.22 in /opt/hostedtoolcache/Python/3.11.8/x64/lib/python3.11/site-packages",
    "[INFO] Compiling 412 source files with javac [debug release 17] to target/classes",
    "  CXX      src/core/scheduler.o",
    "[ 42%] Building CXX object src/CMakeFiles/app.dir/widgets/chart.cpp.o",
    "tests/test_parser.py::test_roundtrip[case-17] PASSED                        [ 37%]",
    "npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.",
    "Receiving objects:  47% (1370/2914), 12.4 MiB | 31.2 MiB/s",
    "Resolving deltas: 100% (137/137), done.",
    "\x1b[32m✓\x1b[0m renders the settings page (137 ms)",
    "Downloading https://repo.maven.apache.org/maven2/org/slf4j/slf4j-api/2.0.9/slf4j-api-2.0.9.jar",
    "Make room for the cache: removing 3 stale entries",
    "org.gradle.jvmargs=-Xmx3g -XX:+HeapDumpOnOutOfMemoryError",
    "tests/test_memory.py::test_out_of_memory_is_reported PASSED",
    "   Compiling serde_json v1.0.114",
    "go: downloading golang.org/x/sys v0.18.0",
    "warning: unused variable: `zoom_level`",
    "##[group]Run actions/checkout@v4",
    "##[endgroup]",
    "[command]/usr/bin/git log -1 --format=%H",
    "    \"OOMKilled\": false,",
    "docker run --rm --memory=6g --cpus=2 ghcr.io/example/build:latest",
    "Test Suites: 48 passed, 48 total",
]

FAILURES = [
    ["Killed", "##[error]Process completed with exit code 137."],
    ["FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
     "##[error]Process completed with exit code 134."],
    ["c++: fatal error: Killed signal terminated program cc1plus", "make[2]: *** [all] Error 1",
     "##[error]Process completed with exit code 2."],
    ["Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
     "##[error]Process completed with exit code 1."],
    ["torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
     "##[error]Process completed with exit code 1."],
]
ORDINARY_END = ["FAILED tests/test_api.py::test_timeout - AssertionError", "##[error]Process completed with exit code 1."]


def block(rng, lines, second):
    out = []
    for i in range(lines):
        frac = rng.randrange(10_000_000)
        out.append("2024-05-%02dT%02d:%02d:%02d.%07dZ %s\n" % (
            1 + second // 86400 % 28, second // 3600 % 24, second // 60 % 60, second % 60, frac, rng.choice(PLAIN)))
        second += rng.random() < 0.2
    return "".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--gb", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    blocks = [block(rng, 700, rng.randrange(10**6)).encode() for _ in range(256)]  # ~70 KB each
    text_root = os.path.join(args.out, "text")
    zip_root = os.path.join(args.out, "zips")
    os.makedirs(zip_root, exist_ok=True)
    os.makedirs(text_root, exist_ok=True)
    target = int(args.gb * (1 << 30))
    written = 0
    runs = []
    run_id = 100000
    steps = ["1_Set up job", "2_Checkout", "3_Install dependencies", "4_Build", "5_Test"]
    while written < target:
        run_id += 1
        failing = rng.random() < 0.5
        memory = failing and rng.random() < 0.1
        folder = os.path.join(text_root, "logs_failure" if failing else "logs_normal", str(run_id))
        os.makedirs(os.path.join(folder, "build"), exist_ok=True)
        entries = []
        for n, step in enumerate(steps):
            body = b"".join(rng.choice(blocks) for _ in range(rng.randint(1, 2 if n < 3 else 3)))
            if n == len(steps) - 1 and failing:
                tail = rng.choice(FAILURES) if memory else ORDINARY_END
                body += "".join("2024-05-02T10:00:%02d.1234567Z %s\n" % (i, t) for i, t in enumerate(tail)).encode()
            entries.append(("build/%s.txt" % step, body))
        entries.insert(0, ("0_build.txt", b"".join(body for _, body in entries)))
        with zipfile.ZipFile(os.path.join(zip_root, "%d.zip" % run_id), "w", zipfile.ZIP_DEFLATED,
                             compresslevel=1) as archive:
            for name, body in entries:
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(body)
                archive.writestr(name, body)
                written += len(body)
        runs.append((run_id, "failure" if failing else "success"))
    with open(os.path.join(text_root, "workflow_runs.csv"), "w") as f:
        f.write("id,conclusion\n")
        f.writelines("%d,%s\n" % run for run in runs)
    print("%d runs, %.2f GiB of text in %s" % (len(runs), written / (1 << 30), args.out))


if __name__ == "__main__":
    main()
