#include "agents/mansa/q_learner_pair.h"

#include <algorithm>
#include <cmath>
#include <istream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "agents/mansa/global_switcher.h"
#include "agents/qlearning/episode_buffer.h"
#include "agents/qlearning/q_learner.h"
#include "core/binary_io.h"
#include "core/rng.h"
#include "core/vector_env.h"

namespace ember {

namespace {

// The replay's layout: whole episodes up to the env's time limit.
EpisodeLayout replay_layout(const EnvSpec& spec) { return EpisodeLayout::from_spec(spec, spec.max_episode_steps); }

class QLearnerPair : public TwoLearners<QLearner> {
 public:
  QLearnerPair(const MansaConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed)
      : TwoLearners(config.value_pair.il, config.value_pair.cl, seed, replay_layout(spec)),
        config_(config.value_pair),
        layout_(replay_layout(spec)),
        buffer_(spec, layout_, config_.training.buffer_size, num_envs),
        explore_rng_(derive_seed(seed, "mansa/explore")),
        num_envs_(num_envs),
        obs_field_(std::max(0, spec.field_index("obs"))),
        has_mask_(spec.has_action_mask) {}

  // Training: epsilon-greedy at the annealed rate from the exploration
  // stream; evaluation: greedy, or at eval_epsilon (kSample) from eval_rng.
  void act(const VectorEnv& envs, PolicyMode mode, Rng& eval_rng, int32_t* il, int32_t* cl) override {
    const auto* obs = static_cast<const float*>(envs.field(obs_field_));
    const int32_t* mask = has_mask_ ? envs.action_mask() : nullptr;
    const double eps = mode == PolicyMode::kBehaviour ? config_.training.epsilon_after(env_steps_)
                       : mode == PolicyMode::kSample  ? config_.training.eval_epsilon
                                                      : 0.0;
    Rng& rng = mode == PolicyMode::kBehaviour ? explore_rng_ : eval_rng;
    il_.act(obs, mask, envs.num_envs(), eps, rng, il, slot(mode));
    cl_.act(obs, mask, envs.num_envs(), eps, rng, cl, slot(mode));
  }
  void on_step_end(const VectorEnv& envs, PolicyMode mode) override {
    il_.reset_hidden(envs.num_envs(), envs.done(), slot(mode));
    cl_.reset_hidden(envs.num_envs(), envs.done(), slot(mode));
  }
  void reset_memory(int num_envs, PolicyMode mode) override {
    il_.reset_hidden(num_envs, nullptr, slot(mode));
    cl_.reset_hidden(num_envs, nullptr, slot(mode));
  }

  // The replay stores with every step who acted (flag 1: CL).
  void before_step(const VectorEnv& envs, const std::vector<uint8_t>& cl_acts) override {
    flags_.assign(cl_acts.begin(), cl_acts.end());
    buffer_.set_step_flags(flags_);
    buffer_.before_step(envs);
  }
  void after_step(const VectorEnv& envs) override {
    buffer_.after_step(envs);
    env_steps_ += num_envs_;
  }

  // One training step per finished episode; each learner on the steps where
  // it acted (or on all, with share_data), both on the same sampled episodes.
  Metrics update(const TrainProgress&, Rng& sample_rng) override {
    const int64_t batch = config_.training.batch_size;
    const int64_t finished = buffer_.episodes_added() - episodes_seen_;
    episodes_seen_ = buffer_.episodes_added();
    pending_updates_ += static_cast<double>(finished) * config_.training.updates_per_episode;
    const bool share = config_.share_data;
    double il_loss = 0, cl_loss = 0;
    int64_t il_count = 0, cl_count = 0;
    while (pending_updates_ >= 1.0) {
      pending_updates_ -= 1.0;
      if (buffer_.size() < batch) continue;
      const std::vector<int64_t> episodes = buffer_.sample(batch, sample_rng);
      const Metrics il = il_.train(buffer_, episodes, {!share, 0.0f});
      const Metrics cl = cl_.train(buffer_, episodes, {!share, 1.0f});
      if (!il.empty()) il_loss += il[0].second, ++il_count;
      if (!cl.empty()) cl_loss += cl[0].second, ++cl_count;
    }
    return {{"losses/il_td_loss", il_count ? il_loss / static_cast<double>(il_count) : NAN},
            {"losses/cl_td_loss", cl_count ? cl_loss / static_cast<double>(cl_count) : NAN}};
  }
  Metrics trailing_metrics() const override {
    return {{"charts/epsilon", config_.training.epsilon_after(env_steps_)}};
  }

  std::string format() const override { return "mansa/2"; }
  std::string readable_formats() const override { return "'mansa/2' and 'mansa/1'"; }
  void save_state(std::ostream& out) const override {
    write_pod(out, env_steps_);
    write_pod(out, episodes_seen_);
    write_pod(out, pending_updates_);
    write_rng(out, explore_rng_);
  }
  void load_state(std::istream& in) override {
    env_steps_ = read_pod<int64_t>(in);
    episodes_seen_ = read_pod<int64_t>(in);
    pending_updates_ = read_pod<double>(in);
    read_rng(in, explore_rng_);
  }
  void save_replay(std::ostream& out) const override { buffer_.save(out); }
  void load_replay(std::istream& in) override { buffer_.load(in); }

  // "mansa/1", the layout before Global became its own unit: its counters,
  // budgets and RNG sat between the agent's, its networks after the learners'.
  bool load_legacy(const std::string& format, std::istream& in, GlobalSwitcher& global, Rng& sample_rng,
                   Rng& eval_rng) override {
    if (format != "mansa/1") return false;
    env_steps_ = read_pod<int64_t>(in);
    episodes_seen_ = read_pod<int64_t>(in);
    pending_updates_ = read_pod<double>(in);
    const auto window_cl_steps = read_pod<int64_t>(in);
    const auto window_steps = read_pod<int64_t>(in);
    std::vector<double> budget_left(static_cast<size_t>(num_envs_));
    read_vector(in, budget_left);
    std::string switch_rng;
    for (Rng* r : {&explore_rng_, &sample_rng, static_cast<Rng*>(nullptr), &eval_rng}) {
      const std::string state = read_string(in);
      if (!r) {
        switch_rng = state;
        continue;
      }
      std::istringstream s(state);
      r->load(s);
    }
    il_.load(in);
    cl_.load(in);
    const std::string archive = read_string(in);
    global.restore(window_cl_steps, window_steps, budget_left, switch_rng, archive);
    buffer_.load(in);
    return true;
  }

 private:
  static QLearner::Slot slot(PolicyMode mode) {
    return mode == PolicyMode::kBehaviour ? QLearner::kBehaviour : QLearner::kEval;
  }

  MansaValuePairConfig config_;
  EpisodeLayout layout_;
  EpisodeBuffer buffer_;
  Rng explore_rng_;
  int num_envs_ = 0, obs_field_ = 0;
  bool has_mask_ = false;
  int64_t env_steps_ = 0, episodes_seen_ = 0;
  double pending_updates_ = 0;
  std::vector<float> flags_;
};

}  // namespace

std::unique_ptr<LearnerPair> make_q_learner_pair(const MansaConfig& config, const EnvSpec& spec, int num_envs,
                                                 uint64_t seed) {
  return std::make_unique<QLearnerPair>(config, spec, num_envs, seed);
}

}  // namespace ember
