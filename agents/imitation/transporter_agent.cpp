#include "agents/imitation/transporter_agent.h"

#include <memory>
#include <stdexcept>

#include "agents/common/scene_description.h"
#include "agents/imitation/pick_place_demos.h"
#include "agents/imitation/pick_place_policy.h"
#include "agents/imitation/transporter_learner.h"
#include "core/agent.h"
#include "core/binary_io.h"
#include "core/registry.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {
namespace {

constexpr const char* kAgentTag = "transporter_agent/1";

// The step to carry out in env i: its instruction, the first line of describe().
std::vector<std::string> env_instructions(VectorEnv& envs) {
  std::vector<std::string> steps;
  for (int i = 0; i < envs.num_envs(); ++i) steps.push_back(description_instruction(envs.env(i).describe()));
  return steps;
}

class TransporterAgent : public Agent, public Policy {
 public:
  // Reads every demonstration now, so bad input is refused before a run
  // directory exists; the network starts with their word vocabulary.
  explicit TransporterAgent(const AgentContext& ctx)
      : config_(TransporterConfig::from_params(ctx.params)),
        geometry_(MapGeometry::from_spec(ctx.spec)),
        demos_(config_.demo_folders(), config_.max_demos, ctx.spec, static_cast<int>(config_.rotations)),
        rng_(derive_seed(ctx.seed, "transporter")) {
    WordVocabulary vocabulary;
    for (const PickPlaceSample& s : demos_.samples()) vocabulary.add(s.instruction);
    learner_ = std::make_unique<TransporterLearner>(config_, geometry_, std::move(vocabulary),
                                                    derive_seed(ctx.seed, "transporter/init"));
  }

  Policy& behaviour_policy() override { return *this; }
  Policy& greedy_policy() override { return *this; }
  Sink* sink() override { return nullptr; }
  int64_t rollout_length() const override { return 1; }

  void act(VectorEnv& envs) override { act_pick_place(*learner_, envs, env_instructions(envs)); }

  Metrics update(const TrainProgress&) override {
    return learner_->train(demos_, config_.iterations_per_update, rng_);
  }

  void save(std::ostream& out) const override {
    learner_->write_model(out);
    write_string(out, kAgentTag);
    learner_->write_training(out);
    write_rng(out, rng_);
  }

  void load(std::istream& in) override {
    learner_ = TransporterLearner::read_model(in, config_, geometry_);
    if (read_string(in) != kAgentTag) throw std::runtime_error("not a transporter agent checkpoint");
    learner_->read_training(in);
    read_rng(in, rng_);
  }

 private:
  TransporterConfig config_;
  MapGeometry geometry_;
  PickPlaceDemos demos_;
  Rng rng_;
  std::unique_ptr<TransporterLearner> learner_;
};

}  // namespace

void register_transporter_agent(Registry& registry) {
  registry.add_agent({"transporter",
                      "language-conditioned Transporter pick-and-place primitive learned by imitation of "
                      "`ember demos` folders (agent.demos)",
                      transporter_param_specs(),
                      [](const AgentContext& ctx) -> std::unique_ptr<Agent> {
                        return std::make_unique<TransporterAgent>(ctx);
                      },
                      [](const EnvSpec& spec) { return pick_place_compatibility(spec); }});
}

}  // namespace ember
