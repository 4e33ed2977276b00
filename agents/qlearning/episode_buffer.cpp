#include "agents/qlearning/episode_buffer.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "core/binary_io.h"
#include "core/vector_env.h"

namespace ember {

EpisodeLayout EpisodeLayout::from_spec(const EnvSpec& spec, int64_t max_len) {
  EpisodeLayout l;
  l.max_len = max_len;
  l.agents = spec.num_agents;
  int field = spec.field_index("obs");
  if (field < 0) field = 0;
  l.obs_dim = spec.observation[static_cast<size_t>(field)].space.numel();
  l.state_dim = spec.state ? spec.state->numel() : l.agents * l.obs_dim;
  l.actions = spec.action.nvec.empty() ? 0 : spec.action.nvec[0];
  return l;
}

void EpisodeArrays::resize(const EpisodeLayout& l, int64_t capacity) {
  const auto c = static_cast<size_t>(capacity);
  const auto T = static_cast<size_t>(l.max_len);
  const auto A = static_cast<size_t>(l.agents);
  obs.assign(c * (T + 1) * A * static_cast<size_t>(l.obs_dim), 0.0f);
  state.assign(c * (T + 1) * static_cast<size_t>(l.state_dim), 0.0f);
  avail.assign(c * (T + 1) * A * static_cast<size_t>(l.actions), 0.0f);
  actions.assign(c * T * A, 0);
  reward.assign(c * T, 0.0f);
  terminated.assign(c * T, 0.0f);
  filled.assign(c * T, 0.0f);
  flag.assign(c * T, 0.0f);
}

EpisodeBuffer::EpisodeBuffer(const EnvSpec& spec, EpisodeLayout layout, int64_t capacity, int num_envs)
    : layout_(layout), capacity_(capacity) {
  if (layout_.max_len <= 0) throw std::invalid_argument("episode replay needs a finite episode length");
  if (spec.action.kind != SpaceKind::kDiscrete) throw std::invalid_argument("episode replay needs Discrete actions");
  obs_field_ = std::max(0, spec.field_index("obs"));
  env_has_state_ = spec.state.has_value();
  env_has_mask_ = spec.has_action_mask;
  shared_reward_ = spec.team_reward == TeamReward::kShared;
  ring_.resize(layout_, capacity_);
  staging_.resize(layout_, num_envs);
  staging_t_.assign(static_cast<size_t>(num_envs), 0);
  step_flags_.assign(static_cast<size_t>(num_envs), 1.0f);
}

void EpisodeBuffer::write_observation(const VectorEnv& envs, int env, int64_t t, bool final) {
  const auto e = static_cast<size_t>(env);
  const size_t T1 = static_cast<size_t>(layout_.max_len) + 1;
  const size_t A = static_cast<size_t>(layout_.agents);
  const size_t D = static_cast<size_t>(layout_.obs_dim);
  const size_t S = static_cast<size_t>(layout_.state_dim);
  const size_t n = static_cast<size_t>(layout_.actions);
  const auto ts = static_cast<size_t>(t);

  const auto* obs = static_cast<const float*>(final ? envs.final_field(obs_field_) : envs.field(obs_field_));
  float* obs_out = staging_.obs.data() + (e * T1 + ts) * A * D;
  std::memcpy(obs_out, obs + e * A * D, A * D * sizeof(float));
  float* state_out = staging_.state.data() + (e * T1 + ts) * S;
  if (env_has_state_) {
    const float* state = final ? envs.final_state() : envs.state();
    std::memcpy(state_out, state + e * S, S * sizeof(float));
  } else {
    std::memcpy(state_out, obs_out, S * sizeof(float));
  }
  float* avail_out = staging_.avail.data() + (e * T1 + ts) * A * n;
  if (env_has_mask_ && !final) {
    const int32_t* mask = envs.action_mask() + e * A * n;
    for (size_t k = 0; k < A * n; ++k) avail_out[k] = static_cast<float>(mask[k]);
  } else {
    // the final step's mask is not kept by VectorEnv; nothing is chosen there
    // by the agent, and allowing every action only affects the max of a
    // bootstrapped target at a truncation
    std::fill(avail_out, avail_out + A * n, 1.0f);
  }
}

void EpisodeBuffer::before_step(const VectorEnv& envs) {
  const size_t A = static_cast<size_t>(layout_.agents);
  const size_t T = static_cast<size_t>(layout_.max_len);
  for (int env = 0; env < envs.num_envs(); ++env) {
    const auto e = static_cast<size_t>(env);
    const int64_t t = staging_t_[e];
    if (t >= layout_.max_len)
      throw std::logic_error("episode longer than the replay's max_len; set max_episode_steps on the env");
    write_observation(envs, env, t, false);
    const int32_t* actions = envs.discrete_actions() + e * A;
    for (size_t a = 0; a < A; ++a) staging_.actions[(e * T + static_cast<size_t>(t)) * A + a] = actions[a];
    staging_.flag[e * T + static_cast<size_t>(t)] = step_flags_[e];
  }
}

void EpisodeBuffer::after_step(const VectorEnv& envs) {
  const size_t A = static_cast<size_t>(layout_.agents);
  const size_t T = static_cast<size_t>(layout_.max_len);
  for (int env = 0; env < envs.num_envs(); ++env) {
    const auto e = static_cast<size_t>(env);
    const size_t t = static_cast<size_t>(staging_t_[e]);
    const float* r = envs.rewards() + e * A;
    float team = 0.0f;
    if (shared_reward_) {
      team = r[0];
    } else {
      for (size_t a = 0; a < A; ++a) team += r[a];
    }
    staging_.reward[e * T + t] = team;
    staging_.terminated[e * T + t] = envs.terminated()[e] ? 1.0f : 0.0f;
    staging_.filled[e * T + t] = 1.0f;
    ++staging_t_[e];
    if (envs.done()[e]) {
      write_observation(envs, env, staging_t_[e], true);
      commit(env);
    }
  }
}

void EpisodeBuffer::commit(int env) {
  const auto e = static_cast<size_t>(env);
  const auto slot = static_cast<size_t>(next_);
  const size_t T = static_cast<size_t>(layout_.max_len), T1 = T + 1;
  const size_t A = static_cast<size_t>(layout_.agents);
  auto copy = [&](auto& dst, auto& src, size_t per_episode) {
    std::copy(src.begin() + static_cast<long>(e * per_episode), src.begin() + static_cast<long>((e + 1) * per_episode),
              dst.begin() + static_cast<long>(slot * per_episode));
  };
  copy(ring_.obs, staging_.obs, T1 * A * static_cast<size_t>(layout_.obs_dim));
  copy(ring_.state, staging_.state, T1 * static_cast<size_t>(layout_.state_dim));
  copy(ring_.avail, staging_.avail, T1 * A * static_cast<size_t>(layout_.actions));
  copy(ring_.actions, staging_.actions, T * A);
  copy(ring_.reward, staging_.reward, T);
  copy(ring_.terminated, staging_.terminated, T);
  copy(ring_.filled, staging_.filled, T);
  copy(ring_.flag, staging_.flag, T);
  // clear the staging episode so padding stays zero
  auto clear = [&](auto& v, size_t per_episode) {
    std::fill(v.begin() + static_cast<long>(e * per_episode), v.begin() + static_cast<long>((e + 1) * per_episode), 0);
  };
  clear(staging_.reward, T);
  clear(staging_.terminated, T);
  clear(staging_.filled, T);
  clear(staging_.flag, T);
  clear(staging_.actions, T * A);
  staging_t_[e] = 0;
  next_ = (next_ + 1) % capacity_;
  size_ = std::min(size_ + 1, capacity_);
  ++added_;
}

std::vector<int64_t> EpisodeBuffer::sample(int64_t batch, Rng& rng) const {
  std::vector<int64_t> out(static_cast<size_t>(batch));
  if (size_ == 0) throw std::logic_error("sampling from an empty replay");
  if (batch <= size_) {
    // a partial Fisher–Yates over a scratch permutation: distinct episodes
    std::vector<int64_t> pool(static_cast<size_t>(size_));
    for (int64_t i = 0; i < size_; ++i) pool[static_cast<size_t>(i)] = i;
    for (int64_t i = 0; i < batch; ++i) {
      const int64_t j = i + rng.uniform_int(size_ - i);
      std::swap(pool[static_cast<size_t>(i)], pool[static_cast<size_t>(j)]);
      out[static_cast<size_t>(i)] = pool[static_cast<size_t>(i)];
    }
  } else {
    for (auto& o : out) o = rng.uniform_int(size_);
  }
  return out;
}

namespace {
void save_arrays(std::ostream& out, const EpisodeArrays& a) {
  write_vector(out, a.obs);
  write_vector(out, a.state);
  write_vector(out, a.avail);
  write_vector(out, a.actions);
  write_vector(out, a.reward);
  write_vector(out, a.terminated);
  write_vector(out, a.filled);
  write_vector(out, a.flag);
}
void load_arrays(std::istream& in, EpisodeArrays& a) {
  read_vector(in, a.obs);
  read_vector(in, a.state);
  read_vector(in, a.avail);
  read_vector(in, a.actions);
  read_vector(in, a.reward);
  read_vector(in, a.terminated);
  read_vector(in, a.filled);
  read_vector(in, a.flag);
}
}  // namespace

void EpisodeBuffer::save(std::ostream& out) const {
  write_pod(out, size_);
  write_pod(out, next_);
  write_pod(out, added_);
  save_arrays(out, ring_);
  save_arrays(out, staging_);
  write_vector(out, staging_t_);
  write_vector(out, step_flags_);
}

void EpisodeBuffer::load(std::istream& in) {
  size_ = read_pod<int64_t>(in);
  next_ = read_pod<int64_t>(in);
  added_ = read_pod<int64_t>(in);
  load_arrays(in, ring_);
  load_arrays(in, staging_);
  read_vector(in, staging_t_);
  read_vector(in, step_flags_);
}

}  // namespace ember
