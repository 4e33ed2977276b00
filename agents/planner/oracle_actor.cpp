#include "agents/planner/oracle_actor.h"

#include <stdexcept>

#include "core/instruction_grounding.h"
#include "core/vector_env.h"

namespace ember {

std::vector<std::string> OracleActor::act(VectorEnv& envs, const std::vector<ActorRequest>& requests) {
  std::vector<std::string> out;
  out.reserve(requests.size());
  const int64_t per_env = envs.num_agents() * envs.spec().action_numel();
  for (const ActorRequest& r : requests) {
    auto* grounding = dynamic_cast<InstructionGrounding*>(&envs.env(r.env_index));
    if (!grounding)
      throw std::runtime_error("oracle actor: env '" + envs.spec().id +
                               "' cannot carry out step instructions (it does not implement InstructionGrounding)");
    ActionBuffer buffer;
    buffer.continuous = envs.continuous_actions() + r.env_index * per_env;
    out.push_back(grounding->ground_instruction(r.step_instruction, buffer));
  }
  return out;
}

}  // namespace ember
