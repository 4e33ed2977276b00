#include "core/plugin.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/vector_env.h"
#include "core/version.h"

// Paths of the test plugins (tests/plugins/CMakeLists.txt).
#ifndef EMBER_TEST_PLUGIN_GOOD
#error "tests/plugins/CMakeLists.txt must define EMBER_TEST_PLUGIN_* for core_tests"
#endif

namespace ember {
namespace {

namespace fs = std::filesystem;

// EXPECT_CONTAINS(text, part): `part` occurs in `text`; prints both otherwise.
::testing::AssertionResult Contains(const char* text_expr, const char* part_expr,
                                    const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << text_expr << " does not contain " << part_expr
                                       << "\n  text: " << text << "\n  part: " << part;
}
#define EXPECT_CONTAINS(text, part) EXPECT_PRED_FORMAT2(Contains, text, part)

const std::string kGood = EMBER_TEST_PLUGIN_GOOD;
const std::string kOtherAbi = EMBER_TEST_PLUGIN_OTHER_ABI;
const std::string kHalf = EMBER_TEST_PLUGIN_HALF;
const std::string kNotAPlugin = EMBER_TEST_NOT_A_PLUGIN;
const std::string kReachTarget = EMBER_TEST_PLUGIN_REACH_TARGET;

// The message of the PluginError that load_plugin(path) throws (fails the test if none).
std::string load_error(const std::string& path, Registry& registry) {
  try {
    load_plugin(path, registry);
  } catch (const PluginError& e) {
    return e.what();
  }
  ADD_FAILURE() << "load_plugin('" << path << "') did not throw PluginError";
  return {};
}

std::vector<std::unique_ptr<Env>> make_envs(const Registry& registry, const std::string& id,
                                            int n) {
  const EnvRegistration* reg = registry.find_env(id);
  if (!reg) throw std::runtime_error("env '" + id + "' is not registered");
  std::vector<std::unique_ptr<Env>> envs;
  for (int i = 0; i < n; ++i) envs.push_back(reg->make(Params::defaults(reg->params)));
  return envs;
}

// PluginError is how callers (config loading, the CLI) tell plugin failures apart.
TEST(Plugin, PluginErrorIsARuntimeError) {
  static_assert(std::is_base_of<std::runtime_error, PluginError>::value);
  EXPECT_STREQ(PluginError("x").what(), "x");
}

// Every env a well-formed plugin registers appears with the plugin's path as origin.
TEST(Plugin, GoodPluginRegistersItsEnvsWithItsPathAsOrigin) {
  Registry registry;
  load_plugin(kGood, registry);
  for (const char* id : {"plugin-test-countdown", "plugin-test-countdown-2"}) {
    const EnvRegistration* reg = registry.find_env(id);
    ASSERT_NE(reg, nullptr) << id;
    EXPECT_EQ(reg->origin, kGood) << id;
  }
  EXPECT_EQ(registry.find_env("plugin-test-countdown")->params.size(), 1u);
  ASSERT_EQ(registry.plugins().size(), 1u);
  EXPECT_EQ(registry.plugins()[0], fs::canonical(kGood).string());
}

// Envs built from a plugin's factory run in a VectorEnv like built-in ones.
TEST(Plugin, PluginEnvCanBeConstructedAndStepped) {
  Registry registry;
  load_plugin(kGood, registry);
  VectorEnv envs(make_envs(registry, "plugin-test-countdown", 2));
  EXPECT_EQ(envs.spec().id, "plugin-test-countdown");
  envs.reset(/*seed=*/1);
  EXPECT_EQ(envs.field_as<float>(0)[0], 3.0f);
  for (int t = 0; t < 3; ++t) {
    envs.discrete_actions()[0] = 1;
    envs.discrete_actions()[1] = 0;
    envs.step();
    EXPECT_EQ(envs.rewards()[0], 1.0f);
    EXPECT_EQ(envs.rewards()[1], 0.0f);
  }
  ASSERT_TRUE(envs.terminated()[0]);
  ASSERT_TRUE(envs.done()[1]);
  EXPECT_EQ(envs.episode_return(0), 3.0);
  EXPECT_EQ(envs.episode_length(1), 3);
  EXPECT_EQ(envs.field_as<float>(0)[0], 3.0f);  // autoreset started a new episode
}

// Loading a path again, even spelled differently, changes nothing.
TEST(Plugin, LoadingTheSamePathTwiceIsANoOp) {
  Registry registry;
  load_plugin(kGood, registry);
  const std::vector<std::string> ids = registry.env_ids();
  load_plugin(kGood, registry);
  const fs::path p(kGood);
  const std::string respelled =
      (p.parent_path() / ".." / p.parent_path().filename() / p.filename()).string();
  load_plugin(respelled, registry);
  const std::string relative = fs::relative(p, fs::current_path()).string();
  load_plugin(relative, registry);
  EXPECT_EQ(registry.env_ids(), ids);
  EXPECT_EQ(registry.plugins().size(), 1u);
  EXPECT_EQ(registry.find_env("plugin-test-countdown")->origin, kGood);
}

// A relative path works and is kept verbatim as the origin.
TEST(Plugin, RelativePathIsLoadedAndKeptAsOrigin) {
  Registry registry;
  const std::string relative = fs::relative(fs::path(kGood), fs::current_path()).string();
  ASSERT_FALSE(fs::path(relative).is_absolute());
  load_plugin(relative, registry);
  const EnvRegistration* reg = registry.find_env("plugin-test-countdown");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->origin, relative);
}

// Each registry gets the plugin's registrations, although the library is opened once.
TEST(Plugin, EachRegistryReceivesThePluginsEnvs) {
  Registry first, second;
  load_plugin(kGood, first);
  load_plugin(kGood, second);
  EXPECT_NE(first.find_env("plugin-test-countdown"), nullptr);
  EXPECT_NE(second.find_env("plugin-test-countdown"), nullptr);
  EXPECT_EQ(second.find_env("plugin-test-countdown-2")->origin, kGood);
}

// A plugin reporting another plugin ABI is refused before any of its envs is registered.
TEST(Plugin, PluginBuiltForAnotherAbiIsRefused) {
  Registry registry;
  const std::string message = load_error(kOtherAbi, registry);
  EXPECT_CONTAINS(message, "plugin '" + kOtherAbi + "' was built against ember " + EMBER_VERSION +
                               " (plugin ABI " + std::to_string(EMBER_PLUGIN_ABI + 1) + ")");
  EXPECT_CONTAINS(message, "but this is ember " + std::string(EMBER_VERSION) + " (plugin ABI " +
                               std::to_string(EMBER_PLUGIN_ABI) + ")");
  EXPECT_CONTAINS(message, "rebuild it against this version");
  EXPECT_TRUE(registry.env_ids().empty());
  EXPECT_TRUE(registry.plugins().empty());
}

// A shared library without the EMBER_PLUGIN entry points is named as not a plugin.
TEST(Plugin, LibraryWithoutEntryPointsIsNotAPlugin) {
  Registry registry;
  const std::string message = load_error(kNotAPlugin, registry);
  EXPECT_CONTAINS(message, "plugin '" + kNotAPlugin + "' is not an ember plugin");
  EXPECT_CONTAINS(message, "ember_plugin_abi, ember_plugin_version, ember_plugin_register");
  EXPECT_CONTAINS(message, "EMBER_PLUGIN(register_function)");
  EXPECT_TRUE(registry.env_ids().empty());
}

// A library with the version symbols but no register function names what is missing.
TEST(Plugin, LibraryWithoutRegisterFunctionNamesIt) {
  Registry registry;
  const std::string message = load_error(kHalf, registry);
  EXPECT_CONTAINS(message, "plugin '" + kHalf + "' is not an ember plugin");
  EXPECT_CONTAINS(message, "does not define ember_plugin_register (");
}

// A path with no file behind it is reported with the path that was looked up.
TEST(Plugin, MissingFileIsReported) {
  Registry registry;
  const std::string path = "/nonexistent/dir/libno_such_plugin.so";
  EXPECT_EQ(load_error(path, registry),
            "plugin '" + path + "' not found (no file at " + path + ")");
  const std::string relative = "no_such_dir/libx.so";
  EXPECT_CONTAINS(load_error(relative, registry),
                  "(no file at " + (fs::current_path() / relative).string() + ")");
  EXPECT_CONTAINS(load_error("", registry), "plugin path is empty");
}

// A directory is not mistaken for a library.
TEST(Plugin, DirectoryIsReported) {
  Registry registry;
  const std::string dir = fs::path(kGood).parent_path().string();
  EXPECT_CONTAINS(load_error(dir, registry), "plugin '" + dir + "' is not a regular file");
}

// A file that is not a shared library carries dlopen's reason.
TEST(Plugin, FileThatIsNotALibraryCarriesDlopenReason) {
  Registry registry;
  const fs::path path = fs::temp_directory_path() / "ember_plugin_test_not_elf.so";
  { std::ofstream(path) << "this is not an ELF file\n"; }
  const std::string message = load_error(path.string(), registry);
  fs::remove(path);
  EXPECT_CONTAINS(message, "plugin '" + path.string() + "' could not be loaded: ");
  EXPECT_CONTAINS(message, path.string() + ": ");  // dlerror names the file too
}

// An exception from the plugin's register function becomes a PluginError naming the plugin.
TEST(Plugin, RegistrationFailureNamesThePlugin) {
  Registry registry;
  registry.add_env(
      {"plugin-test-countdown", "taken first", {}, [](const Params&) -> std::unique_ptr<Env> {
         return nullptr;
       }});
  const std::string message = load_error(kGood, registry);
  EXPECT_CONTAINS(message,
                  "plugin '" + kGood + "' (ember " + EMBER_VERSION + ") failed to register: ");
  EXPECT_CONTAINS(message, "env id 'plugin-test-countdown' is already registered");
  EXPECT_EQ(registry.find_env("plugin-test-countdown")->origin, "built-in");
  EXPECT_TRUE(registry.plugins().empty());
}

// The out-of-tree example env (examples/custom_env) honours its documented contract:
// moving toward the target always succeeds, with reward 1 - step_cost per step.
TEST(Plugin, ReachTargetExampleIsSolvedByWalkingTowardTheTarget) {
  Registry registry;
  load_plugin(kReachTarget, registry);
  const EnvRegistration* reg = registry.find_env("reach-target");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->origin, kReachTarget);
  VectorEnv envs(make_envs(registry, "reach-target", 4));
  EXPECT_EQ(envs.spec().max_episode_steps, 32);
  EXPECT_EQ(envs.spec().episode_metrics, std::vector<std::string>{"success"});
  envs.reset(/*seed=*/3);
  int episodes = 0;
  for (int t = 0; t < 200; ++t) {
    for (int i = 0; i < 4; ++i) {
      const float* obs = envs.field_as<float>(0) + 3 * i;
      ASSERT_TRUE(envs.spec().observation[0].space.contains(obs));
      ASSERT_NE(obs[2], 0.0f) << "an episode never starts on the target";
      envs.discrete_actions()[i] = obs[2] > 0 ? 1 : 0;
    }
    envs.step();
    for (int i = 0; i < 4; ++i) {
      if (!envs.done()[i]) {
        EXPECT_FLOAT_EQ(envs.rewards()[i], -0.01f);
        continue;
      }
      ++episodes;
      EXPECT_TRUE(envs.terminated()[i]);
      EXPECT_FALSE(envs.truncated()[i]);
      EXPECT_LE(envs.episode_length(i), 7);
      EXPECT_NEAR(envs.episode_return(i), 1.0 - 0.01 * envs.episode_length(i), 1e-5);
      EXPECT_EQ(envs.episode_metrics(i)[0], 1.0);
    }
  }
  EXPECT_GT(episodes, 100);
}

