#include "run/run_seeds.h"

#include "core/rng.h"

namespace ember {

RunSeeds derive_run_seeds(const RunConfig& config) {
  RunSeeds seeds;
  seeds.root = static_cast<uint64_t>(config.train.get_int("seed"));
  seeds.agent = derive_seed(seeds.root, "agent");
  seeds.train_envs = derive_seed(seeds.root, "train-envs");
  seeds.eval_bootstrap = derive_seed(seeds.root, "eval/bootstrap");
  seeds.demos = derive_seed(seeds.root, "demos");
  return seeds;
}

uint64_t RunSeeds::resumed_train_envs(int64_t env_steps) const {
  return derive_seed(root, "train-envs/resume", static_cast<uint64_t>(env_steps));
}

}  // namespace ember
