#include "core/env_buffers.h"

namespace ember {

EnvBuffers::EnvBuffers(const EnvSpec& spec) : rewards_(static_cast<size_t>(spec.num_agents), 0.0f) {
  for (const ObservationField& f : spec.observation)
    fields_.emplace_back(static_cast<size_t>(spec.num_agents) * f.space.byte_size(), 0);
  for (auto& f : fields_) field_pointers_.push_back(f.data());
  if (spec.state) state_.assign(static_cast<size_t>(spec.state->numel()), 0.0f);
  if (spec.has_action_mask && !spec.action.nvec.empty())
    action_mask_.assign(static_cast<size_t>(spec.num_agents * spec.action.nvec[0]), 0);
}

EnvSlot EnvBuffers::slot() {
  EnvSlot s;
  s.fields = field_pointers_.data();
  s.state = state_.empty() ? nullptr : state_.data();
  s.action_mask = action_mask_.empty() ? nullptr : action_mask_.data();
  s.reward = rewards_.data();
  s.terminated = &terminated_;
  return s;
}

}  // namespace ember
