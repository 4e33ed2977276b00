#include "core/config.h"
#include "run/build_run.h"
#include "run/run_factory.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/registry.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

// A do-nothing env whose spec has `agents` agents.
class FakeEnv : public Env {
 public:
  FakeEnv(std::string id, int agents) {
    spec_.id = std::move(id);
    spec_.num_agents = agents;
    spec_.observation = {{"obs", Space::box({2}, -1.0f, 1.0f)}};
    spec_.action = Space::discrete(3);
  }
  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t) override {}
  void reset(const EnvSlot&) override {}
  void step(const ActionView&, const EnvSlot&) override {}

 private:
  EnvSpec spec_;
};

AgentFactory never_called() {
  return [](const AgentContext&) -> std::unique_ptr<Agent> {
    ADD_FAILURE() << "config parsing must not build agents";
    return nullptr;
  };
}

// GridWorld-v0 (multi-agent when players > 1) and CartPole-v1 (no params);
// agents ppo (any env) and qmix (multi-agent envs only).
Registry fake_registry() {
  Registry r;
  r.add_env({"GridWorld-v0",
             "grid with players",
             {
                 ParamSpec::integer("size", 8, 5, 19, "side length"),
                 ParamSpec::integer("players", 1, 1, 4, "number of agents"),
                 ParamSpec::boolean("coop", false, "shared food"),
                 ParamSpec::string("layout", "open", {"open", "maze"}, "wall layout"),
                 ParamSpec::real("reward_scale", 1.0, 0.0, 10.0, "reward multiplier"),
                 ParamSpec::int_list("walls", {}, 0, 100, "wall cells"),
             },
             [](const Params& p) {
               return std::make_unique<FakeEnv>("GridWorld-v0",
                                                static_cast<int>(p.get_int("players")));
             }});
  r.add_env({"CartPole-v1", "cart-pole", {}, [](const Params&) {
               return std::make_unique<FakeEnv>("CartPole-v1", 1);
             }});
  AgentRegistration ppo;
  ppo.id = "ppo";
  ppo.doc = "proximal policy optimisation";
  ppo.params = {
      ParamSpec::real("lr", 2.5e-4, 0.0, 1.0, "learning rate"),
      ParamSpec::real("gamma", 0.99, 0.0, 1.0, "discount"),
      ParamSpec::int_list("hidden", {64, 64}, 1, 4096, "hidden layer sizes"),
      ParamSpec::boolean("norm_obs", true, "normalise observations"),
      ParamSpec::string("note", "", {}, "free text"),
  };
  ppo.make = never_called();
  r.add_agent(ppo);
  AgentRegistration qmix;
  qmix.id = "qmix";
  qmix.doc = "monotonic value factorisation";
  qmix.params = {ParamSpec::string("mixer", "qmix", {"vdn", "qmix"}, "value mixer")};
  qmix.make = never_called();
  qmix.compatible = [](const EnvSpec& spec) -> std::string {
    if (spec.num_agents < 2)
      return "needs a multi-agent env, got " + std::to_string(spec.num_agents) + " agent";
    return {};
  };
  r.add_agent(qmix);
  return r;
}

// A fresh directory per test under testing::TempDir().
std::string test_dir() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("ember_config_test_" + std::to_string(::getpid())) / info->name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string write_file(const std::string& dir, const std::string& name, const std::string& text) {
  std::string path = (fs::path(dir) / name).string();
  std::ofstream out(path);
  out << text;
  return path;
}

// The ConfigError message `fn` throws, or a marker when it throws none.
std::string config_error(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "<no ConfigError>";
}

// Restores the default plugin loader when a test ends.
struct LoaderGuard {
  ~LoaderGuard() { set_plugin_loader(nullptr); }
};

const char* kBasic =
    "env:\n"
    "  id: GridWorld-v0\n"
    "  size: 10\n"
    "agent:\n"
    "  id: ppo\n"
    "  lr: 1e-3\n"
    "train:\n"
    "  steps: 50000\n";

