// File: run/trainer.h
//
// The Trainer turns one RunConfig into one run directory:
//
//   runs/<name>/config.yaml              the resolved config
//   runs/<name>/metrics.csv              training rows every train.log_every env steps
//   runs/<name>/eval.csv                 evaluation rows (train.eval_every, and at the end)
//   runs/<name>/eval.json                the final evaluation, every episode's return
//   runs/<name>/checkpoints/latest.ckpt  atomic, every train.checkpoint_every env steps
//   runs/<name>/plots/*.png              learning curves (gnuplot)
//
// It owns the run build_run() makes of the config (the training VectorEnv,
// the evaluation envs and the agent), the logs and the checkpointer, and
// drives collect() + agent.update() until train.steps.
// Same seed and thread count give the same metrics.csv (apart from the
// wall-clock columns wall_time and sps); a resumed run continues exactly
// where its checkpoint left off when the env supports snapshots.
//
// Example:
//   Trainer trainer(config, registry, "runs/cartpole_ppo", Trainer::Mode::kFresh);
//   TrainSummary s = trainer.run(&interrupted);
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/config.h"
#include "core/registry.h"

namespace ember {

struct TrainSummary {
  int64_t env_steps = 0;
  bool interrupted = false;
  double wall_seconds = 0;
  double final_eval_mean = 0;
};

class Trainer {
 public:
  enum class Mode { kFresh, kResume };
  // Builds envs and agent with build_run() (throwing on any error before touching disk).
  Trainer(RunConfig config, const Registry& registry, std::string run_dir, Mode mode);
  ~Trainer();

  // Creates the run directory (fresh) or loads the latest checkpoint
  // (resume), then trains. When *interrupt becomes true the trainer saves a
  // checkpoint at the next update boundary and returns with interrupted set.
  TrainSummary run(const std::atomic<bool>* interrupt = nullptr);

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// The run directory `<runs_dir>/<name>`, or `<name>-2`, `-3`, ... when taken.
std::string unique_run_dir(const std::string& runs_dir, const std::string& name);

}  // namespace ember
