// File: run/suite_eval.h
//
// Evaluates candidates on a suite's tasks: per task and agent group, every
// candidate of the group is evaluated once per suite seed (a "run"; its
// score is its mean episode return). Each (task, candidate) is built with
// build_run() from the candidate's config spliced with the task's env
// (run/task_config.h); a checkpoint's agent state is loaded into it. A
// trained agent is skipped on tasks whose spaces differ from the env it was
// trained on (same_layout(..., LayoutMatch::kShapes)), with a note on stderr.
//
// Example:
//   SuiteResults results = evaluate_suite(suite, candidates, registry, {});
//   std::cout << results_table(results);
//
// The writers of the results are run/results_table.h (markdown),
// run/results_json.h and run/episodes_csv.h.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/evaluator.h"
#include "core/registry.h"
#include "core/stats.h"
#include "run/candidates.h"
#include "run/suite.h"

namespace ember {

// One candidate evaluated with one seed on one task.
struct SuiteRun {
  std::string candidate;
  uint64_t seed = 0;
  bool deterministic = true;
  double score = 0;      // mean episode return
  EvalResult episodes;
  Metrics agent_metrics;  // Agent::evaluation_metrics() after the run
};

// One (task, agent group) row.
struct TaskResult {
  Task task;
  std::string agent;
  std::vector<SuiteRun> runs;
  Summary summary;  // over the runs' scores
};

// A stratified-bootstrap IQM over the tasks of an agent (and task group).
struct AggregateResult {
  std::string agent;
  std::string group;  // empty: all tasks
  Interval iqm;
};

struct SuiteResults {
  Suite suite;
  std::vector<TaskResult> tasks;            // tasks in suite order, groups in candidate order
  std::vector<AggregateResult> group_iqm;   // per (agent, task group) with >= 2 tasks, sorted
  std::vector<AggregateResult> all_iqm;     // per agent with >= 2 tasks, sorted by agent
};

struct SuiteOptions {
  // eval.* overrides applied to every (task, candidate) config.
  std::vector<std::string> eval_overrides;
  // Called with the first config an agent is built for (the CLI sets
  // LibTorch's thread count from it).
  std::function<void(const RunConfig&)> before_first_agent;
};

// Throws CandidateError when a checkpoint's agent state cannot be loaded.
SuiteResults evaluate_suite(const Suite& suite, const std::vector<Candidate>& candidates, Registry& registry,
                            const SuiteOptions& options);

}  // namespace ember
