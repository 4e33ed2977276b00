// File: tests/envs/tabletop_harness.h
//
// Test helper shared by the tabletop env tests: one TabletopEnv with the
// output buffers a VectorEnv would own (core/env_buffers.h), so a test can
// reset and step it directly, play the oracle, and read what it wrote.
//
// Example:
//   TabletopHarness h(tabletop_config("put-block-in-matching-bowl"));
//   h.env.seed(3);
//   h.reset();
//   std::vector<float> rewards = h.play_oracle();
#pragma once

#include <string>
#include <vector>

#include "core/env_buffers.h"
#include "envs/tabletop/tabletop_env.h"

namespace ember::tabletop {

inline TabletopConfig tabletop_config(const std::string& task, int downsample = 2) {
  TabletopConfig c;
  c.task = task;
  c.downsample = downsample;
  return c;
}

struct TabletopHarness {
  explicit TabletopHarness(const TabletopConfig& c) : env(c), out(env.spec()) {}

  void reset() { env.reset(out.slot()); }
  void step(const PickPlace& a) { env.step(a, out.slot()); }
  // Plays the oracle from the current state to the episode's end; returns the rewards.
  std::vector<float> play_oracle() {
    std::vector<float> rewards;
    out.clear_terminated();
    while (!out.terminated()) {
      step(env.expert());
      rewards.push_back(out.reward());
    }
    return rewards;
  }
  // score, success, steps, failed_grasps, out_of_workspace, unsettled
  std::vector<double> metrics() const {
    std::vector<double> m(env.spec().episode_metrics.size());
    env.episode_metrics(m.data());
    return m;
  }
  std::vector<uint8_t> rgb() const {
    const uint8_t* p = out.field<uint8_t>(0);
    return {p, p + out.field_bytes(0)};
  }
  std::vector<float> height() const {
    const float* p = out.field<float>(1);
    return {p, p + out.field_bytes(1) / sizeof(float)};
  }
  const int32_t* tokens() const { return out.field<int32_t>(2); }

  TabletopEnv env;
  EnvBuffers out;
};

}  // namespace ember::tabletop
