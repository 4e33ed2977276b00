// File: run/task_config.h
//
// Splices a suite task into a candidate's config: the candidate's config
// with its env section replaced by the task's env, except for the env params
// in `keep` (the suite's candidate_env), which keep the candidate's values
// unless the task sets them.
//
// Example:
//   RunConfig cfg = parse_run_config(task_config(candidate.config_yaml, task, suite.candidate_env), source, {}, registry);
#pragma once

#include <string>
#include <vector>

#include "run/suite.h"

namespace ember {

std::string task_config(const std::string& candidate_config_yaml, const Task& task, const std::vector<std::string>& keep);

}  // namespace ember