// A minimal file loads with its values, every default filled in, and the file stem as name.
TEST(Config, LoadsFileAndFillsDefaults) {
  std::string path = write_file(test_dir(), "grid_ppo.yaml", kBasic);
  Registry registry = fake_registry();
  RunConfig cfg = load_run_config(path, {}, registry);
  EXPECT_EQ(cfg.name, "grid_ppo");
  EXPECT_EQ(cfg.source, path);
  EXPECT_TRUE(cfg.plugins.empty());
  EXPECT_EQ(cfg.env_id, "GridWorld-v0");
  EXPECT_EQ(cfg.env.get_int("size"), 10);
  EXPECT_EQ(cfg.env.get_int("players"), 1);
  EXPECT_EQ(cfg.env.get_string("layout"), "open");
  EXPECT_EQ(cfg.env.get_int("num_envs"), 8);
  EXPECT_EQ(cfg.env.get_int("num_threads"), 1);
  EXPECT_FALSE(cfg.env.has("id"));
  EXPECT_EQ(cfg.agent_id, "ppo");
  EXPECT_EQ(cfg.agent.get_float("lr"), 1e-3);
  EXPECT_EQ(cfg.agent.get_float("gamma"), 0.99);
  EXPECT_EQ(cfg.agent.get_int_list("hidden"), (std::vector<int64_t>{64, 64}));
  EXPECT_EQ(cfg.train.get_int("steps"), 50000);
  EXPECT_EQ(cfg.train.get_int("seed"), 1);
  EXPECT_EQ(cfg.train.get_int("checkpoint_every"), 50000);
  EXPECT_EQ(cfg.eval.get_int("episodes"), 100);
  EXPECT_EQ(cfg.eval.get_int("seed"), 1000);
  EXPECT_TRUE(cfg.eval.get_bool("deterministic"));
}

// The train/eval/common env declarations carry the documented defaults and ranges.
TEST(Config, SectionSpecsHaveDocumentedDefaults) {
  auto describe = [](const std::vector<ParamSpec>& specs, const std::string& name) {
    const ParamSpec* s = find_param(specs, name);
    return s ? s->describe_type() : "<missing " + name + ">";
  };
  EXPECT_EQ(describe(common_env_param_specs(), "num_envs"), "int in [1, 4096], default 8");
  EXPECT_EQ(describe(common_env_param_specs(), "num_threads"), "int in [1, 256], default 1");
  EXPECT_EQ(describe(train_param_specs(), "steps"), "int in [1, 1000000000000], default 100000");
  EXPECT_EQ(describe(train_param_specs(), "seed"), "int in [0, 2147483647], default 1");
  EXPECT_EQ(describe(train_param_specs(), "torch_threads"), "int in [1, 256], default 1");
  EXPECT_EQ(describe(train_param_specs(), "log_every"), "int >= 1, default 10000");
  EXPECT_EQ(describe(train_param_specs(), "eval_every"), "int >= 0, default 0");
  EXPECT_EQ(describe(train_param_specs(), "checkpoint_every"), "int >= 0, default 50000");
  EXPECT_EQ(describe(train_param_specs(), "eval_num_envs"), "int in [1, 4096], default 8");
  EXPECT_EQ(describe(eval_param_specs(), "episodes"), "int in [1, 1000000], default 100");
  EXPECT_EQ(describe(eval_param_specs(), "seed"), "int in [0, 2147483647], default 1000");
  EXPECT_EQ(describe(eval_param_specs(), "deterministic"), "bool, default true");
}

// An explicit `name:` wins over the file stem; a name that is not a plain directory name is an error.
TEST(Config, ExplicitNameAndInvalidName) {
  Registry registry = fake_registry();
  std::string text = std::string("name: my_run\n") + kBasic;
  EXPECT_EQ(parse_run_config(text, "a/b/grid.yaml", {}, registry).name, "my_run");
  EXPECT_EQ(parse_run_config(kBasic, "a/b/grid.yaml", {"name=other"}, registry).name, "other");
  EXPECT_EQ(config_error([&] {
              parse_run_config(std::string("name: ../escape\n") + kBasic, "x.yaml", {}, registry);
            }),
            "x.yaml:1: name: '../escape' is not a valid run directory name");
}

// An unknown agent key names file, line and key path and suggests the nearest declared key.
TEST(Config, UnknownKeySuggestsNearest) {
  Registry registry = fake_registry();
  std::string path = write_file(test_dir(), "typo.yaml",
                                "env: {id: GridWorld-v0}\n"
                                "agent:\n"
                                "  id: ppo\n"
                                "  lrr: 0.001\n");
  EXPECT_EQ(config_error([&] { load_run_config(path, {}, registry); }),
            path + ":4: agent.lrr: unknown parameter of agent 'ppo' (did you mean 'lr'?)");
}

