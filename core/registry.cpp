#include "core/registry.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/config.h"

namespace ember {
namespace {

// Rejects declarations that configs could never satisfy: an empty id,
// duplicate or reserved parameter names, and defaults their own spec rejects.
void validate_params(const char* kind, const std::string& id, const std::vector<ParamSpec>& params,
                     const std::vector<ParamSpec>& reserved) {
  std::string where = std::string(kind) + " '" + id + "'";
  std::set<std::string> seen;
  for (const ParamSpec& p : params) {
    if (p.name.empty()) throw std::invalid_argument(where + ": a parameter has an empty name");
    if (p.name == "id")
      throw std::invalid_argument(where + ": parameter name 'id' is reserved");
    if (find_param(reserved, p.name))
      throw std::invalid_argument(where + ": parameter '" + p.name +
                                  "' clashes with a common parameter of every " + kind);
    if (!seen.insert(p.name).second)
      throw std::invalid_argument(where + ": parameter '" + p.name + "' is declared twice");
    std::string problem = p.check(p.default_value);
    if (!problem.empty())
      throw std::invalid_argument(where + ": default of parameter '" + p.name + "': " + problem);
  }
}

template <typename Registration>
std::vector<std::string> sorted_ids(const std::deque<Registration>& regs) {
  std::vector<std::string> ids;
  ids.reserve(regs.size());
  for (const Registration& r : regs) ids.push_back(r.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

void Registry::add_env(EnvRegistration registration) {
  if (registration.id.empty()) throw std::invalid_argument("env registration with an empty id");
  if (const EnvRegistration* existing = find_env(registration.id))
    throw std::invalid_argument("env id '" + registration.id + "' is already registered (by " +
                                existing->origin + ")");
  validate_params("env", registration.id, registration.params, common_env_param_specs());
  envs_.push_back(std::move(registration));
}

void Registry::add_agent(AgentRegistration registration) {
  if (registration.id.empty()) throw std::invalid_argument("agent registration with an empty id");
  if (find_agent(registration.id))
    throw std::invalid_argument("agent id '" + registration.id + "' is already registered");
  validate_params("agent", registration.id, registration.params, {});
  agents_.push_back(std::move(registration));
}

const EnvRegistration* Registry::find_env(const std::string& id) const {
  for (const EnvRegistration& r : envs_)
    if (r.id == id) return &r;
  return nullptr;
}

const AgentRegistration* Registry::find_agent(const std::string& id) const {
  for (const AgentRegistration& r : agents_)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<std::string> Registry::env_ids() const { return sorted_ids(envs_); }
std::vector<std::string> Registry::agent_ids() const { return sorted_ids(agents_); }

}  // namespace ember

namespace ember {

void Registry::set_env_origin(const std::string& id, const std::string& origin) {
  for (EnvRegistration& r : envs_)
    if (r.id == id) {
      r.origin = origin;
      return;
    }
  throw std::invalid_argument("set_env_origin: unknown env id '" + id + "'");
}

}  // namespace ember
