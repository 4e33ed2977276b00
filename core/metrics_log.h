// File: core/metrics_log.h
//
// An append-only CSV log of named scalars (metrics.csv, eval.csv). The first
// row fixes the columns; later rows fill the columns they have and leave the
// others empty (unknown new keys are an error: a learner reports a stable
// set). Rows are flushed as written, so a killed run keeps its log.
//
// Example:
//   MetricsLog log("runs/a/metrics.csv");
//   log.write({{"step", 1024}, {"charts/episodic_return", 21.5}});
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace ember {

using Row = std::vector<std::pair<std::string, double>>;

class MetricsLog {
 public:
  // Opens `path` for appending. When `resume_after_step` >= 0 the file is
  // first cut back to the rows whose "step" <= it, so a resumed run does not
  // repeat rows logged after its checkpoint.
  explicit MetricsLog(std::string path, int64_t resume_after_step = -1);
  void write(const Row& row);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::string> columns_;
  std::ofstream out_;
};

}  // namespace ember
