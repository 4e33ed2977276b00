#include "agents/scripted/objectnav_oracle.h"

#include <istream>
#include <ostream>
#include <stdexcept>

#include "core/binary_io.h"
#include "core/registry.h"
#include "core/vector_env.h"

namespace ember {

void ObjectNavOraclePolicy::act(VectorEnv& envs) {
  int32_t* out = envs.discrete_actions();
  const int agents = envs.num_agents();
  for (int i = 0; i < envs.num_envs(); ++i)
    if (!envs.env(i).expert_action(out + i * agents))
      throw std::runtime_error("objectnav_oracle: env " + std::to_string(i) + " ('" + envs.spec().id +
                               "') has no expert");
}

namespace {

class ObjectNavOracleAgent : public Agent {
 public:
  Policy& behaviour_policy() override { return policy_; }
  Policy& greedy_policy() override { return policy_; }
  Sink* sink() override { return nullptr; }
  int64_t rollout_length() const override { return 128; }
  Metrics update(const TrainProgress&) override { return {}; }
  void save(std::ostream& out) const override { write_string(out, "objectnav_oracle/1"); }
  void load(std::istream& in) override {
    if (read_string(in) != "objectnav_oracle/1") throw std::runtime_error("not an objectnav_oracle checkpoint");
  }

 private:
  ObjectNavOraclePolicy policy_;
};

}  // namespace

std::unique_ptr<Agent> make_objectnav_oracle_agent(const AgentContext& context) {
  if (context.spec.id != "objectnav")
    throw std::invalid_argument("agent objectnav_oracle needs env objectnav, not '" + context.spec.id + "'");
  return std::make_unique<ObjectNavOracleAgent>();
}

void register_objectnav_oracle_agent(Registry& registry) {
  registry.add_agent({"objectnav_oracle",
                      "shortest-path expert of objectnav (reads the env's state through its expert-action hook)",
                      {}, make_objectnav_oracle_agent, [](const EnvSpec& spec) {
                        return spec.id == "objectnav" ? std::string() : std::string("needs env objectnav");
                      }});
}

}  // namespace ember
