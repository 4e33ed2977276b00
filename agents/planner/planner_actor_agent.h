// File: agents/planner/planner_actor_agent.h
//
// Agent "planner_actor": the closed loop of LoHoRavens' Planner-Actor
// setup with explicit feedback (reference/lohoravens.md §9), acting through
// core::collect() like every agent. Each step, for each env whose planner is
// not done: the planner (planner.h) reads the instruction and the caption
// (the env's describe(): first line the instruction, the rest the caption
// and layout) and gives the next step instruction or Done; the actor
// (actor.h) turns the step into a pick-and-place. After Done, or for a step
// the actor cannot carry out, the env's idle action is taken (the episode
// runs on to the env's own step limit, which scores the final scene; a step
// that names nothing on the table is counted, not fatal: it is the
// planner's error).
//
// Config (agent section):
//   planner: symbolic | oracle | external   (default symbolic)
//   command: the external planner's command line (planner: external)
//   timeout: seconds an external planner may take per reply (default 30)
//   actor:   oracle | transporter            (default oracle)
//   actor_checkpoint: actor transporter: a trained `transporter` agent's
//            checkpoint (agents/imitation/transporter_actor.h)
//   log_steps: print every step (env, step, instruction, outcome) to stderr
// Evaluation metrics (ember eval --metrics ...): planned_steps (step
// instructions per finished episode) and ungrounded (the share of step
// instructions the actor could not carry out).
//
// Example (configs/tabletop/planner_symbolic.yaml):
//   agent: {id: planner_actor, planner: symbolic, actor: oracle}
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "agents/planner/actor.h"
#include "core/agent.h"

namespace ember {

class Registry;

// Builds a learned actor from a checkpoint file. The learned actors use
// LibTorch and this library does not, so the torch side hands it in.
using LearnedActorFactory = std::function<std::unique_ptr<Actor>(const std::string& checkpoint, const EnvSpec& spec)>;

std::unique_ptr<Agent> make_planner_actor_agent(const AgentContext& context, const LearnedActorFactory& learned = {});
void register_planner_actor_agent(Registry& registry, LearnedActorFactory learned = {});

}  // namespace ember
