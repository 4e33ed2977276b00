// File: run/task_config.h
//
// Splices a suite task into a candidate's config: the candidate's config
// with its env section replaced by the task's env. The common env params
// num_envs and num_threads keep the candidate's values unless the task sets
// them (they are how the candidate runs, not what the task is).
//
// Example:
//   RunConfig cfg = parse_run_config(task_config(candidate.config_yaml, task), source, {}, registry);
#pragma once

#include <string>

#include "run/suite.h"

namespace ember {

std::string task_config(const std::string& candidate_config_yaml, const Task& task);

}  // namespace ember
