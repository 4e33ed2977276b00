// File: agents/imitation/transporter_actor.h
//
// The learned actor of planner_actor (agents/planner/actor.h): a trained
// Transporter (a `transporter` agent's checkpoint) carrying out each step
// instruction the planner gives, one batched forward pass per vector step.
// It always writes an action: whether the step succeeded is for the
// planner to read off the next caption.
//
// Example (configs/tabletop/planner_symbolic_transporter.yaml):
//   agent: {id: planner_actor, planner: symbolic, actor: transporter,
//           actor_checkpoint: runs/transporter_primitives/checkpoints/latest.ckpt}
#pragma once

#include <memory>
#include <string>

#include "agents/planner/actor.h"

namespace ember {

struct EnvSpec;
class Registry;

// Throws std::invalid_argument naming agent.actor_checkpoint and the file
// when it cannot be read or holds no Transporter for this env's maps.
std::unique_ptr<Actor> make_transporter_actor(const std::string& checkpoint, const EnvSpec& spec);

// Registers planner_actor with this learned actor handed in (the planner
// library is torch-free, so the torch side plugs its actors in): the
// agents/builtin_agents.inc line of planner_actor.
void register_planner_actor_with_transporter(Registry& registry);

}  // namespace ember
