#include "agents/planner/planner_actor_agent.h"

#include <iostream>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <utility>

#include "agents/common/scene_description.h"
#include "agents/planner/external_planner.h"
#include "agents/planner/oracle_actor.h"
#include "agents/planner/oracle_planner.h"
#include "agents/planner/symbolic_planner.h"
#include "core/binary_io.h"
#include "core/instruction_grounding.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"

namespace ember {

namespace {

constexpr const char* kCheckpointTag = "planner_actor/1";

std::unique_ptr<Planner> make_planner(const Params& p) {
  const std::string& kind = p.get_string("planner");
  if (kind == "symbolic") return std::make_unique<SymbolicPlanner>();
  if (kind == "oracle") return std::make_unique<OraclePlanner>();
  if (p.get_string("command").empty())
    throw std::invalid_argument("agent planner_actor: planner external needs a command (agent.command)");
  return std::make_unique<ExternalPlanner>(ExternalPlannerConfig{p.get_string("command"), p.get_float("timeout")});
}

class PlannerActorPolicy : public Policy {
 public:
  PlannerActorPolicy(std::unique_ptr<Planner> planner, std::unique_ptr<Actor> actor, bool log)
      : planner_(std::move(planner)), actor_(std::move(actor)), log_(log) {}

  void act(VectorEnv& envs) override {
    if (static_cast<int>(done_.size()) != envs.num_envs()) reset_memory(envs.num_envs());
    const int64_t per_env = envs.num_agents() * envs.spec().action_numel();
    std::vector<ActorRequest> requests;
    std::vector<InstructionGrounding*> idle(static_cast<size_t>(envs.num_envs()), nullptr);
    for (int i = 0; i < envs.num_envs(); ++i) {
      Env& env = envs.env(i);
      auto* grounding = dynamic_cast<InstructionGrounding*>(&env);
      if (!grounding)
        throw std::runtime_error("agent planner_actor: env '" + envs.spec().id +
                                 "' has no step instructions to carry out (it does not implement InstructionGrounding)");
      if (done_[static_cast<size_t>(i)]) {
        idle[static_cast<size_t>(i)] = grounding;
        continue;
      }
      PlannerRequest request;
      SceneDescription description = split_description(env.describe());
      request.instruction = std::move(description.instruction);
      request.caption = std::move(description.caption);
      request.step = static_cast<int>(envs.elapsed(i));
      request.env_index = i;
      request.env = &env;
      PlannerReply reply;
      try {
        reply = planner_->next_step(request);
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("agent planner_actor, env " + std::to_string(i) + ", step " +
                                    std::to_string(request.step) + ": " + e.what());
      } catch (const std::runtime_error& e) {
        throw std::runtime_error("agent planner_actor, env " + std::to_string(i) + ", step " +
                                 std::to_string(request.step) + ": " + e.what());
      }
      if (log_)
        std::cerr << "[planner_actor] env " << i << " step " << request.step << ": "
                  << (reply.done ? std::string("done") : reply.step_instruction) << "\n";
      if (reply.done) {
        done_[static_cast<size_t>(i)] = 1;
        idle[static_cast<size_t>(i)] = grounding;
        continue;
      }
      ++planned_;
      requests.push_back({i, reply.step_instruction});
    }
    const std::vector<std::string> outcome = actor_->act(envs, requests);
    for (size_t r = 0; r < requests.size(); ++r) {
      if (outcome[r].empty()) continue;
      ++ungrounded_;
      if (log_)
        std::cerr << "[planner_actor] env " << requests[r].env_index << ": cannot carry out '"
                  << requests[r].step_instruction << "': " << outcome[r] << "\n";
      idle[static_cast<size_t>(requests[r].env_index)] =
          dynamic_cast<InstructionGrounding*>(&envs.env(requests[r].env_index));
    }
    for (int i = 0; i < envs.num_envs(); ++i)
      if (idle[static_cast<size_t>(i)]) {
        ActionBuffer out;
        out.continuous = envs.continuous_actions() + i * per_env;
        idle[static_cast<size_t>(i)]->idle_action(out);
      }
  }

  void on_step_end(const VectorEnv& envs) override {
    for (int i = 0; i < envs.num_envs() && i < static_cast<int>(done_.size()); ++i)
      if (envs.done()[i]) {
        done_[static_cast<size_t>(i)] = 0;
        ++episodes_;
      }
  }

