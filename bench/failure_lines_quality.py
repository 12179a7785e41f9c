#!/usr/bin/env python3
"""Lines a reader goes through until every error block of a failed build has been seen: RunLens's
failure-lines ranking against an LCS diff (GNU diff, a minimal diff = longest common subsequence) of the
timestamp-stripped passing and failed logs. A benchmark, not a test (docs/benchmarks.md).

Usage: bench/failure_lines_quality.py [--cli build/ci/app/runlens-cli] [--without-baseline] [CASES_DIR]
CASES_DIR holds one folder per case with fail.log, pass.log and groundtruth (format in its SOURCE.md);
default ../shared/failure-lines.

Reading models:
- RunLens: the ranked lines top-down (`failure-lines --top 0`); an error block is seen at the first
  ranked line inside it.
- LCS diff: the failed log's lines that the diff marks as added, in file order; an error block is seen
  at the first added line inside it.
A block that a list never reaches costs the whole failed log. Ground-truth line numbers count '\\r',
'\\n' and '\\r\\n' as line ends (the CiDiff tools read lines like Java); RunLens and diff number lines by
'\\n', so each ground-truth line is mapped to the '\\n' line that holds it.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

TIMESTAMP = re.compile(rb"^(\xef\xbb\xbf)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ?")


def lf_lines(data):
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def groundtruth(case_dir, data):
    """Error blocks as sets of '\\n'-line numbers (1-based)."""
    # Map Java line numbers (\r, \n, \r\n) to '\n' line numbers.
    java_to_lf = []
    lf = 1
    i = 0
    n = len(data)
    while i < n:
        j = i
        while j < n and data[j] not in (0x0A, 0x0D):
            j += 1
        java_to_lf.append(lf)
        if j < n and data[j] == 0x0D and j + 1 < n and data[j + 1] == 0x0A:
            j += 1
        if j < n and data[j] == 0x0A:
            lf += 1
        i = j + 1
    blocks = []
    with open(os.path.join(case_dir, "groundtruth")) as f:
        fmt = f.readline().strip()
        for row in f:
            parts = row.split()
            if len(parts) != 2 or parts[0] != "E":
                continue
            a, _, b = parts[1].partition("-")
            first, last = int(a), int(b or a)
            blocks.append({java_to_lf[k - 1] for k in range(first, last + 1) if k - 1 < len(java_to_lf)})
    return fmt, blocks


def strip_timestamps(lines):
    return [TIMESTAMP.sub(b"", line) for line in lines]


def lcs_added(pass_lines, fail_lines):
    """'\\n'-line numbers of the failed log that a minimal diff marks as added, in order."""
    with tempfile.TemporaryDirectory() as tmp:
        a = os.path.join(tmp, "pass")
        b = os.path.join(tmp, "fail")
        for path, lines in ((a, pass_lines), (b, fail_lines)):
            with open(path, "wb") as f:
                f.write(b"\n".join(strip_timestamps(lines)) + b"\n")
        out = subprocess.run(
            ["diff", "-a", "--unchanged-line-format=", "--old-line-format=", "--new-line-format=%dn\n", a, b],
            capture_output=True, check=False).stdout
    return [int(x) for x in out.split()]


def ranked_lines(cli, case_dir, with_baseline):
    baseline = ["--baseline", os.path.join(case_dir, "pass.log")] if with_baseline else []
    out = subprocess.run([cli, "failure-lines", os.path.join(case_dir, "fail.log")] + baseline
                         + ["--top", "0", "--format", "json"], capture_output=True, check=True).stdout
    return [line["line"] for line in json.loads(out)["lines"]]


def lines_to_read(order, blocks, total):
    """(lines read until every block was seen, rank of the first error line seen)."""
    position = {}
    for rank, line in enumerate(order, 1):
        position.setdefault(line, rank)
    firsts = [min((position[l] for l in block if l in position), default=total) for block in blocks]
    return max(firsts), min(firsts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="?", default=os.path.join(os.path.dirname(__file__), "../../shared/failure-lines"))
    parser.add_argument("--cli", default="build/ci/app/runlens-cli")
    parser.add_argument("--without-baseline", action="store_true",
                        help="rank the failed log alone (the LCS diff still sees the passing log)")
    args = parser.parse_args()
    rows = []
    for name in sorted(os.listdir(args.cases)):
        case_dir = os.path.join(args.cases, name)
        if not os.path.isfile(os.path.join(case_dir, "groundtruth")):
            continue
        with open(os.path.join(case_dir, "fail.log"), "rb") as f:
            fail_data = f.read()
        with open(os.path.join(case_dir, "pass.log"), "rb") as f:
            pass_data = f.read()
        fmt, blocks = groundtruth(case_dir, fail_data)
        fail_lines = lf_lines(fail_data)
        total = len(fail_lines)
        ours_all, ours_first = lines_to_read(ranked_lines(args.cli, case_dir, not args.without_baseline), blocks, total)
        added = lcs_added(lf_lines(pass_data), fail_lines)
        lcs_all, lcs_first = lines_to_read(added, blocks, total)
        rows.append((name, fmt, total, len(blocks), ours_first, ours_all, lcs_first, lcs_all, len(added)))

    print("| case | format | lines | error blocks | RunLens first | RunLens all | LCS first | LCS all | LCS diff size | ratio |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, fmt, total, nblocks, of, oa, lf, la, size in rows:
        print(f"| {name} | {fmt} | {total} | {nblocks} | {of} | {oa} | {lf} | {la} | {size} | {oa / la:.2f} |")
    med_ours = statistics.median(r[5] for r in rows)
    med_lcs = statistics.median(r[7] for r in rows)
    med_ratio = statistics.median(r[5] / r[7] for r in rows)
    first10 = sum(1 for r in rows if r[4] <= 10) / len(rows)
    all50 = sum(1 for r in rows if r[5] <= 50) / len(rows)
    print()
    print(f"median lines to read: RunLens {med_ours:g}, LCS diff {med_lcs:g}: "
          f"{med_ours / med_lcs:.2f}x (median of per-case ratios {med_ratio:.2f}x; target <= 0.35x)")
    print(f"first error line in the top 10: {first10:.0%} of cases (target >= 90%)")
    print(f"every error block in the top 50: {all50:.0%} of cases (target >= 80%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
