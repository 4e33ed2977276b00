// File: run/suite_report.h
//
// Writes a suite evaluation's reports into a folder (created with its
// parents if missing), each file atomically: results.md (the markdown table
// under the suite's name), results.json and episodes.csv.
//
// Example:
//   write_suite_report("runs/eval_classic", results);
#pragma once

#include <string>

#include "run/suite_eval.h"

namespace ember {

// Creates `dir` and its missing parents; throws std::runtime_error naming it
// when that fails (e.g. a file of that name is in the way).
void make_report_dir(const std::string& dir);
void write_suite_report(const std::string& dir, const SuiteResults& results);

}  // namespace ember
