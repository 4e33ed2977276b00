// File: core/env_buffers.h
//
// The output buffers of one env stepped directly, without a VectorEnv: every
// observation field, the state, the action mask, rewards and the terminated
// flag, sized from the env's spec, plus the EnvSlot that points at them. For
// tests, benchmarks and tools that drive a single Env.
//
// Example:
//   EnvBuffers out(env.spec());
//   env.reset(out.slot());
//   const uint8_t* rgb = out.field<uint8_t>(0);
//   if (out.terminated()) ...
#pragma once

#include <cstdint>
#include <vector>

#include "core/env.h"

namespace ember {

class EnvBuffers {
 public:
  explicit EnvBuffers(const EnvSpec& spec);
  EnvBuffers(const EnvBuffers&) = delete;
  EnvBuffers& operator=(const EnvBuffers&) = delete;

  // Points into this object's buffers; valid as long as it lives.
  EnvSlot slot();

  template <typename T>
  T* field(int index) {
    return reinterpret_cast<T*>(fields_[static_cast<size_t>(index)].data());
  }
  template <typename T>
  const T* field(int index) const {
    return reinterpret_cast<const T*>(fields_[static_cast<size_t>(index)].data());
  }
  size_t field_bytes(int index) const { return fields_[static_cast<size_t>(index)].size(); }
  float reward(int agent = 0) const { return rewards_[static_cast<size_t>(agent)]; }
  bool terminated() const { return terminated_ != 0; }
  void clear_terminated() { terminated_ = 0; }

 private:
  std::vector<std::vector<uint8_t>> fields_;  // one buffer per observation field
  std::vector<void*> field_pointers_;
  std::vector<float> state_, rewards_;
  std::vector<int32_t> action_mask_;
  uint8_t terminated_ = 0;
};

}  // namespace ember
