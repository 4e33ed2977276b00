#include "run/suite_report.h"

#include <sys/stat.h>

#include "core/atomic_file.h"
#include "run/episodes_csv.h"
#include "run/results_json.h"
#include "run/results_table.h"

namespace ember {

void write_suite_report(const std::string& dir, const SuiteResults& results) {
  ::mkdir(dir.c_str(), 0755);
  write_file_atomic(dir + "/results.md", "# " + results.suite.name + "\n\n" + results_table(results));
  write_file_atomic(dir + "/results.json", results_json(results));
  write_file_atomic(dir + "/episodes.csv", episodes_csv(results));
}

}  // namespace ember
