// Every config shipped in configs/ loads and validates against the built-in
// registry (envs, agents and their parameters), so a newcomer's first
// `ember train configs/...` never fails on a stale key, and its agent can
// drive its env (checked against one built env's spec, as build_run does).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "agents/register_builtin.h"
#include "core/config.h"
#include "core/registry.h"
#include "run/build_run.h"
#include "run/run_factory.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

TEST(ShippedConfigs, EveryConfigLoadsAndValidates) {
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(EMBER_SOURCE_DIR) + "/configs"))
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  ASSERT_GT(paths.size(), 40u);  // classic, lbf (7 tasks x 7 learners), navigation, tabletop
  for (const std::string& path : paths) {
    try {
      const RunConfig config = load_run_config(path, {}, registry);
      EXPECT_FALSE(config.name.empty()) << path;
      check_agent_fits(config, registry, make_env(config, registry)->spec());
    } catch (const std::exception& e) {
      ADD_FAILURE() << path << ": " << e.what();
    }
  }
}

}  // namespace
}  // namespace ember
