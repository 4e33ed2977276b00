// `ember train CONFIG [overrides]` and `ember train --resume RUN_DIR`.

#include <iostream>

#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "agents/register_builtin.h"
#include "core/atomic_file.h"
#include "core/checkpoint.h"
#include "core/config.h"
#include "run/trainer.h"

namespace ember {

namespace {
constexpr char kHelp[] =
    "usage: ember train CONFIG [key.sub=value ...] [--runs-dir DIR] [--name NAME]\n"
    "       ember train --resume RUN_DIR [train.steps=N]\n"
    "\n"
    "Writes RUN_DIR = DIR/NAME (default runs/<config name>): config.yaml, metrics.csv,\n"
    "eval.csv, eval.json, checkpoints/latest.ckpt and plots/*.png. Ctrl-C saves a\n"
    "checkpoint and stops; --resume continues from the last checkpoint.\n";
}  // namespace

int cmd_train(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first, {"runs-dir", "name", "resume"}, {"help"});
  if (args.has("help")) {
    std::cout << kHelp;
    return 0;
  }
  Registry registry = make_builtin_registry();
  RunConfig config;
  std::string run_dir;
  Trainer::Mode mode = Trainer::Mode::kFresh;
  if (args.has("resume")) {
    if (!args.positional.empty()) throw UsageError("--resume takes a run directory, not a config");
    run_dir = args.get("resume");
    const std::string ckpt = run_dir + "/checkpoints/latest.ckpt";
    std::string config_yaml;
    try {
      config_yaml = CheckpointReader(ckpt).config_yaml();
    } catch (const std::exception& e) {
      throw UsageError(std::string("cannot resume: ") + e.what());
    }
    for (const auto& o : args.overrides)
      if (o.rfind("train.", 0) != 0)
        throw UsageError("on --resume only train.* may be overridden, got '" + o + "'");
    config = parse_run_config(config_yaml, ckpt, args.overrides, registry);
    mode = Trainer::Mode::kResume;
  } else {
    if (args.positional.size() != 1) throw UsageError("expected one CONFIG file\n\n" + std::string(kHelp));
    config = load_run_config(args.positional[0], args.overrides, registry);
    if (args.has("name")) config.name = args.get("name");
    run_dir = unique_run_dir(args.get("runs-dir", "runs"), config.name);
  }
  set_torch_threads(static_cast<int>(config.train.get_int("torch_threads")));
  // everything that can fail on bad input is built before the run directory exists
  Trainer trainer(config, registry, run_dir, mode);
  std::cerr << "[" << config.name << "] " << config.env_id << " x " << config.agent_id << " -> " << run_dir
            << "\n";
  const TrainSummary summary = trainer.run(&g_interrupted);
  if (summary.interrupted) {
    std::cerr << "[" << config.name << "] interrupted at step " << summary.env_steps
              << "; checkpoint saved. Continue with: ember train --resume " << run_dir << "\n";
    return 130;
  }
  std::cerr << "[" << config.name << "] done: " << summary.env_steps << " steps in " << summary.wall_seconds
            << " s; final eval return " << summary.final_eval_mean << "\n";
  std::cout << run_dir << "\n";
  return 0;
}

}  // namespace ember
