#include "run/results_table.h"

#include <cstdio>
#include <sstream>

namespace ember {

namespace {

std::string fmt(double v, int precision = 3) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", precision, v);
  return buf;
}

// The mean over runs of each requested metric column, "-" when no run
// reported it; a metric is an agent's own (cl_fraction) or an env's.
std::vector<std::string> metric_cells(const TaskResult& row, const std::vector<std::string>& columns) {
  std::vector<double> sum(columns.size(), 0.0);
  std::vector<int> runs(columns.size(), 0);
  auto add = [&](const std::string& name, double value) {
    for (size_t k = 0; k < columns.size(); ++k)
      if (columns[k] == name) {
        sum[k] += value;
        ++runs[k];
      }
  };
  for (const SuiteRun& r : row.runs) {
    for (const auto& [name, value] : r.agent_metrics) add(name, value);
    for (size_t m = 0; m < r.episodes.metric_names.size(); ++m)
      add(r.episodes.metric_names[m], mean_of(r.episodes.metrics[m]));
  }
  std::vector<std::string> cells;
  for (size_t k = 0; k < columns.size(); ++k) cells.push_back(runs[k] ? fmt(sum[k] / runs[k]) : std::string("-"));
  return cells;
}

void task_row(std::ostream& table, const TaskResult& row, const Suite& suite) {
  const Summary& s = row.summary;
  const bool spread = s.n > 1;  // the CI and std are over runs: one run has neither
  table << "| " << row.task.name << " | " << row.agent << " | " << s.n << " | " << suite.episodes << " | "
        << fmt(s.mean) << " | " << fmt(s.iqm) << " | "
        << (spread ? "[" + fmt(s.ci_low) + ", " + fmt(s.ci_high) + "]" : std::string("-")) << " | "
        << (spread ? fmt(s.std) : std::string("-")) << " |";
  for (const std::string& cell : metric_cells(row, suite.metrics)) table << " " << cell << " |";
  table << "\n";
}

void aggregate_row(std::ostream& table, const AggregateResult& a) {
  const std::string label = a.group.empty() ? "all" : a.group;
  table << "| **" << label << " tasks (IQM)** | " << a.agent << " | | | | " << fmt(a.iqm.point) << " | ["
        << fmt(a.iqm.low) << ", " << fmt(a.iqm.high) << "] | |\n";
}

}  // namespace

std::string results_table(const SuiteResults& results) {
  const Suite& suite = results.suite;
  std::ostringstream table;
  table << "| task | agent | runs | episodes | mean | IQM | 95% CI | std |";
  for (const std::string& m : suite.metrics) table << " " << m << " |";
  table << "\n|---|---|---|---|---|---|---|---|";
  for (size_t m = 0; m < suite.metrics.size(); ++m) table << "---|";
  table << "\n";
  for (const TaskResult& row : results.tasks) task_row(table, row, suite);
  for (const AggregateResult& a : results.group_iqm) aggregate_row(table, a);
  for (const AggregateResult& a : results.all_iqm) aggregate_row(table, a);
  return table.str();
}

}  // namespace ember
