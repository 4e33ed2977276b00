// File: core/env.h
//
// Env is the interface every environment implements: single-agent envs are
// simply num_agents == 1. An env never allocates in step(): it writes its
// results straight into the EnvSlot it is handed, which points into the
// VectorEnv's contiguous batch buffers.
//
// Contract (checked by `ember check-env`):
//   - seed(s) seeds the env's own RNG once; later resets continue that stream.
//   - reset(slot) writes every observation field, the state and the action
//     mask (when declared).
//   - step(actions, slot) reads one action per agent, writes observations,
//     per-agent rewards and `terminated`. Time limits are applied outside by
//     VectorEnv (reported as truncated), so an env only reports true MDP ends.
//   - episode_metrics(out) is called at the end of an episode and writes one
//     value per name in spec().episode_metrics.
//   - Invalid actions (out-of-range ids, NaN) throw std::invalid_argument with
//     a message naming the agent and the value.
//
// Example: see envs/classic/cartpole.h for a minimal env.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "core/env_spec.h"

namespace YAML {
class Node;
}

namespace ember {

// Where one env writes the results of reset()/step(). All pointers belong to
// the VectorEnv's buffers; fields are laid out [agents, ...field shape].
struct EnvSlot {
  void* const* fields = nullptr;  // one pointer per spec().observation entry
  float* state = nullptr;         // spec().state->numel() floats, or null
  int32_t* action_mask = nullptr; // [agents, n] 0/1 values, or null
  float* reward = nullptr;        // [agents]
  uint8_t* terminated = nullptr;  // one flag for the whole env

  template <typename T>
  T* field(int index) const { return static_cast<T*>(fields[index]); }
};

// One env's actions: [agents, action_numel] int32 (discrete) or f32 (box).
struct ActionView {
  const int32_t* discrete = nullptr;
  const float* continuous = nullptr;
};

// Where an expert writes one env's actions: [agents, action_numel] int32 ids
// (Discrete) or f32 values (Box), laid out as in ActionView.
struct ActionBuffer {
  int32_t* discrete = nullptr;
  float* continuous = nullptr;
};

class Env {
 public:
  virtual ~Env() = default;

  virtual const EnvSpec& spec() const = 0;
  virtual void seed(uint64_t seed) = 0;
  virtual void reset(const EnvSlot& out) = 0;
  virtual void step(const ActionView& actions, const EnvSlot& out) = 0;
  virtual void episode_metrics(double* /*out*/) const {}

  // Optional: a text description of the current scene or instruction.
  virtual std::string describe() const { return {}; }

  // Optional (spec().has_expert): the scripted expert's next action for
  // every agent, written like one env's slice of the VectorEnv action buffer,
  // for oracle agents and demonstrations. Returns false when the env has no
  // expert. May keep per-episode state, so call it once per step, before the
  // step it is for.
  virtual bool expert_action(const ActionBuffer& /*out*/) { return false; }
  // Optional: the expert's current action in words, for demonstrations,
  // planners and language-conditioned primitives (tabletop: "pick up the
  // smaller red block and place it on the bigger red block."); empty if none.
  virtual std::string expert_instruction() { return {}; }

  // Optional (spec().supports_snapshot): the complete dynamic state,
  // including the RNG, so that a resumed run continues bit-identically.
  virtual void save_snapshot(std::ostream& out) const;
  virtual void load_snapshot(std::istream& in);

  // Optional (spec().supports_start_state): start an episode from an explicit
  // state given as YAML (e.g. CartPole: {x, x_dot, theta, theta_dot}).
  // Throws std::invalid_argument naming the bad key or value.
  virtual void reset_to_state(const YAML::Node& state, const EnvSlot& out);
};

}  // namespace ember
