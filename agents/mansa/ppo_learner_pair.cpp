#include "agents/mansa/ppo_learner_pair.h"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "agents/ppo/ppo_config.h"
#include "agents/ppo/ppo_learner.h"
#include "core/rng.h"
#include "core/vector_env.h"

namespace ember {

namespace {

// A learner's config: the registered defaults of its id (ippo, mappo), with
// MANSA's rollout length so that learners and Global update together.
PpoConfig learner_config(const std::string& id, const MansaConfig& mansa) {
  PpoConfig c = PpoConfig::defaults_for(id);
  c.rollout_length = mansa.rollout_length;
  return c;
}

class PpoLearnerPair : public TwoLearners<PpoLearner> {
 public:
  PpoLearnerPair(const MansaConfig& config, const EnvSpec& spec, int num_envs, uint64_t seed)
      : TwoLearners(learner_config("ippo", config), learner_config("mappo", config), seed, spec, num_envs) {}

  // Each learner samples from its own streams; MANSA's eval_rng is Global's alone here.
  void act(const VectorEnv& envs, PolicyMode mode, Rng&, int32_t* il, int32_t* cl) override {
    il_.act(envs, mode, ActionBuffer{il, nullptr});
    cl_.act(envs, mode, ActionBuffer{cl, nullptr});
  }
  void on_step_end(const VectorEnv& envs, PolicyMode mode) override {
    il_.on_step_end(envs, mode);
    cl_.on_step_end(envs, mode);
  }
  void reset_memory(int, PolicyMode mode) override {
    il_.reset_memory(mode);
    cl_.reset_memory(mode);
  }

  void before_step(const VectorEnv&, const std::vector<uint8_t>& cl_acts) override {
    il_executed_.resize(cl_acts.size());
    for (size_t e = 0; e < cl_acts.size(); ++e) il_executed_[e] = cl_acts[e] ? 0 : 1;
    il_.before_step(il_executed_.data());
    cl_.before_step(cl_acts.data());
  }
  void after_step(const VectorEnv& envs) override {
    il_.after_step(envs);
    cl_.after_step(envs);
  }

  Metrics update(const TrainProgress& progress, Rng&) override {
    Metrics out;
    append_renamed(out, "il/", il_.update(progress));
    append_renamed(out, "cl/", cl_.update(progress));
    return out;
  }

  std::string format() const override { return "mansa-pg/1"; }

 private:
  std::vector<uint8_t> il_executed_;
};

}  // namespace

std::unique_ptr<LearnerPair> make_ppo_learner_pair(const MansaConfig& config, const EnvSpec& spec, int num_envs,
                                                   uint64_t seed) {
  return std::make_unique<PpoLearnerPair>(config, spec, num_envs, seed);
}

}  // namespace ember
