#include "run/candidates.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>

#include "core/checkpoint.h"

namespace ember {

namespace {

std::string agent_id_of(const std::string& config_yaml) {
  return YAML::Load(config_yaml)["agent"]["id"].as<std::string>();
}

}  // namespace

Candidate checkpoint_candidate(const std::string& path) {
  std::string config_yaml;
  try {
    config_yaml = CheckpointReader(path).config_yaml();
  } catch (const std::exception& e) {
    throw CandidateError(e.what());
  }
  return {path, config_yaml, path, agent_id_of(config_yaml)};
}

Candidate config_candidate(const std::string& path, const std::vector<std::string>& overrides, Registry& registry) {
  if (!std::ifstream(path)) throw CandidateError("cannot read config '" + path + "'");
  const RunConfig cfg = load_run_config(path, overrides, registry);
  return {path, cfg.to_yaml(), "", cfg.agent_id};
}

std::vector<std::string> agent_groups(const std::vector<Candidate>& candidates) {
  std::vector<std::string> groups;
  for (const Candidate& c : candidates)
    if (std::find(groups.begin(), groups.end(), c.agent_id) == groups.end()) groups.push_back(c.agent_id);
  return groups;
}

}  // namespace ember
