// File: core/registry.h
//
// The registry maps env and agent ids to factories and their declared
// parameters. It is an explicit object (no static-initialisation magic):
// built-ins are added by register_builtin_envs()/register_builtin_agents(),
// plugins by load_plugin() (core/plugin.h).
//
// Example:
//   Registry registry;
//   registry.add_env({"CartPole-v1", "classic cart-pole balancing", {},
//                     [](const Params&) { return std::make_unique<CartPole>(); }});
//   std::unique_ptr<Env> env = registry.env("CartPole-v1").make(params);
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/env.h"
#include "core/params.h"

namespace ember {

using EnvFactory = std::function<std::unique_ptr<Env>(const Params&)>;
using AgentFactory = std::function<std::unique_ptr<Agent>(const AgentContext&)>;
// Empty when the agent can drive envs of this spec, else the reason it cannot.
using AgentCompatibility = std::function<std::string(const EnvSpec&)>;

struct EnvRegistration {
  std::string id;
  std::string doc;  // one line
  std::vector<ParamSpec> params;
  EnvFactory make;
  std::string origin = "built-in";  // or the plugin's path
};

struct AgentRegistration {
  std::string id;
  std::string doc;
  std::vector<ParamSpec> params;
  AgentFactory make;
  AgentCompatibility compatible;  // may be empty: accepts every env
};

class Registry {
 public:
  // Throws std::invalid_argument when the id is already taken or empty, or a
  // declared parameter is malformed (duplicate or reserved name, default
  // outside its own range; env params may not reuse num_envs/num_threads).
  void add_env(EnvRegistration registration);
  void add_agent(AgentRegistration registration);

  // Null when unknown.
  const EnvRegistration* find_env(const std::string& id) const;
  const AgentRegistration* find_agent(const std::string& id) const;

  // Sorted ids.
  std::vector<std::string> env_ids() const;
  std::vector<std::string> agent_ids() const;

 private:
  // Deques: adding a registration never invalidates pointers handed out earlier.
  std::deque<EnvRegistration> envs_;
  std::deque<AgentRegistration> agents_;

  // ---- plugins (core/plugin.h) ----
 public:
  // Sets the origin of env `id` (load_plugin() marks what a plugin added);
  // std::invalid_argument when the id is unknown.
  void set_env_origin(const std::string& id, const std::string& origin);
  // Canonical paths of the plugins loaded into this registry, in load order.
  const std::vector<std::string>& plugins() const { return plugins_; }
  void add_plugin(const std::string& path) { plugins_.push_back(path); }

 private:
  std::vector<std::string> plugins_;
};

}  // namespace ember
