#include "run/suite_report.h"

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "core/atomic_file.h"
#include "run/episodes_csv.h"
#include "run/results_json.h"
#include "run/results_table.h"

namespace ember {

void make_report_dir(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error || !std::filesystem::is_directory(dir))
    throw std::runtime_error("cannot create the report folder '" + dir + "'" +
                             (error ? ": " + error.message() : std::string(": a file of that name exists")));
}

void write_suite_report(const std::string& dir, const SuiteResults& results) {
  make_report_dir(dir);
  write_file_atomic(dir + "/results.md", "# " + results.suite.name + "\n\n" + results_table(results));
  write_file_atomic(dir + "/results.json", results_json(results));
  write_file_atomic(dir + "/episodes.csv", episodes_csv(results));
}

}  // namespace ember