// An unknown key with no close match lists the declared keys instead.
TEST(Config, UnknownKeyWithoutNearMatchListsKnownKeys) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: CartPole-v1, frameskip: 4}\nagent: {id: ppo}\n", "c.yaml",
                               {}, registry);
            }),
            "c.yaml:1: env.frameskip: unknown parameter of env 'CartPole-v1' "
            "(known: num_envs, num_threads)");
}

// A misspelt top-level key is rejected with a suggestion.
TEST(Config, UnknownTopLevelKeySuggestsNearest) {
  Registry registry = fake_registry();
  std::string text = std::string(kBasic) + "trian:\n  seed: 3\n";
  EXPECT_EQ(config_error([&] { parse_run_config(text, "t.yaml", {}, registry); }),
            "t.yaml:9: trian: unknown top-level key (did you mean 'train'?); expected one of "
            "name, plugins, env, agent, train, eval");
}

// A misspelt train key is rejected with a suggestion.
TEST(Config, UnknownTrainKeySuggestsNearest) {
  Registry registry = fake_registry();
  std::string text = std::string(kBasic) + "  stesp: 3\n";
  EXPECT_EQ(config_error([&] { parse_run_config(text, "t.yaml", {}, registry); }),
            "t.yaml:9: train.stesp: unknown key of section 'train' (did you mean 'steps'?)");
}

// Malformed YAML reports the file and yaml-cpp's (0-based) line converted to 1-based.
TEST(Config, MalformedYamlReportsFileAndLine) {
  Registry registry = fake_registry();
  std::string path = write_file(test_dir(), "broken.yaml",
                                "env: {id: GridWorld-v0}\n"
                                "agent: {id: ppo}\n"
                                "train: {steps: [1, 2}\n");
  std::string msg = config_error([&] { load_run_config(path, {}, registry); });
  EXPECT_EQ(msg.rfind(path + ":3: invalid YAML: ", 0), 0u) << msg;
}

// An unclosed bracket at the end of the file is reported on the file's last line, not past it.
TEST(Config, UnclosedBracketReportsLastLine) {
  Registry registry = fake_registry();
  std::string msg = config_error([&] {
    parse_run_config("env: {id: GridWorld-v0}\nagent: {id: ppo}\ntrain: {steps: 1\n", "u.yaml", {},
                     registry);
  });
  EXPECT_EQ(msg, "u.yaml:3: invalid YAML: end of map flow not found");
}

// Indentation errors are reported on the offending line.
TEST(Config, BadIndentationReportsLine) {
  Registry registry = fake_registry();
  std::string msg = config_error([&] {
    parse_run_config("env:\n  id: GridWorld-v0\n size: 3\n", "i.yaml", {}, registry);
  });
  EXPECT_EQ(msg.rfind("i.yaml:3: invalid YAML: ", 0), 0u) << msg;
}

// A string where an int is expected is a type error naming the value.
TEST(Config, StringForIntIsTypeError) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env:\n  id: GridWorld-v0\n  size: big\nagent: {id: ppo}\n",
                               "g.yaml", {}, registry);
            }),
            "g.yaml:3: env.size: expected int, got 'big'");
}

// A quoted number is a string in YAML and is not accepted for an int.
TEST(Config, QuotedNumberIsNotAnInt) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0, size: \"8\"}\nagent: {id: ppo}\n", "q.yaml",
                               {}, registry);
            }),
            "q.yaml:1: env.size: expected int, got string '8'");
}

// Non-integral floats are rejected for ints; integral ones (7.0, 1e5) are accepted.
TEST(Config, IntAcceptsOnlyWholeFloats) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0, size: 7.5}\nagent: {id: ppo}\n", "f.yaml",
                               {}, registry);
            }),
            "f.yaml:1: env.size: expected int, got 7.5 (not a whole number)");
  RunConfig cfg = parse_run_config(
      "env: {id: GridWorld-v0, size: 7.0}\nagent: {id: ppo}\ntrain: {steps: 1e5, log_every: 2.5e3}\n",
      "f.yaml", {}, registry);
  EXPECT_EQ(cfg.env.get_int("size"), 7);
  EXPECT_EQ(cfg.train.get_int("steps"), 100000);
  EXPECT_EQ(cfg.train.get_int("log_every"), 2500);
}

