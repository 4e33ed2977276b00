#include "agents/planner/oracle_planner.h"

#include <stdexcept>

#include "core/env.h"

namespace ember {

PlannerReply OraclePlanner::next_step(const PlannerRequest& request) {
  if (!request.env) throw std::runtime_error("oracle planner: the request carries no env to ask");
  std::string step = request.env->expert_instruction();
  if (step.empty()) return PlannerReply::finished();
  return PlannerReply::step(std::move(step));
}

}  // namespace ember
