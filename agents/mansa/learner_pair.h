// File: agents/mansa/learner_pair.h
//
// What MANSA (mansa_agent.h) needs from its two learners, the independent
// learner IL and the centralised learner CL, as one object: act in a policy
// mode, store the training step (told which env executed whose actions),
// update, and save/load. A pair rather than two single learners because the
// value pair's learners share one episode replay and one training loop.
// Two adaptors implement it: q_learner_pair.h (IQL + QMIX/VDN) and
// ppo_learner_pair.h (IPPO + MAPPO). Torch-free.
//
// MANSA drives a pair as:
//   act:    g = global.decide(envs, mode, eval_rng);
//           pair.act(envs, mode, eval_rng, il_actions, cl_actions);  // both learners act
//           the env receives CL's actions where g[e] = 1, IL's elsewhere
//   sink:   pair.before_step(envs, global.cl_acts());  envs.step();  pair.after_step(envs);
//   update: pair.update(progress, sample_rng), then Global's update with the same RNG.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/agent.h"
#include "core/rng.h"

namespace ember {

class GlobalSwitcher;
class Rng;
class VectorEnv;

class LearnerPair {
 public:
  virtual ~LearnerPair() = default;

  // Both learners' joint actions for every (env, agent) row, into `il` and
  // `cl` (envs x agents entries each). `eval_rng` is MANSA's evaluation
  // stream, which Global's evaluation decisions draw from too.
  virtual void act(const VectorEnv& envs, PolicyMode mode, Rng& eval_rng, int32_t* il, int32_t* cl) = 0;
  virtual void on_step_end(const VectorEnv& envs, PolicyMode mode) = 0;
  virtual void reset_memory(int num_envs, PolicyMode mode) = 0;

  // Records the training step about to be taken; cl_acts[e] = 1 where env e
  // receives CL's actions.
  virtual void before_step(const VectorEnv& envs, const std::vector<uint8_t>& cl_acts) = 0;
  virtual void after_step(const VectorEnv& envs) = 0;
  // Trains both learners; `sample_rng` is shared with Global's update, which follows.
  virtual Metrics update(const TrainProgress& progress, Rng& sample_rng) = 0;
  // Logged after MANSA's own metrics (the value pair's exploration rate).
  virtual Metrics trailing_metrics() const { return {}; }

  // Checkpoints. MANSA's agent section is, in order: format(), save_state(),
  // MANSA's sample and eval RNGs, save_learners(), Global, save_replay()
  // (the layouts "mansa/2" and "mansa-pg/1" had before MANSA was one class).
  virtual std::string format() const = 0;
  virtual void save_state(std::ostream&) const {}
  virtual void load_state(std::istream&) {}
  virtual void save_learners(std::ostream& out) const = 0;
  virtual void load_learners(std::istream& in) = 0;
  virtual void save_replay(std::ostream&) const {}
  virtual void load_replay(std::istream&) {}
  // An older layout of this pair's checkpoints (`format` names it); false
  // when the pair does not know it.
  virtual bool load_legacy(const std::string& /*format*/, std::istream&, GlobalSwitcher&, Rng& /*sample_rng*/,
                           Rng& /*eval_rng*/) {
    return false;
  }
  // Every format load() accepts, for the error message.
  virtual std::string readable_formats() const { return "'" + format() + "'"; }
};

// The two learners of a pair, of one type: built from their own configs,
// MANSA's seed (IL's streams derive from "mansa/il", CL's from "mansa/cl")
// and what both take (`shared`, before the seed in Learner's constructor),
// and checkpointed IL first.
template <typename Learner>
class TwoLearners : public LearnerPair {
 public:
  void save_learners(std::ostream& out) const override {
    il_.save(out);
    cl_.save(out);
  }
  void load_learners(std::istream& in) override {
    il_.load(in);
    cl_.load(in);
  }

 protected:
  template <typename Config, typename... Shared>
  TwoLearners(const Config& il, const Config& cl, uint64_t seed, const Shared&... shared)
      : il_(il, shared..., derive_seed(seed, "mansa/il")), cl_(cl, shared..., derive_seed(seed, "mansa/cl")) {}

  Learner il_, cl_;
};

// Appends `metrics` to `out` with each name's group replaced by `prefix`
// ("losses/value_loss" -> "il/value_loss").
inline void append_renamed(Metrics& out, const std::string& prefix, const Metrics& metrics) {
  for (const auto& [name, value] : metrics) out.emplace_back(prefix + name.substr(name.find('/') + 1), value);
}

}  // namespace ember