// Digit groups with underscores (2_000_000) parse as numbers; stray underscores do not.
TEST(Config, UnderscoreDigitGroupsAccepted) {
  Registry registry = fake_registry();
  RunConfig cfg = parse_run_config(
      "env: {id: GridWorld-v0}\nagent: {id: ppo, lr: 0.000_25}\n"
      "train: {steps: 2_000_000, eval_every: 50_000}\n",
      "u.yaml", {}, registry);
  EXPECT_EQ(cfg.train.get_int("steps"), 2000000);
  EXPECT_EQ(cfg.train.get_int("eval_every"), 50000);
  EXPECT_EQ(cfg.agent.get_float("lr"), 0.00025);
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0}\nagent: {id: ppo}\ntrain: {steps: 2__000}\n",
                               "u.yaml", {}, registry);
            }),
            "u.yaml:3: train.steps: expected int, got '2__000'");
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0}\nagent: {id: ppo}\ntrain: {steps: _1000}\n",
                               "u.yaml", {}, registry);
            }),
            "u.yaml:3: train.steps: expected int, got '_1000'");
}

// Out-of-range values name the inclusive range and the value given.
TEST(Config, OutOfRangeNamesRange) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env:\n  id: GridWorld-v0\n  size: 25\nagent: {id: ppo}\n", "r.yaml",
                               {}, registry);
            }),
            "r.yaml:3: env.size: expected int in [5, 19], got 25");
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0, num_envs: 0}\nagent: {id: ppo}\n", "r.yaml",
                               {}, registry);
            }),
            "r.yaml:1: env.num_envs: expected int in [1, 4096], got 0");
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0}\nagent: {id: ppo, lr: 1.5}\n", "r.yaml", {},
                               registry);
            }),
            "r.yaml:2: agent.lr: expected float in [0.0, 1.0], got 1.5");
}

// Bools take only true/false; strings with choices suggest the nearest; lists check elements.
TEST(Config, BoolChoiceAndListErrors) {
  Registry registry = fake_registry();
  auto err = [&](const std::string& env_extra) {
    return config_error([&] {
      parse_run_config("env: {id: GridWorld-v0, " + env_extra + "}\nagent: {id: ppo}\n", "b.yaml",
                       {}, registry);
    });
  };
  EXPECT_EQ(err("coop: yes"), "b.yaml:1: env.coop: expected bool (true or false), got 'yes'");
  EXPECT_EQ(err("layout: maz"),
            "b.yaml:1: env.layout: expected one of {open, maze}, got 'maz' (did you mean 'maze'?)");
  EXPECT_EQ(err("walls: 3"), "b.yaml:1: env.walls: expected int list such as [64, 64], got '3'");
  EXPECT_EQ(err("walls: [1, x]"), "b.yaml:1: env.walls: expected int list, element 1: got 'x'");
  EXPECT_EQ(err("walls: [1, 101]"),
            "b.yaml:1: env.walls: expected int list with elements in [0, 100], got [1, 101] "
            "(element 1 is 101)");
  EXPECT_EQ(err("reward_scale: [1]"), "b.yaml:1: env.reward_scale: expected float, got a list");
}

// A key with no value is null, which no parameter type accepts.
TEST(Config, NullValueIsRejected) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0}\nagent:\n  id: ppo\n  lr:\n", "n.yaml", {},
                               registry);
            }),
            "n.yaml:4: agent.lr: expected float, got nothing (null)");
}

// A key given twice in one section is an error naming both lines.
TEST(Config, DuplicateKeyIsRejected) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: GridWorld-v0}\nagent:\n  id: ppo\n  lr: 0.1\n  lr: 0.2\n",
                               "d.yaml", {}, registry);
            }),
            "d.yaml:5: agent.lr: duplicate key (first given on line 4)");
}

// An unknown env id suggests the nearest registered id.
TEST(Config, UnknownEnvIdSuggestsNearest) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env:\n  id: CartPol-v1\nagent: {id: ppo}\n", "e.yaml", {}, registry);
            }),
            "e.yaml:2: env.id: unknown env 'CartPol-v1' (did you mean 'CartPole-v1'?)");
}

