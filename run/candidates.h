// File: run/candidates.h
//
// What `ember eval` evaluates: candidates, each a trained checkpoint (its
// config plus its agent state) or a config alone (an untrained or scripted
// agent). Candidates with the same agent id pool their runs in the results
// (e.g. checkpoints of several training seeds).
//
// Example:
//   std::vector<Candidate> c = {checkpoint_candidate("runs/a/checkpoints/latest.ckpt"),
//                               config_candidate("configs/classic/random.yaml", {}, registry)};
//   std::vector<std::string> agents = agent_groups(c);   // {"ppo", "random"}
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/registry.h"

namespace ember {

// A candidate that cannot be read or loaded (a bad request: the CLI exits 2).
class CandidateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Candidate {
  std::string label;
  std::string config_yaml;  // the resolved config
  std::string checkpoint;   // its path; empty for a config (the state is read when it is evaluated)
  std::string agent_id;
};

// Reads the checkpoint's config; CandidateError when the file is not a checkpoint.
Candidate checkpoint_candidate(const std::string& path);
// Validates the config now (with `overrides`), so a bad one fails before any evaluation.
Candidate config_candidate(const std::string& path, const std::vector<std::string>& overrides, Registry& registry);

// The distinct agent ids, in the candidates' order.
std::vector<std::string> agent_groups(const std::vector<Candidate>& candidates);

}  // namespace ember
