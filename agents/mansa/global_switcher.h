// File: agents/mansa/global_switcher.h
//
// MANSA's switching agent, "Global": at every step it looks at each env's
// global state (plus, under a budget, the share of CL calls left) and decides
// whether the centralised learner (g = 1) or the independent learners (g = 0)
// act. It is trained with PPO on the team reward minus `switch_cost` for every
// CL step, on its own rollout; `switch_policy: random` replaces it with the
// random-switching control. The one MANSA agent (mansa_agent.cpp) holds it
// beside either learner pair (q_learner_pair.h: IQL + QMIX/VDN;
// ppo_learner_pair.h: IPPO + MAPPO), so Global is the same whichever
// learners it switches between.
//
// This header is torch-free; the implementation lives in global_switcher.cpp.
//
// Example (inside a MANSA agent):
//   const std::vector<int32_t>& g = global.decide(envs, PolicyMode::kBehaviour, eval_rng);
//   ... both learners act; the env receives CL's actions where g[e] = 1 ...
//   global.before_step();  envs.step();  global.after_step(envs);
//   global.on_step_end(envs, /*evaluation=*/false);
//   if (rollout full) metrics = global.train(rng);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "agents/mansa/mansa_config.h"
#include "core/agent.h"

namespace ember {

class Rng;
class VectorEnv;

class GlobalSwitcher {
 public:
  // `config` holds Global's settings (mansa_config.h), `rollout_length` the
  // vector steps between its updates; `seed` derives Global's
  // initialisation and sampling streams.
  GlobalSwitcher(const SwitcherConfig& config, int64_t rollout_length, const EnvSpec& spec, int num_envs,
                 uint64_t seed);
  ~GlobalSwitcher();
  GlobalSwitcher(const GlobalSwitcher&) = delete;
  GlobalSwitcher& operator=(const GlobalSwitcher&) = delete;

  // Per env, 1 when CL acts at this step. Spends budget, counts evaluation
  // steps. Global acts in the learners' mode: kBehaviour samples from its
  // policy and records the step for PPO; kGreedy takes the argmax and
  // kSample samples from `eval_rng`, both with their own budgets and counters.
  const std::vector<int32_t>& decide(const VectorEnv& envs, PolicyMode mode, Rng& eval_rng);
  // The same decisions as 0/1 bytes (PpoLearner::before_step's `executed`).
  const std::vector<uint8_t>& cl_acts() const;

  // Training bookkeeping around envs.step().
  void before_step();
  void after_step(const VectorEnv& envs);
  void on_step_end(const VectorEnv& envs, bool evaluation);
  // An evaluation is starting on `num_envs` envs: full budgets, zero counters.
  void reset_evaluation(int num_envs);

  // PPO update on the recorded rollout ({} for the random control). `rng`
  // shuffles the minibatches.
  Metrics train(Rng& rng);
  // Share of training steps with g = 1 since the last call (NaN if none).
  double take_window_cl_fraction();
  // Share of evaluation steps with g = 1 since reset_evaluation (NaN if none).
  double evaluation_cl_fraction() const;

  void save(std::ostream& out) const;
  void load(std::istream& in);
  // Restores the parts save() writes, given separately (for the layout of
  // older MANSA checkpoints, "mansa/1", which stored them apart).
  void restore(int64_t window_cl_steps, int64_t window_steps, const std::vector<double>& budget_left,
               const std::string& rng_state, const std::string& network_archive);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ember