// An unknown agent id far from every registered id lists the registered ids.
TEST(Config, UnknownAgentIdListsRegistered) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: CartPole-v1}\nagent: {id: sac}\n", "a.yaml", {}, registry);
            }),
            "a.yaml:2: agent.id: unknown agent 'sac' (registered: ppo, qmix)");
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: CartPole-v1}\nagent: {id: qmx}\n", "a.yaml", {}, registry);
            }),
            "a.yaml:2: agent.id: unknown agent 'qmx' (did you mean 'qmix'?)");
}

// Missing env section, env given as a scalar, and env without id each get a clear message.
TEST(Config, EnvSectionMissingOrMalformed) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] { parse_run_config("agent: {id: ppo}\n", "m.yaml", {}, registry); }),
            "m.yaml: env: missing required section (a map with at least 'id', e.g. env: {id: "
            "CartPole-v1})");
  EXPECT_EQ(config_error([&] {
              parse_run_config("agent: {id: ppo}\nenv: CartPole-v1\n", "m.yaml", {}, registry);
            }),
            "m.yaml:2: env: expected a map of parameters, got 'CartPole-v1'");
  EXPECT_EQ(config_error([&] {
              parse_run_config("env:\n  size: 8\nagent: {id: ppo}\n", "m.yaml", {}, registry);
            }),
            "m.yaml:1: env.id: missing; name the env to use (registered: CartPole-v1, GridWorld-v0)");
  EXPECT_EQ(config_error([&] { parse_run_config("env: {id: CartPole-v1}\n", "m.yaml", {}, registry); }),
            "m.yaml: agent: missing required section (a map with at least 'id')");
}

// An empty file and a top level that is not a map are rejected.
TEST(Config, EmptyOrNonMapDocument) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] { parse_run_config("", "e.yaml", {}, registry); }),
            "e.yaml: the config is empty; expected a map with 'env' and 'agent' sections");
  EXPECT_EQ(config_error([&] { parse_run_config("- env\n- agent\n", "e.yaml", {}, registry); }),
            "e.yaml:1: expected a map of top-level keys (name, plugins, env, agent, train, eval), "
            "got a list");
}

// An agent whose compatibility check fails names the agent, the env and the reason.
// Parsing builds no env; the check runs against the built env's spec (build_run).
TEST(Config, IncompatibleAgentNamesReason) {
  Registry registry = fake_registry();
  std::string text = "env: {id: GridWorld-v0}\nagent:\n  id: qmix\n";
  auto check = [&](const RunConfig& cfg) { check_agent_fits(cfg, registry, make_env(cfg, registry)->spec()); };
  EXPECT_EQ(config_error([&] { check(parse_run_config(text, "q.yaml", {}, registry)); }),
            "q.yaml:3: agent.id: agent 'qmix' cannot drive env 'GridWorld-v0': needs a "
            "multi-agent env, got 1 agent");
  // The env is built from the resolved params, so an override can make it compatible.
  RunConfig cfg = parse_run_config(text, "q.yaml", {"env.players=2"}, registry);
  check(cfg);
  EXPECT_EQ(cfg.agent_id, "qmix");
  EXPECT_EQ(cfg.env.get_int("players"), 2);
}

// Override values are parsed as YAML: floats in exponent form, lists, bools, digit groups.
TEST(Config, OverridesParseValuesAsYaml) {
  Registry registry = fake_registry();
  RunConfig cfg = parse_run_config(kBasic, "o.yaml",
                                   {"agent.lr=1e-3", "agent.hidden=[32, 16]", "agent.norm_obs=false",
                                    "train.steps=2_000", "env.size=12", "agent.note=hello world",
                                    "eval.deterministic=true", "env.num_envs=16"},
                                   registry);
  EXPECT_EQ(cfg.agent.get_float("lr"), 1e-3);
  EXPECT_EQ(cfg.agent.get_int_list("hidden"), (std::vector<int64_t>{32, 16}));
  EXPECT_FALSE(cfg.agent.get_bool("norm_obs"));
  EXPECT_EQ(cfg.agent.get_string("note"), "hello world");
  EXPECT_EQ(cfg.train.get_int("steps"), 2000);
  EXPECT_EQ(cfg.env.get_int("size"), 12);
  EXPECT_EQ(cfg.env.get_int("num_envs"), 16);
  EXPECT_TRUE(cfg.eval.get_bool("deterministic"));
}

