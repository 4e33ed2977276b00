#include "envs/classic/pendulum.h"
#include "envs/common/hexfloat_text.h"
#include "envs/common/numeric_start_state.h"

#include <cmath>
#include <cstdio>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember {

namespace {

constexpr const char* kSnapshotHeader = "ember-Pendulum-v1-snapshot-1";

inline double clip(double v, double lo, double hi) { return v < lo ? lo : (v > hi ? hi : v); }

void check_gravity(double g) {
  if (!std::isfinite(g) || g < 0.0 || g > 100.0)
    throw std::invalid_argument("Pendulum-v1: g must be a finite number in [0, 100], got " +
                                std::to_string(g));
}

}  // namespace

double Pendulum::angle_normalize(double x) {
  // Python/NumPy float modulo: fmod, then shift a remainder whose sign differs
  // from the (positive) divisor; a zero remainder becomes +0.
  const double two_pi = 2 * kPi;
  double mod = std::fmod(x + kPi, two_pi);
  if (mod != 0.0) {
    if (mod < 0.0) mod += two_pi;
  } else {
    mod = 0.0;
  }
  return mod - kPi;
}

Pendulum::Pendulum(double g) : g_(g) {
  check_gravity(g);
  spec_.id = "Pendulum-v1";
  spec_.num_agents = 1;
  const float max_speed = static_cast<float>(kMaxSpeed);
  spec_.observation = {
      {"obs", Space::box({3}, {-1.0f, -1.0f, -max_speed}, {1.0f, 1.0f, max_speed})}};
  spec_.action = Space::box({1}, static_cast<float>(-kMaxTorque), static_cast<float>(kMaxTorque));
  spec_.max_episode_steps = kMaxEpisodeSteps;
  spec_.supports_snapshot = true;
  spec_.supports_start_state = true;
}

void Pendulum::write_obs(const EnvSlot& out) const {
  float* obs = out.field<float>(0);
  obs[0] = static_cast<float>(std::cos(state_.theta));
  obs[1] = static_cast<float>(std::sin(state_.theta));
  obs[2] = static_cast<float>(state_.theta_dot);
}

void Pendulum::reset(const EnvSlot& out) {
  state_.theta = rng_.uniform(-kPi, kPi);
  state_.theta_dot = rng_.uniform(-1.0, 1.0);
  write_obs(out);
}

void Pendulum::step(const ActionView& actions, const EnvSlot& out) {
  const float raw = actions.continuous[0];
  if (!std::isfinite(raw)) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "Pendulum-v1: agent 0 torque %g is not finite",
                  static_cast<double>(raw));
    throw std::invalid_argument(buf);
  }
  // Gymnasium's operation order, so that every intermediate rounds the same
  // (this file is built with -ffp-contract=off).
  const double th = state_.theta;
  const double thdot = state_.theta_dot;
  const double u = clip(static_cast<double>(raw), -kMaxTorque, kMaxTorque);
  const double an = angle_normalize(th);
  const double cost = an * an + 0.1 * (thdot * thdot) + 0.001 * (u * u);

  double newthdot =
      thdot + (3 * g_ / (2 * kLength) * std::sin(th) + 3.0 / (kMass * (kLength * kLength)) * u) * kDt;
  newthdot = clip(newthdot, -kMaxSpeed, kMaxSpeed);
  state_.theta = th + newthdot * kDt;
  state_.theta_dot = newthdot;

  write_obs(out);
  out.reward[0] = static_cast<float>(-cost);
  *out.terminated = 0;
}

void Pendulum::save_snapshot(std::ostream& out) const {
  out << kSnapshotHeader << '\n';
  write_hexfloat(out, g_);
  write_hexfloat(out, state_.theta);
  write_hexfloat(out, state_.theta_dot);
  rng_.save(out);
  if (!out) throw std::runtime_error("Pendulum snapshot: write failed");
}

void Pendulum::load_snapshot(std::istream& in) {
  std::string header;
  if (!(in >> header) || header != kSnapshotHeader)
    throw std::runtime_error("Pendulum snapshot: bad header '" + header + "'");
  const double g = read_hexfloat(in, "Pendulum snapshot", "g");
  if (g != g_) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "Pendulum snapshot: saved with g = %.17g, this env has g = %.17g",
                  g, g_);
    throw std::runtime_error(buf);
  }
  PendulumState s;
  s.theta = read_hexfloat(in, "Pendulum snapshot", "theta");
  s.theta_dot = read_hexfloat(in, "Pendulum snapshot", "theta_dot");
  Rng rng;
  rng.load(in);
  state_ = s;
  rng_ = rng;
}

void Pendulum::reset_to_state(const YAML::Node& node, const EnvSlot& out) {
  const std::vector<double> v =
      read_numeric_start_state(node, "Pendulum-v1", {"theta", "theta_dot"});
  state_ = PendulumState{v[0], v[1]};
  write_obs(out);
}

}  // namespace ember
