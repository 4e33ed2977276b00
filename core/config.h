// File: core/config.h
//
// Run configs: YAML files validated against the parameters that envs, agents
// and the trainer declare, with Hydra-style command-line overrides.
//
//   # configs/classic/cartpole_ppo.yaml
//   name: cartpole_ppo          # optional; run directory name
//   plugins: [libmy_env.so]     # optional; paths relative to this file
//   env:   {id: CartPole-v1, num_envs: 8}
//   agent: {id: ppo, lr: 2.5e-4}
//   train: {steps: 200000, seed: 1}
//
// Example:
//   Registry registry = builtin_registry();
//   RunConfig cfg = load_run_config("configs/classic/cartpole_ppo.yaml",
//                                   {"agent.lr=1e-3", "train.seed=2"}, registry);
//
// Bad input throws ConfigError whose message names the file, the line (when
// known), the key path and the problem, and suggests the nearest valid key or
// id for unknown ones. The CLI prints it and exits with code 2.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/params.h"

namespace YAML {
class Node;
}

namespace ember {

class Registry;

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RunConfig {
  std::string name;               // run directory name
  std::string source;             // the config file's path (or "<checkpoint>")
  std::vector<std::string> plugins;  // resolved (absolute) plugin paths
  std::string env_id;
  Params env;    // env's declared params plus the common ones (num_envs, num_threads)
  std::string agent_id;
  Params agent;
  Params train;  // train_param_specs()
  Params eval;   // eval_param_specs()

  // Where the env section and the agent id were written ("file:line", or
  // "file" / "command line" when the line is unknown), so the checks that
  // need a built env (build_run: can this agent drive this env?) name the
  // same place a parse error would. Not part of the config: to_yaml() and
  // operator== ignore them.
  std::string env_origin, agent_id_origin;

  // The fully resolved config, every default filled in; parse_run_config()
  // of this text (with the same source) reproduces the same RunConfig.
  std::string to_yaml() const;

  // Field-by-field equality (source included; floats compared exactly).
  bool operator==(const RunConfig& other) const;
  bool operator!=(const RunConfig& other) const { return !(*this == other); }
};

// Loads one plugin (a shared library) into the registry; core/plugin.h's
// load_plugin() is the real one. parse_run_config() calls the installed
// loader once per `plugins:` entry, in order, with the absolute path, before
// it looks up the env and agent ids; whatever it throws becomes a ConfigError
// naming the entry. The default loader throws ConfigError("plugins are not
// supported in this binary"). Note that parsing a config twice (for example
// parse_run_config(cfg.to_yaml(), ...)) calls the loader twice for the same
// path, so a loader should skip paths it has already loaded into a registry.
using PluginLoader = std::function<void(const std::string& path, Registry& registry)>;
// Installs the process-wide loader; an empty function restores the default.
// Not thread-safe: call it at start-up (the ember binary does so in main()).
void set_plugin_loader(PluginLoader loader);

// Parameters every env section accepts besides the env's own.
const std::vector<ParamSpec>& common_env_param_specs();
// Parameters of the `train:` section (steps, seed, checkpoint interval, ...).
const std::vector<ParamSpec>& train_param_specs();
// Parameters of the `eval:` section (episodes, deterministic, ...).
const std::vector<ParamSpec>& eval_param_specs();

// Loads, overrides, loads listed plugins into `registry`, and validates every
// key against the declared parameters. It builds nothing: whether the agent
// can drive the env needs a built env and is checked by build_run()
// (run/build_run.h).
RunConfig load_run_config(const std::string& path, const std::vector<std::string>& overrides,
                          Registry& registry);
// Same, for YAML text already in memory; `source` names it in error messages,
// gives the default run name (its stem) and the folder that relative plugin
// paths resolve against (plugins given as an override resolve against the
// working directory). Overrides are "section.key=value" with the value parsed
// as YAML; they are applied before validation, so env.id=... switches which
// env's parameters apply.
RunConfig parse_run_config(const std::string& yaml_text, const std::string& source,
                           const std::vector<std::string>& overrides, Registry& registry);

// Validates one section (a YAML map) against declared parameters. `section`
// is the key path used in messages ("agent"); keys listed in `ignored` (such
// as "id") are skipped.
Params resolve_params(const YAML::Node& node, const std::vector<ParamSpec>& specs,
                      const std::string& source, const std::string& section,
                      const std::vector<std::string>& ignored = {});

// The candidate closest to `name` by edit distance, or "" when none is close.
// Close means a (case-insensitive) Levenshtein distance of at most
// max(2, name.size() / 3) that does not rewrite every character; ties go to
// the earlier candidate.
std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" for the nearest candidate, or "" when none is close.
std::string suggest_suffix(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace ember
