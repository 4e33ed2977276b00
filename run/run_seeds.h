// File: run/run_seeds.h
//
// Every seed a run uses, derived once from the root seed `train.seed`
// (docs/architecture.md, "Seeding"): each consumer has its own stream, so
// adding a consumer never shifts another's numbers. The labels are part of
// every recorded figure; changing one changes results.
//
// Example:
//   const RunSeeds seeds = derive_run_seeds(config);
//   envs.reset(seeds.train_envs);
#pragma once

#include <cstdint>

#include "core/config.h"

namespace ember {

struct RunSeeds {
  uint64_t root = 0;            // train.seed
  uint64_t agent = 0;           // network initialisation, sampling, minibatches
  uint64_t train_envs = 0;      // the training VectorEnv's reset
  uint64_t eval_bootstrap = 0;  // the bootstrap CI of the trainer's evaluations
  uint64_t demos = 0;           // the demonstration recorder's env reset

  // Fresh episodes after resuming a run whose env cannot snapshot.
  uint64_t resumed_train_envs(int64_t env_steps) const;
};

RunSeeds derive_run_seeds(const RunConfig& config);

}  // namespace ember
