// File: run/episodes_csv.h
//
// Every evaluated episode of a suite evaluation as CSV (episodes.csv):
//   task,candidate,seed,episode,return,length
//
// Example:
//   write_file_atomic(dir + "/episodes.csv", episodes_csv(results));
#pragma once

#include <string>

#include "run/suite_eval.h"

namespace ember {

std::string episodes_csv(const SuiteResults& results);

}  // namespace ember
