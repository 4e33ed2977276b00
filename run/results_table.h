// File: run/results_table.h
//
// The markdown results table of a suite evaluation: one row per (task,
// agent) with runs, episodes per run, mean, IQM, 95% bootstrap CI and std
// over runs (the CI and std are "-" for a single run), the suite's extra
// metric columns (mean over the runs reporting them), then one stratified
// IQM row per task group and per agent over all tasks.
//
// Example:
//   std::cout << "\n" << results_table(evaluate_suite(suite, candidates, registry, {}));
#pragma once

#include <string>

#include "run/suite_eval.h"

namespace ember {

std::string results_table(const SuiteResults& results);

}  // namespace ember