  void reset_memory(int num_envs) override {
    done_.assign(static_cast<size_t>(num_envs), 0);
    planned_ = ungrounded_ = episodes_ = 0;
  }

  Metrics metrics() const {
    return {{"planned_steps", episodes_ > 0 ? static_cast<double>(planned_) / static_cast<double>(episodes_) : 0.0},
            {"ungrounded", planned_ > 0 ? static_cast<double>(ungrounded_) / static_cast<double>(planned_) : 0.0}};
  }

 private:
  std::unique_ptr<Planner> planner_;
  std::unique_ptr<Actor> actor_;
  bool log_ = false;
  std::vector<uint8_t> done_;  // per env: the planner said Done this episode
  int64_t planned_ = 0, ungrounded_ = 0, episodes_ = 0;
};

std::unique_ptr<Actor> make_actor(const AgentContext& ctx, const LearnedActorFactory& learned) {
  if (ctx.params.get_string("actor") == "oracle") return std::make_unique<OracleActor>();
  const std::string& checkpoint = ctx.params.get_string("actor_checkpoint");
  if (checkpoint.empty())
    throw std::invalid_argument("agent planner_actor: actor transporter needs a trained checkpoint (agent.actor_checkpoint)");
  if (!learned) throw std::invalid_argument("agent planner_actor: this build has no learned actor");
  return learned(checkpoint, ctx.spec);
}

class PlannerActorAgent : public Agent {
 public:
  PlannerActorAgent(const AgentContext& ctx, const LearnedActorFactory& learned)
      : policy_(make_planner(ctx.params), make_actor(ctx, learned), ctx.params.get_bool("log_steps")) {}
  Policy& behaviour_policy() override { return policy_; }
  Policy& greedy_policy() override { return policy_; }
  Sink* sink() override { return nullptr; }
  int64_t rollout_length() const override { return 64; }
  Metrics update(const TrainProgress&) override { return {}; }
  Metrics evaluation_metrics() const override { return policy_.metrics(); }
  void save(std::ostream& out) const override { write_string(out, kCheckpointTag); }
  void load(std::istream& in) override {
    if (read_string(in) != kCheckpointTag) throw std::runtime_error("not a planner_actor checkpoint");
  }

 private:
  PlannerActorPolicy policy_;
};

std::string planner_actor_compatibility(const EnvSpec& spec) {
  // Step instructions are pick-and-place actions of a Box(6) action space;
  // whether the env can carry them out is checked on the built env at the first step.
  if (spec.action.is_discrete() || spec.action.numel() != 6)
    return "env '" + spec.id + "' does not take pick-and-place actions (Box(6))";
  if (spec.num_agents != 1) return "env '" + spec.id + "' has " + std::to_string(spec.num_agents) + " agents (needs 1)";
  return {};
}

}  // namespace

std::unique_ptr<Agent> make_planner_actor_agent(const AgentContext& context, const LearnedActorFactory& learned) {
  const std::string problem = planner_actor_compatibility(context.spec);
  if (!problem.empty()) throw std::invalid_argument("agent planner_actor: " + problem);
  return std::make_unique<PlannerActorAgent>(context, learned);
}

void register_planner_actor_agent(Registry& registry, LearnedActorFactory learned) {
  registry.add_agent(
      {"planner_actor",
       "closed-loop planner (symbolic, the env's oracle steps, or an external program) + actor (oracle or a "
       "trained transporter) for "
       "language step instructions (tabletop)",
       {ParamSpec::string("planner", "symbolic", {"symbolic", "oracle", "external"},
                          "symbolic: parses the LoHoRavens instructions and plans from the caption; oracle: the env's "
                          "scripted step instructions; external: a program speaking JSON lines (command)"),
        ParamSpec::string("command", "", {}, "planner external: the command line (run through /bin/sh)"),
        ParamSpec::real("timeout", 30.0, 0.001, 86400.0, "planner external: seconds allowed per reply"),
        ParamSpec::string("actor", "oracle", {"oracle", "transporter"},
                          "oracle: the env carries each step out with its ground truth (the scripted oracle's action); "
                          "transporter: a trained transporter agent (actor_checkpoint)"),
        ParamSpec::string("actor_checkpoint", "", {}, "actor transporter: the transporter agent's checkpoint file"),
        ParamSpec::boolean("log_steps", false, "print every planned step and actor failure to stderr")},
       [learned](const AgentContext& ctx) { return make_planner_actor_agent(ctx, learned); },
       planner_actor_compatibility});
}

}  // namespace ember
