// File: tests/envs/navigation_harness.h
//
// Test helper shared by the objectnav tests (navigation_env_test.cpp,
// navigation_render_test.cpp, navigation_oracle_test.cpp,
// navigation_vector_test.cpp): test configs, hand-made houses (make_object,
// box_room), and NavHarness, one ObjectNavEnv plus the output buffers a
// VectorEnv would own ("rgb", "goal", reward, terminated), so a test can
// reset and step the env directly and then read what it wrote.
//
// The buffers start filled with sentinels (rgb 7, goal -9, reward -99,
// terminated 7), so a value the env forgot to write shows up in a test.
//
// Example:
//   NavHarness h(nav_config(/*tier=*/1, /*render=*/false));
//   h.env.seed(3);
//   h.reset();
//   h.step(kNavMoveAhead);
//   std::vector<double> m = h.metrics();   // success, spl, episode_length, final_distance
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "envs/navigation/objectnav_env.h"

namespace ember {

// A config for tests: train split, the given tier, square frames of `size`,
// no reward shaping unless asked (most tests check exact rewards).
inline ObjectNavConfig nav_config(int tier = 0, bool render = false, int size = 64) {
  ObjectNavConfig c;
  c.tier = tier;
  c.render = render;
  c.width = c.height = size;
  c.shaping = false;
  return c;
}

// nav_config on the test split of house seeds (the oracle's evaluation houses).
inline ObjectNavConfig nav_test_split_config(int tier, bool render = false) {
  ObjectNavConfig c = nav_config(tier, render);
  c.split = HouseSplit::kTest;
  return c;
}

// An object of `category` standing on the floor at (x, y), yaw 0 or 90 degrees.
inline HouseObject make_object(int category, double x, double y, bool rotated = false) {
  const ObjectCategory& c = object_categories()[category];
  HouseObject o;
  o.category = category;
  o.x = x;
  o.y = y;
  o.rotated = rotated;
  double hx = c.size[0], hy = c.size[1], hz = c.size[2];
  if (c.shape == ShapeKind::kSphere) hy = hz = c.size[0];
  if (c.shape == ShapeKind::kCylinder) hy = c.size[0], hz = c.size[1];
  if (c.shape == ShapeKind::kCapsule) hy = c.size[0], hz = c.size[0] + c.size[1];
  o.hx = rotated ? hy : hx;
  o.hy = rotated ? hx : hy;
  o.hz = hz;
  o.z = hz;
  return o;
}

// A single 6 m x 4 m room with its four walls and the given objects.
inline House box_room(std::vector<HouseObject> objects) {
  House h;
  h.width = 6;
  h.depth = 4;
  h.seed = 424242;
  h.rooms.push_back(Room{Rect{0, 0, 6, 4}, {0.6f, 0.5f, 0.4f}});
  const double t = kWallThickness / 2;
  h.walls = {Wall{3, 0, 3 + t, t}, Wall{3, 4, 3 + t, t}, Wall{0, 2, t, 2 + t}, Wall{6, 2, t, 2 + t}};
  h.objects = std::move(objects);
  return h;
}

struct NavHarness {
  explicit NavHarness(const ObjectNavConfig& c = nav_config())
      : env(c), rgb(static_cast<size_t>(c.width) * c.height * 3, 7), goal(num_object_categories(), -9.0f) {
    fields[0] = rgb.data();
    fields[1] = goal.data();
  }

  // The slot pointing at this harness's buffers.
  EnvSlot slot() {
    EnvSlot s;
    s.fields = fields;
    s.reward = &reward;
    s.terminated = &terminated;
    return s;
  }
  // A random reset from the env's own RNG.
  void reset() { env.reset(slot()); }
  void step(int32_t action) { env.step(ActionView{&action, nullptr}, slot()); }
  // success, spl, episode_length, final_distance of the current episode.
  std::vector<double> metrics() const {
    std::vector<double> m(4);
    env.episode_metrics(m.data());
    return m;
  }

  // Runs one episode of the env's expert (the oracle) from a fresh reset, up
  // to the step limit; `after_reset` runs right after the reset. Returns
  // {success, spl, steps} and appends the actions to `actions` when given.
  std::vector<double> oracle_episode(std::vector<int32_t>* actions = nullptr,
                                     const std::function<void()>& after_reset = nullptr) {
    reset();
    if (after_reset) after_reset();
    int steps = 0;
    while (!terminated && steps < env.config().max_episode_steps) {
      const int32_t a = env.expert_action();
      if (actions) actions->push_back(a);
      step(a);
      ++steps;
    }
    const std::vector<double> m = metrics();
    return {m[0], m[1], static_cast<double>(steps)};
  }

  ObjectNavEnv env;
  std::vector<uint8_t> rgb;
  std::vector<float> goal;
  float reward = -99.0f;
  uint8_t terminated = 7;
  void* fields[2];
};

}  // namespace ember
