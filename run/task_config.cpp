#include "run/task_config.h"

#include <yaml-cpp/yaml.h>

namespace ember {

std::string task_config(const std::string& candidate_config_yaml, const Task& task) {
  YAML::Node cfg = YAML::Load(candidate_config_yaml);
  YAML::Node env = YAML::Clone(task.env);
  for (const auto& kv : cfg["env"]) {
    const std::string key = kv.first.as<std::string>();
    if ((key == "num_envs" || key == "num_threads") && !env[key]) env[key] = kv.second;
  }
  cfg["env"] = env;
  YAML::Emitter out;
  out << cfg;
  return out.c_str();
}

}  // namespace ember
