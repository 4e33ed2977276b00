// File: run/results_json.h
//
// The JSON report of a suite evaluation (results.json): the suite's name,
// episodes per run and seeds; per (task, agent) every run (candidate, seed,
// score, every episode's return, env and agent metrics) and the summary over
// runs; the stratified IQMs per task group and over all tasks.
//
// Example:
//   write_file_atomic(dir + "/results.json", results_json(results));
#pragma once

#include <string>

#include "run/suite_eval.h"

namespace ember {

// Indented with two spaces, ending in a newline.
std::string results_json(const SuiteResults& results);

}  // namespace ember
