#include "run/task_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace ember {

std::string task_config(const std::string& candidate_config_yaml, const Task& task, const std::vector<std::string>& keep) {
  YAML::Node cfg = YAML::Load(candidate_config_yaml);
  YAML::Node env = YAML::Clone(task.env);
  for (const auto& kv : cfg["env"]) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(keep.begin(), keep.end(), key) != keep.end() && !env[key]) env[key] = kv.second;
  }
  cfg["env"] = env;
  YAML::Emitter out;
  out << cfg;
  return out.c_str();
}

}  // namespace ember
