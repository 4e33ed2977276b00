// File: examples/custom_agent/hill_climb_agent.h
//
// A complete ember agent in one folder (docs/custom_agents.md): random-search
// hill climbing of a linear policy, action = argmax(W·obs + b). Each rollout
// tries one candidate, the best weights plus Gaussian noise; the candidate
// replaces the best when its finished episodes return at least as much. It
// needs no LibTorch and only installed ember headers (core/), so the same
// files work in tree (a folder under agents/) and as a plugin (plugin.cpp).
// Discrete actions and an f32 "obs" field, e.g. CartPole-v1.
#pragma once

namespace ember {

class Registry;

// Adds the agent "hill_climb" (its parameters, factory and compatibility check).
void register_hill_climb_agent(Registry& registry);

}  // namespace ember
