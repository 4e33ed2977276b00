// `ember demos CONFIG --episodes N [--out DIR] [--keep success|all]`: runs the
// env's scripted expert (Env::expert_action, through the oracle agent) and
// writes one demonstration file per episode (core/demonstrations.h,
// docs/demonstrations.md) plus an index.json listing them. Like the
// reference's demo collection, only successful episodes are kept by default;
// failed ones are counted and skipped. The recording itself is the run
// layer's (run/record_demos.h); this file only reads the command line.

#include <filesystem>
#include <iostream>

#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "core/config.h"
#include "run/build_run.h"
#include "run/record_demos.h"

namespace ember {

namespace {

constexpr char kUsage[] =
    "usage: ember demos CONFIG --episodes N [--out DIR] [--keep success|all] [key.sub=value ...]\n"
    "  writes the env's scripted-expert demonstrations to DIR (default demos/<config name>)\n";

// Creates the output folder, refusing one that already holds demonstrations.
void make_output_dir(const std::string& out) {
  if (std::filesystem::exists(out + "/index.json"))
    throw UsageError("'" + out + "' already holds demonstrations (index.json); choose another --out");
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) throw UsageError("cannot create '" + out + "': " + error.message());
}

}  // namespace

int cmd_demos(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first, {"episodes", "out", "keep", "plugin"}, {"help"});
  if (args.has("help") || args.positional.size() != 1 || !args.has("episodes")) {
    (args.has("help") ? std::cout : std::cerr) << kUsage;
    return args.has("help") ? 0 : 2;
  }
  DemoOptions options;
  options.episodes = args.get_positive_count("episodes", 0);
  const std::string keep = args.get("keep", "success");
  if (keep != "success" && keep != "all") throw UsageError("--keep must be success or all, got '" + keep + "'");
  options.keep_all = keep == "all";

  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);
  Run run = build_run(load_run_config(args.positional[0], args.overrides, registry), registry, RunUse::kRecord);
  if (!run.agent) throw UsageError("env '" + run.spec().id + "' has no scripted expert to demonstrate");
  options.dir = args.get("out", "demos/" + run.config.name);
  make_output_dir(options.dir);

  const DemoSummary summary = record_demos(run, options, &g_interrupted);
  std::cout << "wrote " << summary.kept << " demonstrations of " << summary.attempted << " episodes to "
            << options.dir << "/\n";
  if (summary.interrupted) return 130;
  return summary.kept == options.episodes ? 0 : 1;
}

}  // namespace ember
