#include "core/stats.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/rng.h"

namespace ember {

double mean_of(const std::vector<double>& x) {
  if (x.empty()) return NAN;
  double s = 0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

double std_of(const std::vector<double>& x) {
  if (x.empty()) return NAN;
  const double m = mean_of(x);
  double s = 0;
  for (double v : x) s += (v - m) * (v - m);
  return std::sqrt(s / static_cast<double>(x.size()));
}

double iqm_of(std::vector<double> x) {
  if (x.empty()) return NAN;
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  // keep the interval [n/4, 3n/4) of the sorted sample, weighting partial elements
  const double lo = n * 0.25, hi = n * 0.75;
  double sum = 0, weight = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const double a = std::max(lo, static_cast<double>(i));
    const double b = std::min(hi, static_cast<double>(i + 1));
    if (b > a) {
      sum += (b - a) * x[i];
      weight += b - a;
    }
  }
  return sum / weight;
}

namespace {
std::pair<double, double> percentile_interval(std::vector<double> stats) {
  std::sort(stats.begin(), stats.end());
  auto at = [&](double q) {
    const double pos = q * static_cast<double>(stats.size() - 1);
    const auto i = static_cast<size_t>(pos);
    const double frac = pos - static_cast<double>(i);
    return i + 1 < stats.size() ? stats[i] * (1 - frac) + stats[i + 1] * frac : stats[i];
  };
  return {at(0.025), at(0.975)};
}
}  // namespace

Summary summarize(const std::vector<double>& x, uint64_t seed, int reps) {
  Summary s;
  s.n = static_cast<int64_t>(x.size());
  if (x.empty()) {
    s.mean = s.std = s.iqm = s.ci_low = s.ci_high = NAN;
    return s;
  }
  s.mean = mean_of(x);
  s.std = std_of(x);
  s.iqm = iqm_of(x);
  Rng rng(seed);
  std::vector<double> means(static_cast<size_t>(reps));
  const auto n = static_cast<int64_t>(x.size());
  for (auto& m : means) {
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += x[static_cast<size_t>(rng.uniform_int(n))];
    m = sum / static_cast<double>(n);
  }
  std::tie(s.ci_low, s.ci_high) = percentile_interval(means);
  return s;
}

Interval stratified_iqm(const std::vector<std::vector<double>>& scores, uint64_t seed, int reps) {
  std::vector<double> all;
  for (const auto& task : scores) all.insert(all.end(), task.begin(), task.end());
  Interval out;
  out.point = iqm_of(all);
  if (all.empty()) {
    out.low = out.high = NAN;
    return out;
  }
  Rng rng(seed);
  std::vector<double> stats(static_cast<size_t>(reps));
  std::vector<double> sample;
  for (auto& st : stats) {
    sample.clear();
    for (const auto& task : scores) {
      const auto n = static_cast<int64_t>(task.size());
      for (int64_t i = 0; i < n; ++i) sample.push_back(task[static_cast<size_t>(rng.uniform_int(n))]);
    }
    st = iqm_of(sample);
  }
  std::tie(out.low, out.high) = percentile_interval(stats);
  return out;
}

}  // namespace ember
