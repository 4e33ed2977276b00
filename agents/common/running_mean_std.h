// File: agents/common/running_mean_std.h
//
// Running mean and variance per element (Chan et al. parallel update), used
// to normalise observations and to scale rewards. Plain C++ so it can be
// updated in the acting hot path without tensor dispatch, and saved inside
// the learner's checkpoint (a normaliser lost on resume silently degrades a
// policy — a known failure of peer libraries).
#pragma once

#include <cmath>
#include <cstdint>
#include <istream>
#include <ostream>
#include <vector>

#include "core/binary_io.h"

namespace ember {

class RunningMeanStd {
 public:
  explicit RunningMeanStd(size_t size = 0) : mean_(size, 0.0), var_(size, 1.0) {}

  size_t size() const { return mean_.size(); }

  // Adds `rows` samples laid out row-major [rows, size()].
  void update(const float* data, int64_t rows) {
    if (rows <= 0) return;
    const size_t n = size();
    batch_mean_.assign(n, 0.0);
    batch_var_.assign(n, 0.0);
    for (int64_t r = 0; r < rows; ++r)
      for (size_t j = 0; j < n; ++j) batch_mean_[j] += data[r * n + j];
    for (size_t j = 0; j < n; ++j) batch_mean_[j] /= static_cast<double>(rows);
    for (int64_t r = 0; r < rows; ++r)
      for (size_t j = 0; j < n; ++j) {
        const double d = data[r * n + j] - batch_mean_[j];
        batch_var_[j] += d * d;
      }
    const double b = static_cast<double>(rows);
    const double total = count_ + b;
    for (size_t j = 0; j < n; ++j) {
      const double var_b = batch_var_[j] / b;
      const double delta = batch_mean_[j] - mean_[j];
      const double m2 = var_[j] * count_ + var_b * b + delta * delta * count_ * b / total;
      mean_[j] += delta * b / total;
      var_[j] = m2 / total;
    }
    count_ = total;
  }

  // out = clip((x - mean) / sqrt(var + eps), -clip, clip), row-major [rows, size()].
  void normalize(const float* in, float* out, int64_t rows, double clip = 10.0) const {
    const size_t n = size();
    for (int64_t r = 0; r < rows; ++r)
      for (size_t j = 0; j < n; ++j) {
        double v = (in[r * n + j] - mean_[j]) / std::sqrt(var_[j] + 1e-8);
        v = v < -clip ? -clip : (v > clip ? clip : v);
        out[r * n + j] = static_cast<float>(v);
      }
  }

  double mean(size_t j) const { return mean_[j]; }
  double stddev(size_t j) const { return std::sqrt(var_[j] + 1e-8); }

  void save(std::ostream& out) const {
    write_vector(out, mean_);
    write_vector(out, var_);
    write_pod(out, count_);
  }
  void load(std::istream& in) {
    read_vector(in, mean_);
    read_vector(in, var_);
    count_ = read_pod<double>(in);
  }

 private:
  std::vector<double> mean_, var_;
  double count_ = 1e-4;  // as in gym's RunningMeanStd: avoids a zero-count first update
  std::vector<double> batch_mean_, batch_var_;
};

}  // namespace ember
