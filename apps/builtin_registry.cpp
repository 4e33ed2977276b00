#include "apps/builtin_registry.h"

#include "agents/register_builtin.h"
#include "core/config.h"
#include "core/plugin.h"
#include "envs/register_builtin.h"

namespace ember {

Registry make_builtin_registry() {
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  set_plugin_loader([](const std::string& path, Registry& r) { load_plugin(path, r); });
  return registry;
}

void load_plugins(const std::vector<std::string>& paths, Registry& registry) {
  for (const auto& path : paths) load_plugin(path, registry);
}

}  // namespace ember
