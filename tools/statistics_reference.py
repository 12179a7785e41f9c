#!/usr/bin/python3
"""Reference values for tests/tst_statistics.cpp, computed independently of RunLens.

Run once with Debian's python3-sklearn (1.2) / numpy / scipy; its output is pasted into the test:

    /usr/bin/python3 tools/statistics_reference.py

- ROC AUC and average precision: scikit-learn's roc_auc_score / average_precision_score.
- DeLong: the 1988 paper's definition, brute force: every (positive, negative) pair's kernel
  psi = 1 (positive scored higher), 1/2 (tie), 0, the placement values V10 / V01 as row means of the
  psi matrix, their sample covariances, and scipy.stats.norm for the p-value and the interval. No
  ranks (RunLens uses mid-ranks, Sun & Xu 2014), so the two share no code path.
- precision@k / recall@k under ties: the mean over every permutation of the rows, ranked by a stable
  sort on descending score (each order of a tie group equally likely), small data only.
"""
import itertools

import numpy as np
import scipy
import sklearn
from scipy.stats import norm
from sklearn.metrics import average_precision_score, roc_auc_score


def delong_bruteforce(a, b, y, level=0.95):
    pos = y != 0
    out = []
    for s in (a, b):
        x, z = s[pos], s[~pos]
        psi = (x[:, None] > z[None, :]).astype(float) + 0.5 * (x[:, None] == z[None, :])
        out.append((psi.mean(), psi.mean(axis=1), psi.mean(axis=0)))
    (auc_a, v10a, v01a), (auc_b, v10b, v01b) = out
    m, n = pos.sum(), (~pos).sum()
    s10 = np.cov(np.vstack([v10a, v10b]), ddof=1)
    s01 = np.cov(np.vstack([v01a, v01b]), ddof=1)
    var = (s10[0, 0] + s10[1, 1] - 2 * s10[0, 1]) / m + (s01[0, 0] + s01[1, 1] - 2 * s01[0, 1]) / n
    d = auc_a - auc_b
    sd = np.sqrt(var)
    z = d / sd
    p = 2 * norm.sf(abs(z))
    q = norm.ppf(1 - (1 - level) / 2)
    return auc_a, auc_b, d, z, p, d - q * sd, d + q * sd


def expected_at_k(scores, labels, k):
    n = len(scores)
    total = 0.0
    count = 0
    for perm in itertools.permutations(range(n)):
        ranked = sorted(perm, key=lambda r: -scores[r])  # stable: ties keep the permutation's order
        total += sum(labels[r] != 0 for r in ranked[:k])
        count += 1
    hits = total / count
    return hits / min(k, n), hits / sum(l != 0 for l in labels)


def cpp(values):
    return "{ " + ", ".join(repr(float(v)) if isinstance(v, float) else str(v) for v in values) + " }"


def main():
    print(f"// scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}")
    rng = np.random.RandomState(19)
    n = 60
    y = (rng.rand(n) < 0.3).astype(int)
    # Two correlated detectors; rounding to one decimal makes ties within and across classes.
    base = rng.randn(n) + 1.2 * y
    a = np.round(base + 0.5 * rng.randn(n), 1)
    b = np.round(base + 1.0 * rng.randn(n), 1)
    print("const Labels labels", cpp(list(y)) + ";")
    print("const Scores a", cpp(list(a)) + ";")
    print("const Scores b", cpp(list(b)) + ";")
    for name, s in (("a", a), ("b", b)):
        print(f"// {name}: roc_auc {roc_auc_score(y, s)!r} average_precision {average_precision_score(y, s)!r}")
    auc_a, auc_b, d, z, p, lo, hi = delong_bruteforce(a, b, y)
    print(f"// DeLong a vs b: auc_a {auc_a!r} auc_b {auc_b!r} diff {d!r} z {z!r} p {p!r} ci95 [{lo!r}, {hi!r}]")
    auc_a, auc_b, d, z, p, lo, hi = delong_bruteforce(a, b, y, 0.9)
    print(f"// DeLong a vs b at 0.90: ci [{lo!r}, {hi!r}]")
    print(f"// norm.ppf(0.975) {norm.ppf(0.975)!r} norm.ppf(1e-10) {norm.ppf(1e-10)!r} norm.ppf(0.7) {norm.ppf(0.7)!r}")

    small_scores = [3, 2, 2, 2, 1, 1, 0, 2]
    small_labels = [1, 0, 1, 0, 0, 1, 0, 1]
    print("// tie-aware @k of", small_scores, small_labels)
    for k in range(1, 9):
        p, r = expected_at_k(small_scores, small_labels, k)
        print(f"//   k={k}: precision {p!r} recall {r!r}")


if __name__ == "__main__":
    main()
