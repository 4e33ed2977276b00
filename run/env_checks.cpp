#include "run/env_checks.h"

#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/random_policy.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "run/run_factory.h"

namespace ember {

namespace {

// Checks every step's buffers against the spec while collect() runs.
class ContractSink : public Sink {
 public:
  std::vector<std::string> problems;
  int64_t steps = 0, episodes = 0, truncations = 0;

  void after_step(const VectorEnv& envs) override {
    ++steps;
    const EnvSpec& spec = envs.spec();
    for (int i = 0; i < envs.num_envs(); ++i) {
      check_observation(envs, i, envs.done()[i] ? "the first observation after an autoreset" : "an observation");
      if (envs.done()[i]) check_finished_episode(envs, i);
      for (int a = 0; a < spec.num_agents; ++a)
        if (!std::isfinite(envs.rewards()[i * spec.num_agents + a])) report("a reward is not finite");
    }
  }

  void check_finished_episode(const VectorEnv& envs, int i) {
    const EnvSpec& spec = envs.spec();
    ++episodes;
    truncations += envs.truncated()[i];
    if (envs.terminated()[i] && envs.truncated()[i]) report("env reported terminated and truncated at once");
    for (size_t f = 0; f < spec.observation.size(); ++f) {
      const auto* base = static_cast<const unsigned char*>(envs.final_field(static_cast<int>(f)));
      check_field(spec, f, base + static_cast<size_t>(i) * envs.field_stride(static_cast<int>(f)),
                  "a final observation");
    }
    for (size_t m = 0; m < spec.episode_metrics.size(); ++m)
      if (!std::isfinite(envs.episode_metrics(i)[m]))
        report("episode metric '" + spec.episode_metrics[m] + "' is not finite");
  }

  void check_observation(const VectorEnv& envs, int i, const std::string& what) {
    const EnvSpec& spec = envs.spec();
    for (size_t f = 0; f < spec.observation.size(); ++f) {
      const auto* base = static_cast<const unsigned char*>(envs.field(static_cast<int>(f)));
      check_field(spec, f, base + static_cast<size_t>(i) * envs.field_stride(static_cast<int>(f)), what);
    }
    if (spec.state) {
      const auto n = spec.state->numel();
      const float* s = envs.state() + static_cast<size_t>(i) * static_cast<size_t>(n);
      int64_t bad = -1;
      if (!spec.state->contains(s, &bad)) report("state element " + std::to_string(bad) + " outside " + spec.state->to_string());
    }
    if (spec.has_action_mask) check_action_mask(envs, i);
  }

  void check_action_mask(const VectorEnv& envs, int i) {
    const EnvSpec& spec = envs.spec();
    const int64_t n = spec.action.nvec[0];
    for (int a = 0; a < spec.num_agents; ++a) {
      const int32_t* m = envs.action_mask() + (static_cast<int64_t>(i) * spec.num_agents + a) * n;
      int64_t legal = 0;
      for (int64_t k = 0; k < n; ++k) {
        if (m[k] != 0 && m[k] != 1) report("action mask holds a value other than 0/1");
        legal += m[k];
      }
      if (legal == 0) report("action mask of agent " + std::to_string(a) + " allows no action");
    }
  }

  void check_field(const EnvSpec& spec, size_t f, const unsigned char* data, const std::string& what) {
    const Space& space = spec.observation[f].space;
    for (int a = 0; a < spec.num_agents; ++a) {
      int64_t bad = -1;
      if (!space.contains(data + static_cast<size_t>(a) * space.byte_size(), &bad))
        report(what + " field '" + spec.observation[f].name + "' (agent " + std::to_string(a) + ", element " +
               std::to_string(bad) + ") lies outside " + space.to_string());
    }
  }

