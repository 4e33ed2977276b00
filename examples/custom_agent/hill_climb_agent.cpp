#include "hill_climb_agent.h"

#include <cstdint>
#include <istream>
#include <limits>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/binary_io.h"
#include "core/param_table.h"
#include "core/registry.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

namespace {

// The settings, declared once: `ember describe hill_climb` and validation
// come from these rows, the defaults from the struct.
struct HillClimbConfig {
  int64_t rollout_length = 500;  // vector steps each candidate is tried for
  double noise = 0.5;            // std of the perturbation added to the best weights

  static const ParamTable<HillClimbConfig>& param_table() {
    using C = HillClimbConfig;
    static const ParamTable<C> table =
        ParamTable<C>()
            .integer("rollout_length", &C::rollout_length, 1, 1 << 20, "vector steps each candidate is tried for")
            .real("noise", &C::noise, 0.0, 100.0, "std of the Gaussian perturbation of the best weights");
    return table;
  }
};

// action = argmax_a (W obs + b)_a for every (env, agent) row; `weights` is
// [actions, obs_dim + 1] row-major, the bias last.
class LinearPolicy : public Policy {
 public:
  LinearPolicy(const std::vector<double>& weights, int obs_field, int64_t obs_dim, int64_t actions)
      : weights_(weights), obs_field_(obs_field), obs_dim_(obs_dim), actions_(actions) {}

  void act(VectorEnv& envs) override {
    const auto* obs = static_cast<const float*>(envs.field(obs_field_));
    int32_t* out = envs.discrete_actions();
    const int64_t rows = static_cast<int64_t>(envs.num_envs()) * envs.num_agents();
    for (int64_t r = 0; r < rows; ++r) {
      const float* x = obs + r * obs_dim_;
      int32_t best = 0;
      double best_score = -std::numeric_limits<double>::infinity();
      for (int64_t a = 0; a < actions_; ++a) {
        const double* w = weights_.data() + a * (obs_dim_ + 1);
        double score = w[obs_dim_];
        for (int64_t i = 0; i < obs_dim_; ++i) score += w[i] * x[i];
        if (score > best_score) best_score = score, best = static_cast<int32_t>(a);
      }
      out[r] = best;
    }
  }

 private:
  const std::vector<double>& weights_;  // read at every act(): the agent changes them between rollouts
  int obs_field_;
  int64_t obs_dim_, actions_;
};

class HillClimbAgent : public Agent, public Sink {
 public:
  explicit HillClimbAgent(const AgentContext& ctx)
      : config_(HillClimbConfig::param_table().fill(ctx.params)),
        obs_field_(ctx.spec.field_index("obs")),
        obs_dim_(ctx.spec.observation[static_cast<size_t>(obs_field_)].space.numel()),
        actions_(ctx.spec.action.nvec.at(0)),
        rng_(derive_seed(ctx.seed, "hill_climb")),  // every random draw from the run's seed
        best_(static_cast<size_t>(actions_ * (obs_dim_ + 1)), 0.0),
        candidate_(best_),
        running_(static_cast<size_t>(ctx.num_envs), 0.0),
        behaviour_(candidate_, obs_field_, obs_dim_, actions_),
        greedy_(best_, obs_field_, obs_dim_, actions_) {
    perturb();
  }

  // Training tries the candidate; evaluation uses the best weights so far.
  Policy& behaviour_policy() override { return behaviour_; }
  Policy& greedy_policy() override { return greedy_; }
  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return config_.rollout_length; }

  // Sums each env's team reward; a finished episode's return scores the
  // candidate acting when it ends (an episode spanning two rollouts counts
  // for the second: simple, and unbiased enough for hill climbing).
  void after_step(const VectorEnv& envs) override {
    const int agents = envs.num_agents();
    for (int e = 0; e < envs.num_envs(); ++e) {
      for (int a = 0; a < agents; ++a) running_[static_cast<size_t>(e)] += envs.rewards()[e * agents + a];
      if (!envs.done()[e]) continue;
      candidate_sum_ += running_[static_cast<size_t>(e)];
      ++candidate_episodes_;
      running_[static_cast<size_t>(e)] = 0.0;
    }
  }

  Metrics update(const TrainProgress&) override {
    const double score = candidate_episodes_ ? candidate_sum_ / static_cast<double>(candidate_episodes_)
                                             : std::numeric_limits<double>::quiet_NaN();
    if (candidate_episodes_ && score >= best_score_) {
      best_ = candidate_;
      best_score_ = score;
    }
    candidate_sum_ = 0.0;
    candidate_episodes_ = 0;
    perturb();
    return {{"hill_climb/candidate_return", score}, {"hill_climb/best_return", best_score_}};
  }

  void save(std::ostream& out) const override {
    write_string(out, "hill_climb/1");
    write_vector(out, best_);
    write_vector(out, candidate_);
    write_vector(out, running_);
    write_pod(out, best_score_);
    write_pod(out, candidate_sum_);
    write_pod(out, candidate_episodes_);
    write_rng(out, rng_);
  }
  void load(std::istream& in) override {
    const std::string format = read_string(in);
    if (format != "hill_climb/1")
      throw std::runtime_error("not a hill_climb checkpoint (format '" + format + "', expected 'hill_climb/1')");
    read_vector(in, best_);
    read_vector(in, candidate_);
    read_vector(in, running_);
    best_score_ = read_pod<double>(in);
    candidate_sum_ = read_pod<double>(in);
    candidate_episodes_ = read_pod<int64_t>(in);
    read_rng(in, rng_);
  }

 private:
  void perturb() {
    for (size_t i = 0; i < best_.size(); ++i) candidate_[i] = best_[i] + config_.noise * rng_.normal();
  }

  HillClimbConfig config_;
  int obs_field_;
  int64_t obs_dim_, actions_;
  Rng rng_;
  std::vector<double> best_, candidate_, running_;
  double best_score_ = -std::numeric_limits<double>::infinity();
  double candidate_sum_ = 0.0;
  int64_t candidate_episodes_ = 0;
  LinearPolicy behaviour_, greedy_;
};

// Empty when the agent can drive envs of `spec`, else the reason.
std::string hill_climb_compatibility(const EnvSpec& spec) {
  if (spec.action.kind != SpaceKind::kDiscrete) return "hill_climb needs Discrete actions";
  const int f = spec.field_index("obs");
  if (f < 0 || spec.observation[static_cast<size_t>(f)].space.dtype != DType::kFloat32)
    return "hill_climb needs an f32 observation field named 'obs'";
  return "";
}

}  // namespace

void register_hill_climb_agent(Registry& registry) {
  registry.add_agent({"hill_climb",
                      "random-search hill climbing of a linear policy (the custom-agent example, "
                      "docs/custom_agents.md)",
                      HillClimbConfig::param_table().specs(),
                      [](const AgentContext& ctx) { return std::make_unique<HillClimbAgent>(ctx); },
                      hill_climb_compatibility});
}

}  // namespace ember
