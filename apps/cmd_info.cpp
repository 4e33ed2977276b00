// `ember list` and `ember describe ID [key=value ...]`.

#include <iostream>

#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "apps/env_config.h"
#include "core/config.h"
#include "run/run_factory.h"

namespace ember {

namespace {
void print_params(const std::vector<ParamSpec>& params) {
  if (params.empty()) {
    std::cout << "  (no parameters)\n";
    return;
  }
  size_t width = 0;
  for (const auto& p : params) width = std::max(width, p.name.size());
  for (const auto& p : params)
    std::cout << "  " << p.name << std::string(width - p.name.size() + 2, ' ') << p.describe_type() << "\n"
              << "  " << std::string(width + 2, ' ') << p.doc << "\n";
}
}  // namespace

int cmd_list(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first, {"plugin"}, {});
  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);
  std::cout << "envs:\n";
  for (const auto& id : registry.env_ids()) {
    const EnvRegistration* r = registry.find_env(id);
    std::cout << "  " << id << " - " << r->doc;
    if (r->origin != "built-in") std::cout << " [" << r->origin << "]";
    std::cout << "\n";
  }
  std::cout << "agents:\n";
  for (const auto& id : registry.agent_ids()) std::cout << "  " << id << " - " << registry.find_agent(id)->doc << "\n";
  return 0;
}

int cmd_describe(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first, {"plugin"}, {});
  if (args.positional.size() != 1) throw UsageError("usage: ember describe ID [key=value ...] [--plugin LIB]");
  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);
  const std::string& id = args.positional[0];
  if (const EnvRegistration* env = registry.find_env(id)) {
    // key=value words configure the env whose spec is shown (its shapes
    // depend on them), validated like a config's env section before any output.
    const RunConfig config = config_for_env(id, args.overrides, registry);
    std::cout << "env " << id << ": " << env->doc << "\n\nparameters (env section):\n";
    print_params(env->params);
    std::cout << "\ncommon env parameters:\n";
    print_params(common_env_param_specs());
    std::cout << "\nspec with " << (args.overrides.empty() ? "default parameters" : "these parameters") << ":\n"
              << make_env(config, registry)->spec().to_string();
    return 0;
  }
  if (const AgentRegistration* agent = registry.find_agent(id)) {
    if (!args.overrides.empty())
      throw UsageError("key=value words configure an env's spec; '" + id + "' is an agent");
    std::cout << "agent " << id << ": " << agent->doc << "\n\nparameters (agent section):\n";
    print_params(agent->params);
    return 0;
  }
  std::vector<std::string> ids = registry.env_ids();
  for (const auto& a : registry.agent_ids()) ids.push_back(a);
  throw UsageError("no env or agent is called '" + id + "'" + suggest_suffix(id, ids));
}

}  // namespace ember
