#include "run/episodes_csv.h"

#include <sstream>

namespace ember {

std::string episodes_csv(const SuiteResults& results) {
  std::ostringstream csv;
  csv << "task,candidate,seed,episode,return,length\n";
  for (const TaskResult& row : results.tasks)
    for (const SuiteRun& r : row.runs)
      for (size_t e = 0; e < r.episodes.returns.size(); ++e)
        csv << row.task.name << "," << r.candidate << "," << r.seed << "," << e << "," << r.episodes.returns[e] << ","
            << r.episodes.lengths[e] << "\n";
  return csv.str();
}

}  // namespace ember
