// examples/custom_env/reach_target.cpp — "reach-target", an ember env plugin.
//
// The agent walks on a line of `size` cells and must reach the target cell.
// Both start on distinct cells drawn from the env's own RNG.
//
//   observation "obs": f32[3] = {agent, target, target - agent}, positions
//                      scaled by 1 / (size - 1), so in [0, 1] (offset in [-1, 1])
//   action:            Discrete(2): 0 = step left, 1 = step right (walls stop you)
//   reward:            -step_cost per step, +1 on the step that reaches the target
//   terminated:        when the agent stands on the target
//   time limit:        4 * size steps (VectorEnv reports it as truncated)
//   episode metric:    success (1 when the target was reached, else 0)
//
// This one file is the whole plugin: the env, its registration with declared
// parameters, and EMBER_PLUGIN, which exports the entry points ember looks
// for and records the ember version it was compiled against.
#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>

#include "core/env.h"
#include "core/plugin.h"
#include "core/rng.h"

namespace {

using namespace ember;

class ReachTarget final : public Env {
 public:
  ReachTarget(int64_t size, double step_cost) : size_(size), step_cost_(step_cost) {
    spec_.id = "reach-target";
    spec_.num_agents = 1;
    spec_.observation = {{"obs", Space::box({3}, {0.0f, 0.0f, -1.0f}, {1.0f, 1.0f, 1.0f})}};
    spec_.action = Space::discrete(2);
    spec_.max_episode_steps = static_cast<int>(4 * size);
    spec_.episode_metrics = {"success"};
    spec_.supports_snapshot = true;
  }

  const EnvSpec& spec() const override { return spec_; }

  void seed(uint64_t seed) override { rng_.seed(seed); }

  void reset(const EnvSlot& out) override {
    target_ = rng_.uniform_int(size_);
    agent_ = rng_.uniform_int(size_ - 1);  // any cell but the target
    if (agent_ >= target_) ++agent_;
    write_obs(out);
  }

  void step(const ActionView& actions, const EnvSlot& out) override {
    const int32_t action = actions.discrete[0];
    if (action != 0 && action != 1)
      throw std::invalid_argument("reach-target: agent 0 action " + std::to_string(action) +
                                  " is not in {0, 1}");
    if (action == 0 && agent_ > 0) --agent_;
    if (action == 1 && agent_ < size_ - 1) ++agent_;
    const bool reached = agent_ == target_;
    out.reward[0] = static_cast<float>(-step_cost_ + (reached ? 1.0 : 0.0));
    *out.terminated = reached ? 1 : 0;
    write_obs(out);
  }

  void episode_metrics(double* out) const override { out[0] = agent_ == target_ ? 1.0 : 0.0; }

  std::string describe() const override {
    return "agent at " + std::to_string(agent_) + ", target at " + std::to_string(target_) +
           " on a line of " + std::to_string(size_) + " cells";
  }

  // Optional: the whole dynamic state (positions and RNG), so that
  // `ember train --resume` continues episodes exactly.
  void save_snapshot(std::ostream& out) const override {
    out << "reach-target-snapshot-1 " << agent_ << ' ' << target_ << '\n';
    rng_.save(out);
  }

  void load_snapshot(std::istream& in) override {
    std::string header;
    int64_t agent = -1, target = -1;
    in >> header >> agent >> target;
    if (!in || header != "reach-target-snapshot-1" || agent < 0 || agent >= size_ ||
        target < 0 || target >= size_)
      throw std::runtime_error("reach-target: bad snapshot");
    rng_.load(in);
    agent_ = agent;
    target_ = target;
  }

 private:
  void write_obs(const EnvSlot& out) const {
    const float scale = 1.0f / static_cast<float>(size_ - 1);
    float* obs = out.field<float>(0);
    obs[0] = static_cast<float>(agent_) * scale;
    obs[1] = static_cast<float>(target_) * scale;
    obs[2] = static_cast<float>(target_ - agent_) * scale;
  }

  EnvSpec spec_;
  int64_t size_;
  double step_cost_;
  Rng rng_;
  int64_t agent_ = 0;
  int64_t target_ = 0;
};

void register_reach_target(Registry& registry) {
  registry.add_env(
      {"reach-target",
       "walk left or right along a line to reach the target cell (Discrete(2), 4*size steps)",
       {ParamSpec::integer("size", 8, 2, 1000, "number of cells on the line"),
        ParamSpec::real("step_cost", 0.01, 0.0, 1.0, "reward subtracted on every step")},
       [](const Params& params) -> std::unique_ptr<Env> {
         // Factories also receive the common params (num_envs, ...): read only ours.
         const int64_t size = params.has("size") ? params.get_int("size") : 8;
         const double step_cost = params.has("step_cost") ? params.get_float("step_cost") : 0.01;
         return std::make_unique<ReachTarget>(size, step_cost);
       }});
}

}  // namespace

EMBER_PLUGIN(register_reach_target)
