// File: envs/classic/pendulum.h
//
// Pendulum-v1 with Gymnasium's exact dynamics (classic_control/pendulum.py):
// torque u clipped to [-2, 2], cost = angle_normalize(th)^2 + 0.1 thdot^2 +
// 0.001 u^2 (computed on the pre-step state), reward = -cost,
// thdot += (3g/(2l) sin th + 3/(m l^2) u) dt clipped to [-8, 8], th += thdot dt,
// with dt = 0.05, m = l = 1 and g a parameter (default 10). It never
// terminates; truncation at 200 steps is declared in the spec and applied by
// VectorEnv. Observation: [cos th, sin th, thdot] as float32.
//
// Arithmetic is double precision throughout; the f32 action is widened
// exactly, so results equal Gymnasium's when it is fed a float64 action.
//
// Example:
//   Pendulum env(/*g=*/9.81);
//   env.seed(3);
//   env.reset(slot);
//   float u = 0.5f;
//   env.step(ActionView{nullptr, &u}, slot);
#pragma once

#include <cstdint>

#include "core/env.h"
#include "core/rng.h"

namespace ember {

struct PendulumState {
  double theta = 0.0;
  double theta_dot = 0.0;
};

class Pendulum final : public Env {
 public:
  static constexpr double kMaxSpeed = 8.0;
  static constexpr double kMaxTorque = 2.0;
  static constexpr double kDt = 0.05;
  static constexpr double kMass = 1.0;
  static constexpr double kLength = 1.0;
  static constexpr double kDefaultGravity = 10.0;
  static constexpr double kPi = 3.141592653589793;  // == math.pi == np.pi
  static constexpr int kMaxEpisodeSteps = 200;

  // Throws std::invalid_argument unless g is finite and in [0, 100].
  explicit Pendulum(double g = kDefaultGravity);

  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t seed) override { rng_.seed(seed); }
  void reset(const EnvSlot& out) override;
  void step(const ActionView& actions, const EnvSlot& out) override;

  // Text snapshot: g, the double state in hexfloat, then the Rng state.
  void save_snapshot(std::ostream& out) const override;
  void load_snapshot(std::istream& in) override;

  // Keys: theta, theta_dot (both required, finite numbers).
  void reset_to_state(const YAML::Node& state, const EnvSlot& out) override;

  const PendulumState& state() const { return state_; }
  double gravity() const { return g_; }

  // Gymnasium's angle_normalize: ((x + pi) mod 2pi) - pi with Python/NumPy
  // floor-mod semantics: the result lies in [-pi, pi] and both pi and -pi
  // map to -pi.
  static double angle_normalize(double x);

 private:
  void write_obs(const EnvSlot& out) const;

  EnvSpec spec_;
  Rng rng_;
  double g_;
  PendulumState state_;
};

}  // namespace ember
