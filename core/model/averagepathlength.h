#pragma once

namespace runlens::model {

// c(n): the average path length of an unsuccessful search in a binary search tree of n points,
// as scikit-learn's _average_path_length: 0 for n <= 1, 1 for n = 2, else
// 2 (ln(n - 1) + Euler's gamma) - 2 (n - 1) / n.
double averagePathLength(double n);

} // namespace runlens::model
