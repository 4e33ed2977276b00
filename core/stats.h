// File: core/stats.h
//
// Summary statistics for evaluation reports, in the manner recommended by
// rliable (Agarwal et al. 2021): the interquartile mean and percentile
// bootstrap confidence intervals, next to the plain mean and std.
//
// Example:
//   Summary s = summarize(scores, /*seed=*/0);
//   // s.mean, s.iqm, s.ci_low, s.ci_high (95% bootstrap CI of the mean)
#pragma once

#include <cstdint>
#include <vector>

namespace ember {

double mean_of(const std::vector<double>& x);
double std_of(const std::vector<double>& x);  // population std, as numpy's default
// Mean of the middle 50% (scipy.stats.trim_mean(x, 0.25)); fractional
// trimming weights the boundary elements so IQM is defined for any n >= 1.
double iqm_of(std::vector<double> x);

struct Summary {
  int64_t n = 0;
  double mean = 0, std = 0, iqm = 0;
  double ci_low = 0, ci_high = 0;  // 95% percentile bootstrap CI of the mean
};

// `reps` bootstrap resamples drawn from an Rng seeded with `seed`.
Summary summarize(const std::vector<double>& x, uint64_t seed, int reps = 2000);

// Stratified bootstrap CI of an aggregate across tasks: resample runs with
// replacement within each task, then take the IQM of all scores.
// scores[task][run]. Returns {iqm, low, high}.
struct Interval {
  double point = 0, low = 0, high = 0;
};
Interval stratified_iqm(const std::vector<std::vector<double>>& scores, uint64_t seed, int reps = 2000);

}  // namespace ember
