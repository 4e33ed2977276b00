// File: agents/imitation/transporter_agent.h
//
// Agent "transporter": a language-conditioned Transporter pick-and-place
// primitive (models/transporter.h) learned by imitation of `ember demos`
// folders (transporter_learner.h), run through `ember train` like every
// learner. Training reads no env experience: each update takes
// `iterations_per_update` gradient steps on the demonstrations, and
// collect() only drives the envs with the current policy, so the training
// log and the periodic evaluations show how the primitive does in the env.
// `train.steps` (env steps, one update each with num_envs 1 and
// rollout_length 1) thus sets the number of gradient steps.
//
// Acting, it reads each env's rgb and height maps and takes the env's
// instruction (the first line of describe()) as the step to carry out —
// right for the pick-and-place primitives, whose instruction is one step;
// for long-horizon tasks it is the actor of `planner_actor`
// (actor: transporter, transporter_actor.h).
//
// The demonstrations are read when the agent is built, so bad input (a
// missing folder, a damaged file, demos from another env or map size) is
// refused before anything is written, naming agent.demos and the file; the
// network starts with their word vocabulary. A checkpoint holds the network
// and that vocabulary, so the actor of planner_actor needs no demos.
//
// Example (configs/tabletop/transporter_primitives.yaml):
//   ember demos configs/tabletop/oracle.yaml --episodes 1000 --out demos/primitive env.task=pick-and-place-primitive
//   ember train configs/tabletop/transporter_primitives.yaml
#pragma once

#include <string>

namespace ember {

class Registry;
struct EnvSpec;

void register_transporter_agent(Registry& registry);

}  // namespace ember
