#include "core/vector_env.h"

#include <cmath>
#include <cstring>
#include <istream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "core/binary_io.h"
#include "core/rng.h"
#include "core/thread_pool.h"

namespace ember {

bool same_layout(const EnvSpec& a, const EnvSpec& b, LayoutMatch match) {
  const bool exact = match == LayoutMatch::kExact;
  if (a.num_agents != b.num_agents || a.action != b.action || a.observation.size() != b.observation.size() ||
      a.state.has_value() != b.state.has_value())
    return false;
  if (exact && (a.id != b.id || a.has_action_mask != b.has_action_mask || a.episode_metrics != b.episode_metrics))
    return false;
  for (size_t f = 0; f < a.observation.size(); ++f) {
    const Space& sa = a.observation[f].space;
    const Space& sb = b.observation[f].space;
    if (a.observation[f].name != b.observation[f].name) return false;
    if (exact ? sa != sb : (sa.shape != sb.shape || sa.dtype != sb.dtype)) return false;
  }
  if (!a.state) return true;
  return exact ? *a.state == *b.state : a.state->shape == b.state->shape;
}

VectorEnv::VectorEnv(std::vector<std::unique_ptr<Env>> envs, int num_threads)
    : envs_(std::move(envs)) {
  if (envs_.empty()) throw std::invalid_argument("VectorEnv needs at least one env");
  spec_ = envs_[0]->spec();
  spec_.validate();
  for (size_t i = 1; i < envs_.size(); ++i)
    if (!same_layout(spec_, envs_[i]->spec()))
      throw std::invalid_argument("VectorEnv: env " + std::to_string(i) +
                                  " has a different spec than env 0 ('" + spec_.id + "')");
  num_envs_ = static_cast<int>(envs_.size());
  num_threads_ = std::max(1, std::min(num_threads, num_envs_));
  if (num_threads_ > 1) pool_ = std::make_unique<ThreadPool>(num_threads_);

  const auto n = static_cast<size_t>(num_envs_);
  const auto agents = static_cast<size_t>(spec_.num_agents);
  for (const auto& f : spec_.observation) {
    const size_t stride = agents * f.space.byte_size();
    field_strides_.push_back(stride);
    fields_.emplace_back(n * stride);
    final_fields_.emplace_back(n * stride);
  }
  slot_fields_.resize(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t f = 0; f < fields_.size(); ++f)
      slot_fields_[i].push_back(fields_[f].data() + i * field_strides_[f]);
  if (spec_.state) {
    state_.assign(n * static_cast<size_t>(spec_.state->numel()), 0.0f);
    final_state_ = state_;
  }
  if (spec_.has_action_mask)
    action_mask_.assign(n * agents * static_cast<size_t>(spec_.action.nvec[0]), 1);
  rewards_.assign(n * agents, 0.0f);
  terminated_.assign(n, 0);
  truncated_.assign(n, 0);
  done_.assign(n, 0);
  const size_t action_size = n * agents * static_cast<size_t>(spec_.action_numel());
  if (spec_.action.is_discrete())
    discrete_actions_.assign(action_size, 0);
  else
    continuous_actions_.assign(action_size, 0.0f);
  running_return_.assign(n, 0.0);
  finished_return_.assign(n, 0.0);
  elapsed_.assign(n, 0);
  finished_length_.assign(n, 0);
  finished_metrics_.assign(n * spec_.episode_metrics.size(), 0.0);
}

VectorEnv::~VectorEnv() = default;

EnvSlot VectorEnv::slot(int i) {
  const auto k = static_cast<size_t>(i);
  EnvSlot s;
  s.fields = slot_fields_[k].data();
  s.state = spec_.state ? state_.data() + k * static_cast<size_t>(spec_.state->numel()) : nullptr;
  s.action_mask = spec_.has_action_mask
                      ? action_mask_.data() + k * static_cast<size_t>(spec_.num_agents) *
                                                  static_cast<size_t>(spec_.action.nvec[0])
                      : nullptr;
  s.reward = rewards_.data() + k * static_cast<size_t>(spec_.num_agents);
  s.terminated = terminated_.data() + k;
  return s;
}

void VectorEnv::reset(uint64_t seed) {
  for (int i = 0; i < num_envs_; ++i) {
    envs_[i]->seed(derive_seed(seed, static_cast<uint64_t>(i)));
    const EnvSlot s = slot(i);
    envs_[i]->reset(s);
    running_return_[i] = 0.0;
    elapsed_[i] = 0;
    terminated_[i] = truncated_[i] = done_[i] = 0;
  }
  std::fill(rewards_.begin(), rewards_.end(), 0.0f);
}

void VectorEnv::reset_env_to_state(int i, const YAML::Node& state) {
  envs_[i]->reset_to_state(state, slot(i));
  running_return_[i] = 0.0;
  elapsed_[i] = 0;
  terminated_[i] = truncated_[i] = done_[i] = 0;
}

void VectorEnv::validate_actions() const {
  const int per_env = spec_.num_agents * static_cast<int>(spec_.action_numel());
  const int64_t total = static_cast<int64_t>(num_envs_) * per_env;
  auto fail = [&](int64_t flat, const std::string& value, const std::string& why) {
    const auto env = flat / per_env, agent = (flat % per_env) / spec_.action_numel();
    throw std::invalid_argument("invalid action for env " + std::to_string(env) + ", agent " +
                                std::to_string(agent) + " of '" + spec_.id + "': " + value +
                                " (" + why + ")");
  };
  if (spec_.action.is_discrete()) {
    const auto& nvec = spec_.action.nvec;
    const int64_t k = static_cast<int64_t>(nvec.size());
    for (int64_t j = 0; j < total; ++j) {
      const int32_t a = discrete_actions_[static_cast<size_t>(j)];
      const int64_t n = nvec[static_cast<size_t>(j % k)];
      if (a < 0 || a >= n)
        fail(j, std::to_string(a), "expected an action id in [0, " + std::to_string(n - 1) + "]");
    }
  } else {
    for (int64_t j = 0; j < total; ++j)
      if (!std::isfinite(continuous_actions_[static_cast<size_t>(j)]))
        fail(j, std::to_string(continuous_actions_[static_cast<size_t>(j)]), "not finite");
  }
}

void VectorEnv::step_one(int i) {
  const auto k = static_cast<size_t>(i);
  const size_t agents = static_cast<size_t>(spec_.num_agents);
  const size_t per_env = agents * static_cast<size_t>(spec_.action_numel());
  ActionView actions;
  if (spec_.action.is_discrete())
    actions.discrete = discrete_actions_.data() + k * per_env;
  else
    actions.continuous = continuous_actions_.data() + k * per_env;
  const EnvSlot s = slot(i);
  *s.terminated = 0;
  envs_[k]->step(actions, s);

  double team = 0.0;
  if (spec_.team_reward == TeamReward::kShared) {
    team = s.reward[0];
  } else {
    for (size_t a = 0; a < agents; ++a) team += s.reward[a];
  }
  running_return_[k] += team;
  ++elapsed_[k];
  const bool term = terminated_[k] != 0;
  const bool trunc = !term && spec_.max_episode_steps > 0 && elapsed_[k] >= spec_.max_episode_steps;
  truncated_[k] = trunc;
  done_[k] = term || trunc;
  if (!done_[k]) return;

  // keep the finished episode's last observation and results, then autoreset
  finished_return_[k] = running_return_[k];
  finished_length_[k] = elapsed_[k];
  if (!spec_.episode_metrics.empty())
    envs_[k]->episode_metrics(finished_metrics_.data() + k * spec_.episode_metrics.size());
  for (size_t f = 0; f < fields_.size(); ++f)
    std::memcpy(final_fields_[f].data() + k * field_strides_[f], slot_fields_[k][f], field_strides_[f]);
  if (spec_.state) {
    const auto n = static_cast<size_t>(spec_.state->numel());
    std::memcpy(final_state_.data() + k * n, s.state, n * sizeof(float));
  }
  // the reset must not clobber the finished step's rewards or flags
  thread_local std::vector<float> saved_rewards;
  saved_rewards.assign(s.reward, s.reward + agents);
  envs_[k]->reset(s);
  std::memcpy(s.reward, saved_rewards.data(), agents * sizeof(float));
  *s.terminated = term;
  running_return_[k] = 0.0;
  elapsed_[k] = 0;
}

void VectorEnv::step_range(int begin, int end) {
  for (int i = begin; i < end; ++i) step_one(i);
}

void VectorEnv::step() {
  validate_actions();
  if (pool_) {
    pool_->parallel_for(num_envs_, [this](int b, int e) { step_range(b, e); });
  } else {
    step_range(0, num_envs_);
  }
}

void VectorEnv::save(std::ostream& out) const {
  if (!spec_.supports_snapshot)
    throw std::logic_error("env '" + spec_.id + "' does not support snapshots");
  write_string(out, spec_.id);
  write_pod(out, static_cast<int64_t>(num_envs_));
  for (const auto& f : fields_) write_vector(out, f);
  write_vector(out, state_);
  write_vector(out, action_mask_);
  write_vector(out, running_return_);
  write_vector(out, elapsed_);
  for (const auto& env : envs_) {
    std::ostringstream snap;
    env->save_snapshot(snap);
    write_string(out, snap.str());
  }
}

void VectorEnv::load(std::istream& in) {
  const std::string id = read_string(in);
  const auto n = read_pod<int64_t>(in);
  if (id != spec_.id || n != num_envs_)
    throw std::runtime_error("checkpoint holds " + std::to_string(n) + " envs of '" + id +
                             "', expected " + std::to_string(num_envs_) + " of '" + spec_.id + "'");
  for (auto& f : fields_) read_vector(in, f);
  read_vector(in, state_);
  read_vector(in, action_mask_);
  read_vector(in, running_return_);
  read_vector(in, elapsed_);
  for (auto& env : envs_) {
    std::istringstream snap(read_string(in));
    env->load_snapshot(snap);
  }
  std::fill(terminated_.begin(), terminated_.end(), 0);
  std::fill(truncated_.begin(), truncated_.end(), 0);
  std::fill(done_.begin(), done_.end(), 0);
}

}  // namespace ember
