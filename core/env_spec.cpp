#include "core/env_spec.h"

#include <set>
#include <sstream>
#include <stdexcept>

namespace ember {

int EnvSpec::field_index(const std::string& name) const {
  for (size_t i = 0; i < observation.size(); ++i)
    if (observation[i].name == name) return static_cast<int>(i);
  return -1;
}

void EnvSpec::validate() const {
  auto fail = [&](const std::string& why) {
    throw std::invalid_argument("env spec '" + id + "': " + why);
  };
  if (id.empty()) fail("empty id");
  if (num_agents < 1) fail("num_agents must be >= 1");
  if (observation.empty()) fail("no observation fields");
  std::set<std::string> names;
  for (const auto& f : observation) {
    if (f.name.empty()) fail("an observation field has no name");
    if (!names.insert(f.name).second) fail("observation field '" + f.name + "' declared twice");
    if (f.space.numel() <= 0) fail("observation field '" + f.name + "' is empty");
  }
  if (action.kind == SpaceKind::kText) fail("a Text action space is not supported");
  if (action.kind == SpaceKind::kBox && action.dtype != DType::kFloat32)
    fail("Box actions must be f32");
  if (has_action_mask && action.kind != SpaceKind::kDiscrete)
    fail("an action mask needs a Discrete action space");
  if (state && (state->kind != SpaceKind::kBox || state->dtype != DType::kFloat32))
    fail("the global state must be an f32 Box");
  if (max_episode_steps < 0) fail("max_episode_steps must be >= 0");
}

std::string EnvSpec::to_string() const {
  std::ostringstream out;
  out << "id: " << id << "\n";
  out << "agents: " << num_agents << "\n";
  out << "observation:\n";
  for (const auto& f : observation) out << "  " << f.name << ": " << f.space.to_string() << "\n";
  out << "action: " << action.to_string() << "\n";
  if (state) out << "state: " << state->to_string() << "\n";
  if (has_action_mask) out << "action_mask: yes\n";
  out << "max_episode_steps: " << max_episode_steps << "\n";
  out << "team_reward: " << (team_reward == TeamReward::kSum ? "sum" : "shared") << "\n";
  if (!episode_metrics.empty()) {
    out << "episode_metrics:";
    for (const auto& m : episode_metrics) out << " " << m;
    out << "\n";
  }
  std::string capabilities;
  if (supports_snapshot) capabilities += " snapshot";
  if (supports_start_state) capabilities += " start_state";
  if (has_expert) capabilities += " expert";
  if (!capabilities.empty()) out << "capabilities:" << capabilities << "\n";
  return out.str();
}

}  // namespace ember
