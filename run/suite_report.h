// File: run/suite_report.h
//
// Writes a suite evaluation's reports into a folder (created if missing),
// each file atomically: results.md (the markdown table under the suite's
// name), results.json and episodes.csv.
//
// Example:
//   write_suite_report("runs/eval_classic", results);
#pragma once

#include <string>

#include "run/suite_eval.h"

namespace ember {

void write_suite_report(const std::string& dir, const SuiteResults& results);

}  // namespace ember