// The example env is deterministic given the seed, and rejects out-of-range actions.
TEST(Plugin, ReachTargetExampleIsSeededAndValidatesActions) {
  Registry registry;
  load_plugin(kReachTarget, registry);
  std::vector<std::unique_ptr<Env>> envs = make_envs(registry, "reach-target", 2);
  float obs_a[3], obs_b[3], reward = 0.0f;
  uint8_t terminated = 0;
  void* fields_a[] = {obs_a};
  void* fields_b[] = {obs_b};
  EnvSlot slot_a, slot_b;
  slot_a.fields = fields_a;
  slot_b.fields = fields_b;
  slot_a.reward = slot_b.reward = &reward;
  slot_a.terminated = slot_b.terminated = &terminated;
  for (int episode = 0; episode < 5; ++episode) {
    if (episode == 0) {
      envs[0]->seed(11);
      envs[1]->seed(11);
    }
    envs[0]->reset(slot_a);
    envs[1]->reset(slot_b);
    EXPECT_EQ(std::vector<float>(obs_a, obs_a + 3), std::vector<float>(obs_b, obs_b + 3));
  }
  const int32_t bad = 2;
  try {
    envs[0]->step(ActionView{&bad, nullptr}, slot_a);
    FAIL() << "action 2 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_CONTAINS(e.what(), "agent 0 action 2 is not in {0, 1}");
  }
}

}  // namespace
}  // namespace ember
