// File: core/evaluator.h
//
// Runs a policy for a fixed number of whole episodes through collect() and
// returns every episode's return and metrics. Episodes are spread evenly over
// the envs (each env contributes its first k episodes), which avoids the bias
// towards short episodes of "the first N episodes to finish".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

struct EvalResult {
  std::vector<double> returns;
  std::vector<double> lengths;
  std::vector<std::string> metric_names;
  std::vector<std::vector<double>> metrics;  // [metric][episode]
};

// Resets `envs` with `seed`, then runs `episodes` episodes.
EvalResult evaluate(Policy& policy, VectorEnv& envs, int64_t episodes, uint64_t seed);

}  // namespace ember