  void report(const std::string& problem) {
    if (problems.size() < 10) problems.push_back(problem);
  }
};

// Bytes of every buffer a step writes, for comparing two runs.
std::string fingerprint(const VectorEnv& envs) {
  std::string out;
  const EnvSpec& spec = envs.spec();
  for (size_t f = 0; f < spec.observation.size(); ++f) {
    const auto* p = static_cast<const char*>(envs.field(static_cast<int>(f)));
    out.append(p, envs.field_stride(static_cast<int>(f)) * static_cast<size_t>(envs.num_envs()));
  }
  out.append(reinterpret_cast<const char*>(envs.rewards()),
             sizeof(float) * static_cast<size_t>(envs.num_envs() * spec.num_agents));
  out.append(reinterpret_cast<const char*>(envs.done()), static_cast<size_t>(envs.num_envs()));
  return out;
}

class TraceSink : public Sink {
 public:
  std::string trace;
  void after_step(const VectorEnv& envs) override { trace += fingerprint(envs); }
};

std::string run_trace(const RunConfig& cfg, const Registry& registry, uint64_t seed, int64_t steps) {
  auto envs = make_vector_env(cfg, registry, 2, 1);
  envs->reset(seed);
  RandomPolicy policy(envs->spec(), 7);
  TraceSink sink;
  sink.trace = fingerprint(*envs);
  collect(*envs, policy, CollectLimit::steps(steps), &sink, nullptr);
  return sink.trace;
}

// Writes one action outside the action space for env 0, agent 0.
class InvalidActionPolicy : public Policy {
 public:
  void act(VectorEnv& envs) override {
    const Space& action = envs.spec().action;
    if (action.is_discrete())
      envs.discrete_actions()[0] = static_cast<int32_t>(action.nvec[0]);
    else
      envs.continuous_actions()[0] = std::nanf("");
  }
};

}  // namespace

EnvCheck check_contract(VectorEnv& envs, int64_t steps, uint64_t seed) {
  envs.reset(seed);
  ContractSink sink;
  for (int i = 0; i < envs.num_envs(); ++i) sink.check_observation(envs, i, "a reset observation");
  RandomPolicy policy(envs.spec(), derive_seed(seed, "check-env"));
  collect(envs, policy, CollectLimit::steps(steps), &sink, nullptr);
  return {"reset/step contract over " + std::to_string(steps * envs.num_envs()) + " random steps (" +
              std::to_string(sink.episodes) + " episodes, " + std::to_string(sink.truncations) + " truncated)",
          sink.problems, {}};
}

EnvCheck check_determinism(const RunConfig& config, const Registry& registry, int64_t steps, uint64_t seed) {
  EnvCheck check{"same seed -> same trajectory", {}, {}};
  const int64_t n = std::min<int64_t>(steps, 500);
  if (run_trace(config, registry, seed, n) != run_trace(config, registry, seed, n))
    check.problems.push_back("the same seed and actions gave different observations/rewards");
  if (run_trace(config, registry, seed, n) == run_trace(config, registry, seed + 1, n))
    check.notes.push_back("different seeds gave identical trajectories (is the seed used?)");
  return check;
}

EnvCheck check_invalid_action(VectorEnv& envs, uint64_t seed) {
  EnvCheck check{"invalid action rejected with an error", {}, {}};
  envs.reset(seed);
  InvalidActionPolicy policy;
  try {
    collect(envs, policy, CollectLimit::steps(1), nullptr, nullptr);
    check.problems.push_back("an invalid action was accepted");
  } catch (const std::invalid_argument&) {
  }
  return check;
}

EnvCheck check_snapshots(const RunConfig& config, const Registry& registry, uint64_t seed) {
  EnvCheck check{"snapshot save/load continues identically", {}, {}};
  auto a = make_vector_env(config, registry, 2, 1);
  a->reset(seed);
  RandomPolicy warmup(a->spec(), 3);
  collect(*a, warmup, CollectLimit::steps(37), nullptr, nullptr);
  std::stringstream snap;
  a->save(snap);
  auto b = make_vector_env(config, registry, 2, 1);
  b->load(snap);
  RandomPolicy pa(a->spec(), 11), pb(b->spec(), 11);
  TraceSink ta, tb;
  collect(*a, pa, CollectLimit::steps(200), &ta, nullptr);
  collect(*b, pb, CollectLimit::steps(200), &tb, nullptr);
  if (ta.trace != tb.trace) check.problems.push_back("a restored snapshot diverged from the original");
  return check;
}

double measure_speed(const RunConfig& config, const Registry& registry, uint64_t seed) {
  auto one = make_vector_env(config, registry, 1, 1);
  one->reset(seed);
  RandomPolicy policy(one->spec(), 5);
  const auto start = std::chrono::steady_clock::now();
  int64_t taken = 0;
  double seconds = 0;
  while (seconds < 0.5) {
    taken += collect(*one, policy, CollectLimit::steps(1000), nullptr, nullptr);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return static_cast<double>(taken) / seconds;
}

}  // namespace ember
