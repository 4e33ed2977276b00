#include "agents/scripted/oracle_agent.h"

#include <istream>
#include <ostream>
#include <stdexcept>

#include "core/binary_io.h"
#include "core/registry.h"
#include "core/vector_env.h"

namespace ember {

void OraclePolicy::act(VectorEnv& envs) {
  const int64_t per_env = envs.num_agents() * envs.spec().action_numel();
  const bool discrete = envs.spec().action.is_discrete();
  for (int i = 0; i < envs.num_envs(); ++i) {
    ActionBuffer out;
    if (discrete)
      out.discrete = envs.discrete_actions() + i * per_env;
    else
      out.continuous = envs.continuous_actions() + i * per_env;
    if (!envs.env(i).expert_action(out))
      throw std::runtime_error("oracle: env " + std::to_string(i) + " ('" + envs.spec().id + "') has no expert");
  }
}

namespace {

constexpr const char* kCheckpointTag = "oracle/1";

class OracleAgent : public Agent {
 public:
  Policy& behaviour_policy() override { return policy_; }
  Policy& greedy_policy() override { return policy_; }
  Sink* sink() override { return nullptr; }
  int64_t rollout_length() const override { return 128; }
  Metrics update(const TrainProgress&) override { return {}; }
  void save(std::ostream& out) const override { write_string(out, kCheckpointTag); }
  void load(std::istream& in) override {
    if (read_string(in) != kCheckpointTag) throw std::runtime_error("not an oracle checkpoint");
  }

 private:
  OraclePolicy policy_;
};

std::string oracle_compatibility(const EnvSpec& spec) {
  return spec.has_expert ? std::string() : "env '" + spec.id + "' has no scripted expert";
}

}  // namespace

std::unique_ptr<Agent> make_oracle_agent(const AgentContext& context) {
  const std::string problem = oracle_compatibility(context.spec);
  if (!problem.empty()) throw std::invalid_argument("agent oracle: " + problem);
  return std::make_unique<OracleAgent>();
}

void register_oracle_agent(Registry& registry) {
  registry.add_agent({"oracle", "the env's scripted expert (objectnav shortest path, tabletop pick-and-place oracle)",
                      {}, make_oracle_agent, oracle_compatibility});
}

}  // namespace ember
