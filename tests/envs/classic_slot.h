#pragma once
// Output buffers of one classic-control env (a single float observation
// field), pre-filled with values the env must overwrite, so a test sees
// whether reward and terminated were written.

#include <cstdint>

#include "core/env.h"

namespace ember {

template <int ObsDim>
struct ClassicSlot {
  float obs[ObsDim] = {};
  float reward = -123.0f;
  uint8_t terminated = 7;
  void* fields[1] = {obs};
  EnvSlot view() {
    EnvSlot s;
    s.fields = fields;
    s.reward = &reward;
    s.terminated = &terminated;
    return s;
  }
};

}  // namespace ember
