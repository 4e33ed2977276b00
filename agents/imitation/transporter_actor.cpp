#include "agents/imitation/transporter_actor.h"

#include <stdexcept>

#include "agents/imitation/pick_place_policy.h"
#include "agents/imitation/transporter_learner.h"
#include "agents/planner/actor.h"
#include "agents/planner/planner_actor_agent.h"
#include "core/checkpoint.h"

namespace ember {
namespace {

class TransporterActor : public Actor {
 public:
  explicit TransporterActor(std::unique_ptr<TransporterLearner> learner) : learner_(std::move(learner)) {}
  std::vector<std::string> act(VectorEnv& envs, const std::vector<ActorRequest>& requests) override {
    std::vector<int> rows;
    std::vector<std::string> steps;
    for (const ActorRequest& r : requests) {
      rows.push_back(r.env_index);
      steps.push_back(r.step_instruction);
    }
    act_pick_place(*learner_, envs, rows, steps);
    return std::vector<std::string>(requests.size());
  }

 private:
  std::unique_ptr<TransporterLearner> learner_;
};

}  // namespace

std::unique_ptr<Actor> make_transporter_actor(const std::string& checkpoint, const EnvSpec& spec) {
  try {
    const MapGeometry geometry = MapGeometry::from_spec(spec);
    std::unique_ptr<TransporterLearner> learner;
    CheckpointReader reader(checkpoint);
    reader.read_agent([&](std::istream& in) { learner = TransporterLearner::read_model(in, TransporterConfig{}, geometry); });
    return std::make_unique<TransporterActor>(std::move(learner));
  } catch (const std::exception& e) {
    throw std::invalid_argument("agent.actor_checkpoint: cannot use '" + checkpoint + "': " + e.what());
  }
}

void register_planner_actor_with_transporter(Registry& registry) {
  register_planner_actor_agent(registry, make_transporter_actor);
}

}  // namespace ember