// Overrides may add sections absent from the file, and a whole section may be given as a map.
TEST(Config, OverridesCreateAndMergeSections) {
  Registry registry = fake_registry();
  RunConfig cfg = parse_run_config("agent: {id: ppo}\n", "o.yaml",
                                   {"env.id=CartPole-v1", "eval={episodes: 7, seed: 3}",
                                    "train.seed=9"},
                                   registry);
  EXPECT_EQ(cfg.env_id, "CartPole-v1");
  EXPECT_EQ(cfg.eval.get_int("episodes"), 7);
  EXPECT_EQ(cfg.eval.get_int("seed"), 3);
  EXPECT_TRUE(cfg.eval.get_bool("deterministic"));
  EXPECT_EQ(cfg.train.get_int("seed"), 9);
}

// Errors in override values say "command line" (no line number) and the key path.
TEST(Config, OverrideErrorsNameCommandLine) {
  Registry registry = fake_registry();
  auto err = [&](const std::string& o) {
    return config_error([&] { parse_run_config(kBasic, "o.yaml", {o}, registry); });
  };
  EXPECT_EQ(err("agent.lrr=1"),
            "command line: agent.lrr: unknown parameter of agent 'ppo' (did you mean 'lr'?)");
  EXPECT_EQ(err("env.size=99"), "command line: env.size: expected int in [5, 19], got 99");
  EXPECT_EQ(err("trian.steps=5"),
            "command line: trian: unknown top-level key (did you mean 'train'?); expected one of "
            "name, plugins, env, agent, train, eval");
  EXPECT_EQ(err("agent.hidden.0=5"),
            "command line: agent.hidden.0: key path too deep; expected section.key=value (e.g. "
            "agent.lr=1e-3)");
  EXPECT_EQ(err("env.id=Gridworld-v1"),
            "command line: env.id: unknown env 'Gridworld-v1' (did you mean 'GridWorld-v0'?)");
  std::string bad_yaml = err("agent.hidden=[1, 2");
  EXPECT_EQ(bad_yaml.rfind("command line: override 'agent.hidden=[1, 2': the value is not valid YAML: ", 0),
            0u)
      << bad_yaml;
}

// An override without '=' (or with an empty key part) is malformed.
TEST(Config, MalformedOverrideIsRejected) {
  Registry registry = fake_registry();
  auto err = [&](const std::string& o) {
    return config_error([&] { parse_run_config(kBasic, "o.yaml", {o}, registry); });
  };
  EXPECT_EQ(err("xyz"), "command line: override 'xyz': expected key.path=value");
  EXPECT_EQ(err("agent..lr=1"), "command line: override 'agent..lr=1': expected key.path=value");
  EXPECT_EQ(err("=3"), "command line: override '=3': expected key.path=value");
  EXPECT_EQ(err("+agent.lr=1"),
            "command line: override '+agent.lr=1': '+' and '~' prefixes are not supported; use "
            "key.path=value");
}

// Changing env.id by override applies the new env's declared params to the file's keys.
TEST(Config, OverrideEnvIdSwitchesDeclaredParams) {
  Registry registry = fake_registry();
  // kBasic sets env.size (line 3), which CartPole-v1 does not declare.
  EXPECT_EQ(config_error([&] { parse_run_config(kBasic, "s.yaml", {"env.id=CartPole-v1"}, registry); }),
            "s.yaml:3: env.size: unknown parameter of env 'CartPole-v1' (known: num_envs, "
            "num_threads)");
  RunConfig cfg = parse_run_config("env: {id: CartPole-v1}\nagent: {id: ppo}\n", "s.yaml",
                                   {"env.id=GridWorld-v0", "env.size=6"}, registry);
  EXPECT_EQ(cfg.env_id, "GridWorld-v0");
  EXPECT_EQ(cfg.env.get_int("size"), 6);
}

