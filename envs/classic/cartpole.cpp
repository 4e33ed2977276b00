#include "envs/classic/cartpole.h"
#include "envs/common/hexfloat_text.h"
#include "envs/common/numeric_start_state.h"

#include <cfloat>
#include <cmath>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember {

namespace {

constexpr const char* kSnapshotHeader = "ember-CartPole-v1-snapshot-1";

}  // namespace

CartPole::CartPole() {
  spec_.id = "CartPole-v1";
  spec_.num_agents = 1;
  // Gymnasium: high = [x_threshold * 2, max, theta_threshold * 2, max] as float32.
  const float hx = static_cast<float>(kXThreshold * 2);
  const float ht = static_cast<float>(kThetaThreshold * 2);
  spec_.observation = {{"obs", Space::box({4}, {-hx, -FLT_MAX, -ht, -FLT_MAX},
                                          {hx, FLT_MAX, ht, FLT_MAX})}};
  spec_.action = Space::discrete(2);
  spec_.max_episode_steps = kMaxEpisodeSteps;
  spec_.supports_snapshot = true;
  spec_.supports_start_state = true;
}

void CartPole::write_obs(const EnvSlot& out) const {
  float* obs = out.field<float>(0);
  obs[0] = static_cast<float>(state_.x);
  obs[1] = static_cast<float>(state_.x_dot);
  obs[2] = static_cast<float>(state_.theta);
  obs[3] = static_cast<float>(state_.theta_dot);
}

void CartPole::reset(const EnvSlot& out) {
  state_.x = rng_.uniform(-0.05, 0.05);
  state_.x_dot = rng_.uniform(-0.05, 0.05);
  state_.theta = rng_.uniform(-0.05, 0.05);
  state_.theta_dot = rng_.uniform(-0.05, 0.05);
  terminated_before_ = false;
  write_obs(out);
}

void CartPole::step(const ActionView& actions, const EnvSlot& out) {
  const int32_t action = actions.discrete[0];
  if (action != 0 && action != 1) {
    throw std::invalid_argument("CartPole-v1: agent 0 action " + std::to_string(action) +
                                " is not in {0, 1}");
  }
  // The expressions below keep Gymnasium's operation order so that every
  // intermediate rounds identically (this file is built with -ffp-contract=off).
  const double force = action == 1 ? kForceMag : -kForceMag;
  const double theta = state_.theta;
  const double theta_dot = state_.theta_dot;
  const double costheta = std::cos(theta);
  const double sintheta = std::sin(theta);
  const double temp = (force + kPoleMassLength * (theta_dot * theta_dot) * sintheta) / kTotalMass;
  const double thetaacc = (kGravity * sintheta - costheta * temp) /
                          (kLength * (4.0 / 3.0 - kMassPole * (costheta * costheta) / kTotalMass));
  const double xacc = temp - kPoleMassLength * thetaacc * costheta / kTotalMass;

  // Euler: positions advance with the old velocities.
  state_.x = state_.x + kTau * state_.x_dot;
  state_.x_dot = state_.x_dot + kTau * xacc;
  state_.theta = theta + kTau * theta_dot;
  state_.theta_dot = theta_dot + kTau * thetaacc;

  const bool terminated = state_.x < -kXThreshold || state_.x > kXThreshold ||
                          state_.theta < -kThetaThreshold || state_.theta > kThetaThreshold;
  float reward = 1.0f;
  if (terminated) {
    // As Gymnasium: 1 on the terminating step, 0 on steps taken after it.
    if (terminated_before_) reward = 0.0f;
    terminated_before_ = true;
  }
  write_obs(out);
  out.reward[0] = reward;
  *out.terminated = terminated ? 1 : 0;
}

void CartPole::save_snapshot(std::ostream& out) const {
  out << kSnapshotHeader << '\n';
  write_hexfloat(out, state_.x);
  write_hexfloat(out, state_.x_dot);
  write_hexfloat(out, state_.theta);
  write_hexfloat(out, state_.theta_dot);
  out << (terminated_before_ ? 1 : 0) << '\n';
  rng_.save(out);
  if (!out) throw std::runtime_error("CartPole snapshot: write failed");
}

void CartPole::load_snapshot(std::istream& in) {
  std::string header;
  if (!(in >> header) || header != kSnapshotHeader)
    throw std::runtime_error("CartPole snapshot: bad header '" + header + "'");
  CartPoleState s;
  s.x = read_hexfloat(in, "CartPole snapshot", "x");
  s.x_dot = read_hexfloat(in, "CartPole snapshot", "x_dot");
  s.theta = read_hexfloat(in, "CartPole snapshot", "theta");
  s.theta_dot = read_hexfloat(in, "CartPole snapshot", "theta_dot");
  int flag = -1;
  if (!(in >> flag) || (flag != 0 && flag != 1))
    throw std::runtime_error("CartPole snapshot: bad termination flag");
  Rng rng;
  rng.load(in);
  state_ = s;
  terminated_before_ = flag == 1;
  rng_ = rng;
}

void CartPole::reset_to_state(const YAML::Node& node, const EnvSlot& out) {
  const std::vector<double> v =
      read_numeric_start_state(node, "CartPole-v1", {"x", "x_dot", "theta", "theta_dot"});
  state_ = CartPoleState{v[0], v[1], v[2], v[3]};
  terminated_before_ = false;
  write_obs(out);
}

}  // namespace ember
