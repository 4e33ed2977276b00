#include "apps/env_config.h"

namespace ember {

RunConfig config_for_env(const std::string& env_id, const std::vector<std::string>& env_overrides,
                         Registry& registry) {
  if (!registry.find_env(env_id))
    throw ConfigError("command line: unknown env '" + env_id + "'" + suggest_suffix(env_id, registry.env_ids()));
  std::vector<std::string> overrides;
  for (const auto& o : env_overrides) overrides.push_back(o.rfind("env.", 0) == 0 ? o : "env." + o);
  const std::string yaml = "name: " + env_id + "\nenv: {id: '" + env_id + "'}\nagent: {id: random}\n";
  return parse_run_config(yaml, "command line", overrides, registry);
}

}  // namespace ember
