// File: core/plugin.h
//
// Environment plugins: shared libraries built out of tree against an
// installed ember (find_package(ember), target ember::ember_core) that add
// envs to a Registry at run time. A config names them under `plugins:`;
// `ember check-env ID --plugin PATH` loads one directly.
//
// A plugin is one .cpp that ends with EMBER_PLUGIN(its_register_function):
//
//   #include "core/plugin.h"
//
//   void register_my_envs(ember::Registry& registry) {
//     registry.add_env({"my-env", "one-line doc", {/* ParamSpecs */},
//                       [](const ember::Params& p) -> std::unique_ptr<ember::Env> {
//                         return std::make_unique<MyEnv>(p);
//                       }});
//   }
//   EMBER_PLUGIN(register_my_envs)
//
// built as `add_library(my_env MODULE my_env.cpp)` linked to ember::ember_core
// (see examples/custom_env/ and docs/custom_envs.md).
//
// The version check: EMBER_PLUGIN records the EMBER_PLUGIN_ABI and
// EMBER_VERSION of the headers the plugin was compiled against
// (core/version.h). load_plugin() refuses a plugin whose ABI differs from the
// running ember's before calling any of its code, with a message that names
// both versions and asks for a rebuild.
//
// Exported C symbols (the signatures of the first two never change, so any
// ember can read them from any plugin):
//   int         ember_plugin_abi(void);
//   const char* ember_plugin_version(void);
//   void        ember_plugin_register(ember::Registry&);
#pragma once

#include <stdexcept>
#include <string>

#include "core/registry.h"
#include "core/version.h"

namespace ember {

// Every failure to load a plugin; the message names the plugin's path.
class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loads the plugin at `path` (absolute, or relative to the working directory)
// and lets it add its registrations to `registry`. Envs it adds get
// `origin` = `path`. Throws PluginError when the file is missing, cannot be
// opened (dlopen's reason is included), lacks the EMBER_PLUGIN symbols, was
// built for another plugin ABI, or its register function throws.
//
// Loading a path already loaded into this registry is a no-op (paths are
// compared after resolving symlinks and `..`). The library stays loaded for
// the life of the process: envs and factories point into its code.
void load_plugin(const std::string& path, Registry& registry);

}  // namespace ember

// Test hook: building a plugin with -DEMBER_PLUGIN_ABI_OVERRIDE=N makes it
// report plugin ABI N instead of this header's EMBER_PLUGIN_ABI, so tests and
// scripts/check_custom_env_example.sh can check that ember refuses it. Never
// set it in a real plugin.
#ifdef EMBER_PLUGIN_ABI_OVERRIDE
#define EMBER_PLUGIN_REPORTED_ABI (EMBER_PLUGIN_ABI_OVERRIDE)
#else
#define EMBER_PLUGIN_REPORTED_ABI (EMBER_PLUGIN_ABI)
#endif

#define EMBER_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

// Defines the plugin's entry points; use it exactly once, at namespace scope,
// in the plugin's .cpp. `register_function` is a void(ember::Registry&).
#define EMBER_PLUGIN(register_function)                                          \
  EMBER_PLUGIN_EXPORT int ember_plugin_abi() { return EMBER_PLUGIN_REPORTED_ABI; } \
  EMBER_PLUGIN_EXPORT const char* ember_plugin_version() { return EMBER_VERSION; } \
  EMBER_PLUGIN_EXPORT void ember_plugin_register(::ember::Registry& registry) {    \
    register_function(registry);                                                 \
  }
