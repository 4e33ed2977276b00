// File: envs/classic/cartpole.h
//
// CartPole-v1 with Gymnasium's exact dynamics (classic_control/cartpole.py):
// Euler integration with tau = 0.02, gravity 9.8, cart mass 1.0, pole mass
// 0.1, half-pole length 0.5, force +-10. The episode terminates when
// |x| > 2.4 or |theta| > 12 degrees (strictly); the reward is 1 on every step,
// including the terminating one. Truncation at 500 steps is declared in the
// spec and applied by VectorEnv.
//
// The state is kept in double precision, like Gymnasium's Python floats; the
// observation is that state cast to float32.
//
// Example:
//   CartPole env;
//   env.seed(7);
//   env.reset(slot);                 // slot.fields[0] -> float[4]
//   int32_t a = 1;
//   env.step(ActionView{&a, nullptr}, slot);
//   double x = env.state().x;
#pragma once

#include <cstdint>

#include "core/env.h"
#include "core/rng.h"

namespace ember {

struct CartPoleState {
  double x = 0.0;
  double x_dot = 0.0;
  double theta = 0.0;
  double theta_dot = 0.0;
};

class CartPole final : public Env {
 public:
  // Physical constants, spelled as in Gymnasium so that derived constants
  // round identically.
  static constexpr double kGravity = 9.8;
  static constexpr double kMassCart = 1.0;
  static constexpr double kMassPole = 0.1;
  static constexpr double kTotalMass = kMassPole + kMassCart;
  static constexpr double kLength = 0.5;  // half the pole's length
  static constexpr double kPoleMassLength = kMassPole * kLength;
  static constexpr double kForceMag = 10.0;
  static constexpr double kTau = 0.02;
  static constexpr double kPi = 3.141592653589793;  // == math.pi
  static constexpr double kThetaThreshold = 12 * 2 * kPi / 360;
  static constexpr double kXThreshold = 2.4;
  static constexpr int kMaxEpisodeSteps = 500;

  CartPole();

  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t seed) override { rng_.seed(seed); }
  void reset(const EnvSlot& out) override;
  void step(const ActionView& actions, const EnvSlot& out) override;

  // Text snapshot: the double state in hexfloat, the post-termination flag,
  // then the Rng state. Round trips exactly.
  void save_snapshot(std::ostream& out) const override;
  void load_snapshot(std::istream& in) override;

  // Keys: x, x_dot, theta, theta_dot (all required, finite numbers).
  void reset_to_state(const YAML::Node& state, const EnvSlot& out) override;

  const CartPoleState& state() const { return state_; }

 private:
  void write_obs(const EnvSlot& out) const;

  EnvSpec spec_;
  Rng rng_;
  CartPoleState state_;
  // Gymnasium's steps_beyond_terminated != None: further steps give reward 0.
  bool terminated_before_ = false;
};

}  // namespace ember
