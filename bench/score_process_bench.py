#!/usr/bin/python3
"""The whole `runlens-cli score` process against scikit-learn's fit + score_samples alone.

A measurement, not a test (docs/benchmarks.md, "score: CSV at disk speed"). Uses /usr/bin/python3
with Debian's python3-sklearn (1.2) and numpy:

    cmake --build build/ci --target runlens-cli
    /usr/bin/python3 bench/score_process_bench.py --cli build/ci/app/runlens-cli \\
        [--before OLD_RUNLENS_CLI] [--bench ../shared/bench] [--rows 500000] [--repeat 3] [--threads N]

Data: a generated ROWS x 3 numeric CSV (normal features written with 17 significant digits, 1%
shifted outliers in a `label` column) and the bundled ODDS sets. Per data set, with a warm page
cache, the median of --repeat runs of:
- RunLens: the whole process `runlens-cli score --csv F --label-column label --out SCORES --timing`
  (start-up, reading, fit, score, writing the scores): wall time and CPU time (user + system, all
  threads) of the process spawned directly and reaped with wait4, peak RSS from /usr/bin/time in a
  second run; its own `read_s` / `read_cpu_s` give the CSV reading speed.
- --before: the same command with another binary (e.g. one built from the previous commit).
- scikit-learn: IsolationForest(n_estimators=100, random_state=0).fit(X) + score_samples(X) alone,
  in process (CSV loading excluded), wall and CPU time.
The machine is shared: CPU time is the steadier figure; the load average is printed.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.ensemble import IsolationForest


def run_process(cli, csv_path, out_path, threads=None):
    args = [cli, "score", "--csv", csv_path, "--label-column", "label", "--out", out_path, "--timing"]
    if threads:
        args += ["--threads", str(threads)]
    # Wall and CPU time of the process alone: spawned directly (posix_spawn, no fork of this Python
    # process and no /usr/bin/time, which costs ~2 ms of CPU itself) and reaped with wait4, whose rusage
    # has microseconds where /usr/bin/time prints hundredths of a second.
    with open(out_path + ".stdout", "w+") as out_file, open(out_path + ".stderr", "w+") as err_file:
        start = time.perf_counter()
        pid = os.posix_spawn(cli, args, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, out_file.fileno(), 1), (os.POSIX_SPAWN_DUP2, err_file.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{cli} score --csv {csv_path} failed: {err}")
    # Peak RSS through /usr/bin/time, in a run of its own: wait4's ru_maxrss of a child spawned from
    # this Python process would count the numpy arrays it holds (shared with the child until exec).
    usage_path = out_path + ".usage"
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", usage_path] + args, capture_output=True, check=True)
    with open(usage_path) as f:
        rss_kb = f.read().split()[-1]
    timing = {k: float(v) for k, v in re.findall(r"(\w+)=([-0-9.eE]+)", err)}
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": float(rss_kb) / 1024.0,
            "read_s": timing.get("read_s", float("nan")), "read_cpu_s": timing.get("read_cpu_s", float("nan")),
            "auc": float(re.search(r"roc_auc=([-0-9.eE]+)", out).group(1))}


def scikit(x):
    start = time.perf_counter()
    cpu = time.process_time()
    IsolationForest(n_estimators=100, random_state=0).fit(x).score_samples(x)
    return time.perf_counter() - start, time.process_time() - cpu


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default="build/ci/app/runlens-cli")
    parser.add_argument("--before", help="another runlens-cli to time the same way")
    parser.add_argument("--bench", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench"))
    parser.add_argument("--rows", type=int, default=500000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, help="runlens-cli score --threads N (default: one per core)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        generated = os.path.join(tmp, f"generated-{args.rows}x3.csv")
        rng = np.random.default_rng(1)
        x = rng.normal(size=(args.rows, 3))
        y = (rng.random(args.rows) < 0.01).astype(int)
        x[y == 1] += 4.0
        with open(generated, "w") as f:
            f.write("f0,f1,f2,label\n")
            np.savetxt(f, np.column_stack([x, y]), delimiter=",", fmt=["%.17g", "%.17g", "%.17g", "%d"])
        sets = [generated] + [os.path.join(args.bench, n + ".csv") for n in ("shuttle", "mammography", "satellite")]
        out_path = os.path.join(tmp, "scores.csv")

        print(f"{os.cpu_count()} cores, median of {args.repeat} runs, load average before: "
              f"{', '.join(f'{v:.2f}' for v in os.getloadavg())}\n")
        before = "" if not args.before else " before: process wall / CPU (s), peak RSS (MB) |"
        print("| data | rows x features | MB | read MB/s wall / CPU | process wall / CPU (s) | peak RSS (MB) "
              f"| values (MB) |{before} sklearn fit+score wall / CPU (s) | speed-up wall / CPU |")
        print("|---|---|---|---|---|---|---|" + ("---|" if args.before else "") + "---|---|")
        for path in sets:
            with open(path, "rb") as f:
                f.read()  # warm the page cache
            data = np.genfromtxt(path, delimiter=",", names=True)
            columns = [c for c in data.dtype.names if c != "label"]
            features = np.column_stack([data[c] for c in columns]).astype(float)
            mb = os.path.getsize(path) / 1e6
            ours = [run_process(args.cli, path, out_path, args.threads) for _ in range(args.repeat)]
            theirs = [scikit(features) for _ in range(args.repeat)]
            t_wall = statistics.median(t[0] for t in theirs)
            t_cpu = statistics.median(t[1] for t in theirs)
            o_wall, o_cpu = median(ours, "wall"), median(ours, "cpu")
            row = (f"| {os.path.basename(path)} | {features.shape[0]} x {features.shape[1]} | {mb:.1f} | "
                   f"{mb / median(ours, 'read_s'):.0f} / {mb / median(ours, 'read_cpu_s'):.0f} | "
                   f"{o_wall:.3f} / {o_cpu:.3f} | {median(ours, 'rss_mb'):.0f} | {features.nbytes / 1e6:.0f} |")
            if args.before:
                old = [run_process(args.before, path, out_path, args.threads) for _ in range(args.repeat)]
                row += f" {median(old, 'wall'):.3f} / {median(old, 'cpu'):.3f}, {median(old, 'rss_mb'):.0f} |"
            row += f" {t_wall:.3f} / {t_cpu:.3f} | {t_wall / o_wall:.1f}x / {t_cpu / o_cpu:.1f}x |"
            print(row, flush=True)
    print(f"\nload average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
