#!/usr/bin/python3
"""Score a CSV with a RunLens model.json, using numpy only (no scikit-learn).

Reproduces `runlens-cli score` outputs from the saved forest, which documents and checks the
model format (docs/model.md):

    tools/score_model.py model.json data.csv [--out scores.csv]

The CSV needs a header holding every name in the model's feature_names (other columns, such
as a label column, are ignored). Writes `row,path_length,score,decision,anomaly` lines.
"""
import argparse
import csv
import json
import sys

import numpy as np

EULER_GAMMA = 0.5772156649015329


def average_path_length(n):
    """c(n) as scikit-learn's _average_path_length, elementwise."""
    n = np.asarray(n, dtype=float)
    out = np.zeros_like(n)
    out[n == 2] = 1.0
    big = n > 2
    out[big] = 2.0 * (np.log(n[big] - 1.0) + EULER_GAMMA) - 2.0 * (n[big] - 1.0) / n[big]
    return out


def load_model(path):
    with open(path, encoding="utf-8") as f:
        model = json.load(f)
    if model.get("format") != "runlens-isolation-forest" or model.get("version") not in (1, 2):
        sys.exit(f"{path}: not a RunLens isolation forest model (version 1 or 2)")
    return model


def load_features(path, names):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    missing = [n for n in names if n not in header]
    if missing:
        sys.exit(f"{path}: missing feature columns {missing}")
    index = [header.index(n) for n in names]
    return np.array([[float(r[i]) for i in index] for r in rows[1:] if r], dtype=float)


def tree_path_lengths(tree, x):
    feature = np.asarray(tree["feature"], dtype=np.int64)
    threshold = np.asarray(tree["threshold"], dtype=float)
    left = np.asarray(tree["left"], dtype=np.int64)
    right = np.asarray(tree["right"], dtype=np.int64)
    samples = np.asarray(tree["n_samples"], dtype=float)
    node = np.zeros(len(x), dtype=np.int64)
    depth = np.zeros(len(x), dtype=float)
    rows = np.arange(len(x))
    while True:
        inner = feature[node] >= 0
        if not inner.any():
            break
        r = rows[inner]
        n = node[inner]
        go_left = x[r, feature[n]] <= threshold[n]
        node[r] = np.where(go_left, left[n], right[n])
        depth[r] += 1.0
    return depth + average_path_length(samples[node])


def score(model, x):
    trees = model["trees"]
    total = np.zeros(len(x))
    for tree in trees:  # summed in tree order, as RunLens does
        total += tree_path_lengths(tree, x)
    path_length = total / len(trees)
    c = model["average_path_length_max_samples"]
    ratio = path_length / c if c != 0 else np.ones_like(path_length)
    scores = -np.exp2(-ratio)
    decision = scores - model["offset"]
    return path_length, scores, decision


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("csv")
    parser.add_argument("--out", help="write here instead of stdout")
    args = parser.parse_args()
    model = load_model(args.model)
    x = load_features(args.csv, model["feature_names"])
    path_length, scores, decision = score(model, x)
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    out.write("row,path_length,score,decision,anomaly\n")
    for i in range(len(x)):
        out.write(f"{i},{path_length[i]!r},{scores[i]!r},{decision[i]!r},{1 if decision[i] < 0 else 0}\n")
    if args.out:
        out.close()


if __name__ == "__main__":
    main()
