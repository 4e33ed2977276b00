#include "run/suite.h"

#include <algorithm>

#include "core/config.h"

namespace ember {

namespace {

// One entry of `tasks:`; `where(node)` is "file:line: " of a node.
template <typename Where>
Task read_task(const YAML::Node& t, const Where& where) {
  if (!t.IsMap() || !t["env"] || !t["env"]["id"])
    throw ConfigError(where(t) + "a task needs an env section with an id");
  for (const auto& field : t) {
    const std::string task_key = field.first.as<std::string>();
    if (task_key != "name" && task_key != "group" && task_key != "env")
      throw ConfigError(where(field.first) + "unknown task key '" + task_key + "'" +
                        suggest_suffix(task_key, {"name", "group", "env"}));
  }
  Task task;
  task.env = t["env"];
  task.name = t["name"] ? t["name"].as<std::string>() : task.env["id"].as<std::string>();
  if (t["group"]) task.group = t["group"].as<std::string>();
  task.line = t.Mark().line + 1;
  return task;
}

}  // namespace

Suite read_suite(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError(path + ": cannot read the suite file");
  } catch (const YAML::Exception& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  auto where = [&](const YAML::Node& n) { return path + ":" + std::to_string(n.Mark().line + 1) + ": "; };
  if (!root.IsMap()) throw ConfigError(path + ": a suite is a YAML map with name, episodes, seeds, tasks");
  Suite suite;
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    try {
      if (key == "name") {
        suite.name = kv.second.as<std::string>();
      } else if (key == "episodes") {
        suite.episodes = kv.second.as<int64_t>();
        if (suite.episodes < 1) throw ConfigError(where(kv.second) + "episodes must be >= 1");
      } else if (key == "seeds") {
        suite.seeds = kv.second.as<std::vector<uint64_t>>();
        if (suite.seeds.empty()) throw ConfigError(where(kv.second) + "seeds must not be empty");
      } else if (key == "metrics") {
        suite.metrics = kv.second.as<std::vector<std::string>>();
      } else if (key == "candidate_env") {
        for (const std::string& param : kv.second.as<std::vector<std::string>>())
          if (std::find(suite.candidate_env.begin(), suite.candidate_env.end(), param) == suite.candidate_env.end())
            suite.candidate_env.push_back(param);
      } else if (key == "tasks") {
        if (!kv.second.IsSequence()) throw ConfigError(where(kv.second) + "tasks must be a list");
        for (const auto& t : kv.second) suite.tasks.push_back(read_task(t, where));
      } else {
        throw ConfigError(where(kv.first) + "unknown suite key '" + key + "'" +
                          suggest_suffix(key, {"name", "episodes", "seeds", "metrics", "tasks", "candidate_env"}));
      }
    } catch (const YAML::Exception& e) {
      throw ConfigError(where(kv.second) + key + ": " + e.msg);
    }
  }
  if (suite.tasks.empty()) throw ConfigError(path + ": the suite lists no tasks");
  if (suite.name.empty()) suite.name = path;
  return suite;
}

Suite checkpoint_suite(const std::string& checkpoint_path, const std::string& config_yaml) {
  const YAML::Node cfg = YAML::Load(config_yaml);
  Suite suite;
  suite.name = checkpoint_path;
  suite.tasks.push_back({cfg["env"]["id"].as<std::string>(), "", cfg["env"], 0});
  suite.episodes = cfg["eval"]["episodes"].as<int64_t>();
  suite.seeds = {cfg["eval"]["seed"].as<uint64_t>()};
  return suite;
}

}  // namespace ember
