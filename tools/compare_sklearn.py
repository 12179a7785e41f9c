#!/usr/bin/python3
"""RunLens vs scikit-learn Isolation Forest on the ODDS bench sets: ROC AUC and fit+score time.

A measurement, not a test. Uses /usr/bin/python3 with Debian's python3-sklearn (1.2) and a
Release runlens-cli:

    cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DRUNLENS_BUILD_TESTS=OFF
    cmake --build build/release --target runlens-cli
    /usr/bin/python3 tools/compare_sklearn.py --cli build/release/app/runlens-cli --bench ../shared/bench

Both sides: 100 trees, max_samples min(256, n), contamination "auto", the same seeds (the
random streams differ, so AUCs agree statistically, not bit for bit). The AUC's sample standard
deviation over the seeds is printed for both (`--seeds 10` gives the figures that
tst_isolationforest's seedSpreadAsSklearn compares against). Times are in-process:
RunLens's own `--timing` (fit + score, CSV reading excluded) and time.perf_counter around
sklearn's fit + score_samples (CSV reading excluded); process CPU time (all threads) is
reported too, as it is the steadier figure on a shared machine. RunLens runs with its default thread
count and with --threads 1; sklearn with its default n_jobs=None (one core). Finally times
TreeSHAP for 10,000 rows x 30 features x 100 trees (`score --explain`).
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
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

DATASETS = ["shuttle", "mammography", "satellite"]


def run_cli(cli, args):
    proc = subprocess.run([cli, "score", *args, "--timing"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"runlens-cli score {' '.join(args)} failed: {proc.stderr}")
    values = dict(re.findall(r"(\w+)=([-0-9.eE]+)", proc.stdout + " " + proc.stderr))
    return {k: float(v) for k, v in values.items()}


def runlens(cli, path, seed, threads=None):
    args = ["--csv", path, "--label-column", "label", "--seed", str(seed)]
    if threads:
        args += ["--threads", str(threads)]
    return run_cli(cli, args)


def scikit(x, y, seed):
    start = time.perf_counter()
    cpu = time.process_time()
    forest = IsolationForest(n_estimators=100, random_state=seed).fit(x)
    scores = forest.score_samples(x)
    elapsed = time.perf_counter() - start
    return roc_auc_score(y, -scores), elapsed, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default="build/release/app/runlens-cli")
    parser.add_argument("--bench", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench"))
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()

    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, {os.cpu_count()} cores, seeds 0..{args.seeds - 1}\n")
    print("| dataset | rows x features | AUC RunLens | AUC sklearn | AUC sd RunLens | AUC sd sklearn | RunLens wall (s) | RunLens 1 thread wall (s) | sklearn wall (s) | "
          "RunLens CPU (s) | sklearn CPU (s) | speed-up wall | speed-up wall, 1 thread | speed-up CPU |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in DATASETS:
        path = os.path.join(args.bench, name + ".csv")
        data = np.genfromtxt(path, delimiter=",", names=True)
        columns = [c for c in data.dtype.names if c != "label"]
        x = np.column_stack([data[c] for c in columns]).astype(float)
        y = (data["label"] != 0).astype(int)
        ours, theirs, ours_t, ours1_t, theirs_t, ours_cpu, theirs_cpu = [], [], [], [], [], [], []
        for seed in range(args.seeds):
            r = runlens(args.cli, path, seed)
            ours.append(r["roc_auc"])
            ours_t.append(r["fit_score_s"])
            ours_cpu.append(r["fit_score_cpu_s"])
            r1 = runlens(args.cli, path, seed, threads=1)
            ours1_t.append(r1["fit_score_s"])
            auc, elapsed, cpu = scikit(x, y, seed)
            theirs.append(auc)
            theirs_t.append(elapsed)
            theirs_cpu.append(cpu)
        t_ours = statistics.median(ours_t)
        t_ours1 = statistics.median(ours1_t)
        t_theirs = statistics.median(theirs_t)
        c_ours = statistics.median(ours_cpu)
        c_theirs = statistics.median(theirs_cpu)
        spread = (f"{statistics.stdev(ours):.4f} | {statistics.stdev(theirs):.4f}" if args.seeds > 1
                  else "- | -")
        print(f"| {name} | {x.shape[0]} x {x.shape[1]} | {statistics.mean(ours):.4f} | {statistics.mean(theirs):.4f} | "
              f"{spread} | "
              f"{t_ours:.4f} | {t_ours1:.4f} | {t_theirs:.3f} | {c_ours:.4f} | {c_theirs:.3f} | "
              f"{t_theirs / t_ours:.0f}x | {t_theirs / t_ours1:.0f}x | {c_theirs / c_ours:.0f}x |")

    with tempfile.TemporaryDirectory() as tmp:
        rng = np.random.default_rng(1)
        shap_csv = os.path.join(tmp, "shap.csv")
        np.savetxt(shap_csv, rng.normal(size=(10000, 30)), delimiter=",",
                   header=",".join(f"f{i}" for i in range(30)), comments="")
        times, cpu = [], []
        for seed in range(3):
            r = run_cli(args.cli, ["--csv", shap_csv, "--seed", str(seed), "--explain", os.path.join(tmp, "phi.csv")])
            times.append(r["explain_s"])
            cpu.append(r["explain_cpu_s"])
        print(f"\nTreeSHAP, 10,000 rows x 30 features x 100 trees: median wall {statistics.median(times):.3f} s "
              f"(runs: {', '.join(f'{t:.3f}' for t in times)}), median CPU {statistics.median(cpu):.3f} s")
    print(f"\nload average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
