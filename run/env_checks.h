// File: run/env_checks.h
//
// The checks of `ember check-env`: each runs a configured env through
// collect() and reports what breaks the Env contract (core/env.h).
//
//   check_contract         random play: observations, final observations, state
//                          and masks inside their spaces, finite rewards and metrics
//   check_determinism      the same seed and actions give the same trajectory
//   check_invalid_action   an out-of-range (or NaN) action is refused
//   check_snapshots        a restored snapshot continues identically (only
//                          for envs that declare supports_snapshot)
//   measure_speed          steps/s of one env with random actions on one thread
//
// Example:
//   auto envs = make_vector_env(cfg, registry, 4, 1);   // run/run_factory.h
//   EnvCheck c = check_contract(*envs, /*steps=*/2000, /*seed=*/1);
//   if (!c.problems.empty()) ...
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/registry.h"

namespace ember {

struct EnvCheck {
  std::string name;                   // what was checked, e.g. "invalid action rejected with an error"
  std::vector<std::string> problems;  // empty when it passed (at most 10)
  std::vector<std::string> notes;     // observations that are not failures
};

class VectorEnv;

// Resets `envs` with `seed`, checks the reset observations, then `steps` random vector steps.
EnvCheck check_contract(VectorEnv& envs, int64_t steps, uint64_t seed);
// Compares two runs of min(steps, 500) vector steps on two envs each (notes when another seed changes nothing).
EnvCheck check_determinism(const RunConfig& config, const Registry& registry, int64_t steps, uint64_t seed);
// Resets `envs` with `seed` and steps env 0 with an action outside the action space.
EnvCheck check_invalid_action(VectorEnv& envs, uint64_t seed);
EnvCheck check_snapshots(const RunConfig& config, const Registry& registry, uint64_t seed);
// Vector steps per second over at least half a second.
double measure_speed(const RunConfig& config, const Registry& registry, uint64_t seed);

}  // namespace ember
