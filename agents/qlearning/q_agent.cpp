#include "agents/qlearning/q_agent.h"

#include <algorithm>
#include <cmath>
#include <istream>
#include <ostream>
#include <sstream>

#include "agents/common/mode_policies.h"
#include "agents/qlearning/episode_buffer.h"
#include "agents/qlearning/q_learner.h"
#include "core/binary_io.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

namespace {

// Evaluation with PolicyMode::kSample acts epsilon-greedily at a small fixed
// epsilon (EPyMARL's `evaluation_epsilon`), which breaks the loops a
// memoryless greedy policy can fall into (two agents waiting for each other
// forever).
class QAgent : public ModeActor, public ModeAgent, public Sink {
 public:
  QAgent(const AgentContext& ctx, const std::string& id)
      : ModeAgent(static_cast<ModeActor&>(*this)),  // ModeActor, listed first, is built
        config_(QAgentConfig::from_params(ctx.params, id)),
        layout_(EpisodeLayout::from_spec(ctx.spec, episode_length(config_, ctx.spec))),
        learner_(config_.learner, layout_, derive_seed(ctx.seed, "q/init")),
        buffer_(ctx.spec, layout_, config_.training.buffer_size, ctx.num_envs),
        rng_(derive_seed(ctx.seed, "q/explore")),
        sample_rng_(derive_seed(ctx.seed, "q/sample")),
        eval_rng_(derive_seed(ctx.seed, "q/eval")) {
    obs_field_ = std::max(0, ctx.spec.field_index("obs"));
    has_mask_ = ctx.spec.has_action_mask;
  }

  static int64_t episode_length(const QAgentConfig& config, const EnvSpec& spec) {
    return config.max_episode_len > 0 ? config.max_episode_len : spec.max_episode_steps;
  }

  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return config_.rollout_length; }

  double epsilon() const { return config_.training.epsilon_after(env_steps_); }

  void act(VectorEnv& envs, PolicyMode mode) override {
    const auto* obs = static_cast<const float*>(envs.field(obs_field_));
    const int32_t* mask = has_mask_ ? envs.action_mask() : nullptr;
    const bool training = mode == PolicyMode::kBehaviour;
    const double eps = training ? epsilon() : mode == PolicyMode::kSample ? config_.training.eval_epsilon : 0.0;
    learner_.act(obs, mask, envs.num_envs(), eps, training ? rng_ : eval_rng_, envs.discrete_actions(), slot(mode));
  }
  void on_step_end(const VectorEnv& envs, PolicyMode mode) override {
    learner_.reset_hidden(envs.num_envs(), envs.done(), slot(mode));
  }
  void reset_memory(int num_envs, PolicyMode mode) override { learner_.reset_hidden(num_envs, nullptr, slot(mode)); }
  static QLearner::Slot slot(PolicyMode mode) {
    return mode == PolicyMode::kBehaviour ? QLearner::kBehaviour : QLearner::kEval;
  }

  void before_step(const VectorEnv& envs) override { buffer_.before_step(envs); }
  void after_step(const VectorEnv& envs) override {
    buffer_.after_step(envs);
    env_steps_ += envs.num_envs();
  }

  Metrics update(const TrainProgress&) override {
    const int64_t batch = config_.training.batch_size;
    const int64_t finished = buffer_.episodes_added() - episodes_seen_;
    episodes_seen_ = buffer_.episodes_added();
    pending_updates_ += static_cast<double>(finished) * config_.training.updates_per_episode;
    Metrics sum;
    int64_t count = 0;
    while (pending_updates_ >= 1.0) {
      pending_updates_ -= 1.0;
      if (buffer_.size() < batch) continue;
      const Metrics m = learner_.train(buffer_, buffer_.sample(batch, sample_rng_));
      if (sum.empty()) sum = m;
      else
        for (size_t i = 0; i < m.size() && i < sum.size(); ++i) sum[i].second += m[i].second;
      ++count;
    }
    // a fixed set of columns, whether or not this update trained
    Metrics out = {{"losses/td_loss", NAN}, {"losses/grad_norm", NAN}, {"losses/q_taken_mean", NAN},
                   {"losses/target_mean", NAN}};
    for (size_t i = 0; i < sum.size() && i < out.size(); ++i) out[i].second = sum[i].second / static_cast<double>(count);
    out.emplace_back("charts/epsilon", epsilon());
    out.emplace_back("charts/training_steps", static_cast<double>(learner_.training_steps()));
    out.emplace_back("charts/replay_episodes", static_cast<double>(buffer_.size()));
    return out;
  }

  void save(std::ostream& out) const override {
    write_string(out, "qagent/1");
    write_pod(out, env_steps_);
    write_pod(out, episodes_seen_);
    write_pod(out, pending_updates_);
    for (const Rng* r : {&rng_, &sample_rng_, &eval_rng_}) write_rng(out, *r);
    learner_.save(out);
    const bool replay = config_.save_replay;
    write_pod(out, static_cast<uint8_t>(replay));
    if (replay) buffer_.save(out);
  }

  void load(std::istream& in) override {
    if (read_string(in) != "qagent/1") throw std::runtime_error("not a Q-learning agent checkpoint");
    env_steps_ = read_pod<int64_t>(in);
    episodes_seen_ = read_pod<int64_t>(in);
    pending_updates_ = read_pod<double>(in);
    for (Rng* r : {&rng_, &sample_rng_, &eval_rng_}) read_rng(in, *r);
    learner_.load(in);
    if (read_pod<uint8_t>(in)) buffer_.load(in);
  }

 private:
  QAgentConfig config_;
  EpisodeLayout layout_;
  QLearner learner_;
  EpisodeBuffer buffer_;
  Rng rng_, sample_rng_, eval_rng_;
  int obs_field_ = 0;
  bool has_mask_ = false;
  int64_t env_steps_ = 0, episodes_seen_ = 0;
  double pending_updates_ = 0;
};

}  // namespace

std::vector<ParamSpec> qlearning_param_specs(const std::string& id) {
  return QAgentConfig::param_table().specs(QAgentConfig::defaults_for(id));
}

std::string qlearning_compatibility(const EnvSpec& spec) {
  if (spec.action.kind != SpaceKind::kDiscrete) return "needs a Discrete action space";
  const int f = spec.field_index("obs");
  if (f < 0 || spec.observation[static_cast<size_t>(f)].space.dtype != DType::kFloat32)
    return "needs an f32 observation field named 'obs'";
  if (spec.max_episode_steps <= 0) return "needs an env with a time limit (episode replay is padded to it)";
  return "";
}

void register_qlearning_agents(Registry& registry) {
  const std::pair<const char*, const char*> agents[] = {
      {"iql", "independent Q-learning: shared GRU agent networks, team reward, episode replay (EPyMARL iql)"},
      {"vdn", "value decomposition networks: Q_tot = sum of agent Qs (EPyMARL vdn)"},
      {"qmix", "QMIX: monotonic hypernetwork mixing of agent Qs conditioned on the global state (EPyMARL qmix)"},
  };
  for (const auto& [id, doc] : agents) {
    const std::string name = id;
    registry.add_agent({name, doc, qlearning_param_specs(name),
                        [name](const AgentContext& ctx) { return std::make_unique<QAgent>(ctx, name); },
                        qlearning_compatibility});
  }
}

}  // namespace ember