// to_yaml() emits every resolved key, and parsing it back reproduces the same RunConfig exactly.
TEST(Config, ToYamlRoundTripsExactly) {
  LoaderGuard guard;
  std::vector<std::string> loaded;
  set_plugin_loader([&](const std::string& path, Registry&) { loaded.push_back(path); });
  Registry registry = fake_registry();
  RunConfig cfg = parse_run_config(
      "name: round_trip\n"
      "plugins: [/opt/plugins/libx.so]\n"
      "env: {id: GridWorld-v0, players: 2, walls: [3, 0, 99], reward_scale: 0.30000000000000004}\n"
      "agent: {id: ppo, lr: 3.0e-4, gamma: 0.9999999999999999, hidden: [], note: 'null'}\n"
      "train: {steps: 1_234_567, seed: 2147483647}\n"
      "eval: {deterministic: false}\n",
      "rt.yaml", {"agent.note=\"a: b, #c\""}, registry);
  EXPECT_EQ(cfg.agent.get_string("note"), "a: b, #c");
  EXPECT_EQ(cfg.env.get_float("reward_scale"), 0.1 + 0.2);

  std::string yaml = cfg.to_yaml();
  // Every declared key is present, defaults included.
  YAML::Node doc = YAML::Load(yaml);
  EXPECT_EQ(doc["name"].as<std::string>(), "round_trip");
  EXPECT_EQ(doc["env"]["id"].as<std::string>(), "GridWorld-v0");
  EXPECT_EQ(doc["env"]["num_threads"].as<int>(), 1);
  EXPECT_EQ(doc["env"]["layout"].as<std::string>(), "open");
  EXPECT_EQ(doc["agent"]["norm_obs"].as<bool>(), true);
  EXPECT_EQ(doc["train"]["torch_threads"].as<int>(), 1);
  EXPECT_EQ(doc["eval"]["episodes"].as<int>(), 100);
  EXPECT_EQ(doc["env"].size(), 9u);    // id + 2 common + 6 declared
  EXPECT_EQ(doc["agent"].size(), 6u);  // id + 5 declared
  EXPECT_EQ(doc["train"].size(), train_param_specs().size());
  EXPECT_EQ(doc["eval"].size(), eval_param_specs().size());

  RunConfig again = parse_run_config(yaml, "rt.yaml", {}, registry);
  EXPECT_EQ(again, cfg) << yaml << "\n---\n" << again.to_yaml();
  EXPECT_EQ(again.to_yaml(), yaml);
  EXPECT_EQ(loaded, (std::vector<std::string>{"/opt/plugins/libx.so", "/opt/plugins/libx.so"}));
}

// Awkward floats (tiny, huge, many digits, integral) survive the round trip bit for bit.
TEST(Config, ToYamlRoundTripsAwkwardFloats) {
  Registry registry = fake_registry();
  RunConfig base = parse_run_config("env: {id: CartPole-v1}\nagent: {id: ppo}\n", "f.yaml", {},
                                    registry);
  for (double lr : {0.0, 1.0, 1e-300, 4.9406564584124654e-324, 0.1, 2.0 / 3.0, 1e-5,
                    0.12345678901234568}) {
    RunConfig cfg = base;
    cfg.agent.set("lr", lr);
    RunConfig again = parse_run_config(cfg.to_yaml(), "f.yaml", {}, registry);
    EXPECT_EQ(again.agent.get_float("lr"), lr) << cfg.to_yaml();
  }
}

// Plugin paths resolve against the config file's folder and load before ids are looked up.
TEST(Config, PluginsResolvedRelativeToConfigDir) {
  LoaderGuard guard;
  std::vector<std::string> loaded;
  set_plugin_loader([&](const std::string& path, Registry& registry) {
    loaded.push_back(path);
    if (fs::path(path).filename() == "libmaze.so" && !registry.find_env("Maze-v0")) {
      EnvRegistration reg{"Maze-v0", "plugin maze", {}, [](const Params&) {
                            return std::make_unique<FakeEnv>("Maze-v0", 1);
                          }};
      reg.origin = path;
      registry.add_env(reg);
    }
  });
  std::string dir = test_dir();
  fs::create_directories(fs::path(dir) / "configs");
  std::string path = write_file(dir + "/configs", "maze.yaml",
                                "plugins: [libmaze.so, ../build/../lib/libextra.so, /abs/libabs.so]\n"
                                "env: {id: Maze-v0}\n"
                                "agent: {id: ppo}\n");
  Registry registry = fake_registry();
  RunConfig cfg = load_run_config(path, {}, registry);
  std::string base = fs::absolute(fs::path(dir)).lexically_normal().string();
  std::vector<std::string> expected = {base + "/configs/libmaze.so", base + "/lib/libextra.so",
                                       "/abs/libabs.so"};
  EXPECT_EQ(cfg.plugins, expected);
  EXPECT_EQ(loaded, expected);
  EXPECT_EQ(cfg.env_id, "Maze-v0");
  EXPECT_EQ(registry.find_env("Maze-v0")->origin, expected[0]);
}

