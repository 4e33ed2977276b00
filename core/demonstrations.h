// File: core/demonstrations.h
//
// Expert demonstrations on disk: one file per episode, written by
// `ember demos` from any env with a scripted expert (Env::expert_action) and
// read by imitation learners. docs/demonstrations.md documents the format.
//
// An episode holds T steps: T + 1 observations of every field (the last one is
// the observation the final action led to), T actions, T per-agent rewards,
// T step instructions (Env::expert_instruction, empty strings when the env
// has none), the env's description at the start (Env::describe: for tabletop
// the instruction and the scene caption), how the episode ended and its
// episode metrics. Everything is stored little-endian and raw, in the spec's
// dtypes, so a reader maps a field straight onto a tensor.
//
// Example:
//   DemoEpisode e = read_demo_episode("demos/tabletop/episode_000003.demo");
//   const float* heights = e.observation<float>(1, /*step=*/0);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/space.h"

namespace ember {

struct DemoField {
  std::string name;
  DType dtype = DType::kFloat32;
  std::vector<int64_t> shape;  // per step: [agents, ...field shape]
  std::vector<uint8_t> data;   // [T + 1, agents, ...] raw values
  size_t step_bytes() const;
};

struct DemoEpisode {
  std::string env_id;
  std::string description;      // Env::describe() at the episode start
  int64_t steps = 0;            // T
  int32_t agents = 1;
  std::vector<DemoField> fields;
  bool discrete_actions = true;
  int64_t action_numel = 1;     // per agent
  std::vector<int32_t> discrete;     // [T, agents, action_numel] when discrete
  std::vector<float> continuous;     // [T, agents, action_numel] otherwise
  std::vector<float> rewards;        // [T, agents]
  std::vector<std::string> step_instructions;  // [T]
  bool terminated = false;      // the last step ended the episode (else truncated)
  std::vector<std::string> metric_names;
  std::vector<double> metric_values;

  double total_reward() const;
  template <typename T>
  const T* observation(size_t field, int64_t step) const {
    const DemoField& f = fields[field];
    return reinterpret_cast<const T*>(f.data.data() + static_cast<size_t>(step) * f.step_bytes());
  }
  // Throws std::invalid_argument when the parts disagree in size.
  void validate() const;
};

// Writes atomically (core/atomic_file.h); throws std::runtime_error naming the path.
void write_demo_episode(const std::string& path, const DemoEpisode& episode);
// Throws std::runtime_error naming the path and what is wrong with the file.
DemoEpisode read_demo_episode(const std::string& path);

}  // namespace ember
