// MetricsLog on resume: rows logged after the checkpoint step are dropped, so
// a resumed run does not repeat them.

#include "core/metrics_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ember {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(MetricsLog, ResumeDropsRowsAfterTheCheckpointStep) {
  const std::string path = (std::filesystem::temp_directory_path() / "ember_metrics_log_test.csv").string();
  {
    MetricsLog log(path);
    for (const double step : {100.0, 200.0, 300.0}) log.write({{"step", step}, {"value", step / 100}});
  }
  {
    MetricsLog resumed(path, 200);
    resumed.write({{"step", 300.0}, {"value", 30.0}});
  }
  EXPECT_EQ(read_all(path), "step,value\n100,1\n200,2\n300,30\n");
  std::filesystem::remove(path);
}

// Older builds wrote large steps in exponent form; those rows are cut too.
TEST(MetricsLog, ResumeReadsStepsInExponentForm) {
  const std::string path = (std::filesystem::temp_directory_path() / "ember_metrics_log_exp_test.csv").string();
  {
    std::ofstream out(path);
    out << "step,value\n1200000,1\n1.25e+06,2\n1.3e+06,3\n";
  }
  { MetricsLog resumed(path, 1200000); }
  EXPECT_EQ(read_all(path), "step,value\n1200000,1\n");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ember