// Without an installed loader, a listed plugin is an error naming the entry.
TEST(Config, PluginsUnsupportedByDefault) {
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: CartPole-v1}\nplugins: [libfoo.so]\nagent: {id: ppo}\n",
                               "p.yaml", {}, registry);
            }),
            "p.yaml:2: plugins[0]: plugins are not supported in this binary");
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: CartPole-v1}\nplugins: libfoo.so\nagent: {id: ppo}\n",
                               "p.yaml", {}, registry);
            }),
            "p.yaml:2: plugins: expected a list of shared-library paths, got 'libfoo.so'");
}

// A loader's failure becomes a ConfigError naming the file, line and entry.
TEST(Config, PluginLoaderErrorsAreWrapped) {
  LoaderGuard guard;
  set_plugin_loader([](const std::string& path, Registry&) {
    throw std::runtime_error(path + ": cannot open shared object file");
  });
  Registry registry = fake_registry();
  EXPECT_EQ(config_error([&] {
              parse_run_config("env: {id: CartPole-v1}\nagent: {id: ppo}\nplugins: [/x/liby.so]\n",
                               "p.yaml", {}, registry);
            }),
            "p.yaml:3: plugins[0]: /x/liby.so: cannot open shared object file");
}

// A missing config file is a ConfigError naming the path.
TEST(Config, MissingFileIsConfigError) {
  Registry registry = fake_registry();
  std::string path = test_dir() + "/does_not_exist.yaml";
  EXPECT_EQ(config_error([&] { load_run_config(path, {}, registry); }),
            path + ": cannot read config file: No such file or directory");
}

// resolve_params validates one map against specs, using the given source and section in messages.
TEST(Config, ResolveParamsValidatesOneSection) {
  std::vector<ParamSpec> specs = {ParamSpec::integer("width", 64, 1, 1024, "layer width"),
                                  ParamSpec::string("kind", "mlp", {"mlp", "cnn"}, "")};
  YAML::Node node = YAML::Load("kind: cnn\nwidth: 128\nid: ignored\n");
  Params p = resolve_params(node, specs, "net.yaml", "net", {"id"});
  EXPECT_EQ(p.get_int("width"), 128);
  EXPECT_EQ(p.get_string("kind"), "cnn");
  EXPECT_FALSE(p.has("id"));
  EXPECT_EQ(config_error([&] {
              resolve_params(YAML::Load("kind: cnn\nwidht: 0\n"), specs, "net.yaml", "net");
            }),
            "net.yaml:2: net.widht: unknown net parameter (did you mean 'width'?)");
  EXPECT_EQ(config_error([&] { resolve_params(YAML::Load("width: 0\n"), specs, "net.yaml", "net"); }),
            "net.yaml:1: net.width: expected int in [1, 1024], got 0");
  // A null node is an empty section: all defaults.
  EXPECT_EQ(resolve_params(YAML::Node(), specs, "net.yaml", "net").get_int("width"), 64);
}

// nearest_name picks the closest candidate within max(2, len/3) edits, else nothing.
TEST(Config, NearestNameRespectsDistanceLimit) {
  std::vector<std::string> keys = {"lr", "gamma", "num_envs", "checkpoint_every"};
  EXPECT_EQ(nearest_name("lrr", keys), "lr");
  EXPECT_EQ(nearest_name("gama", keys), "gamma");
  EXPECT_EQ(nearest_name("NUM_ENVS", keys), "num_envs");  // case-insensitive
  EXPECT_EQ(nearest_name("chekpoint_evry", keys), "checkpoint_every");  // 2 edits
  EXPECT_EQ(nearest_name("checkpnt_evy", keys), "checkpoint_every");    // 4 edits, len 12 -> 4
  EXPECT_EQ(nearest_name("chckpnt_vy", keys), "");                      // 6 edits, len 10 -> 3
  EXPECT_EQ(nearest_name("xy", keys), "");  // 2 edits, but rewrites all of "lr"
  EXPECT_EQ(nearest_name("anything", {}), "");
  EXPECT_EQ(suggest_suffix("gama", keys), " (did you mean 'gamma'?)");
  EXPECT_EQ(suggest_suffix("zzzzzz", keys), "");
}

}  // namespace
}  // namespace ember
