// `ember check-env ID [key=value ...] [--plugin LIB]`: validates any env
// against the Env contract and reports its speed. The checks are the run
// layer's (run/env_checks.h); this file reads the command line and prints.

#include <iostream>

#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "apps/env_config.h"
#include "run/env_checks.h"
#include "run/run_factory.h"

namespace ember {

int cmd_check_env(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first, {"plugin", "steps", "seed"}, {"help"});
  if (args.has("help") || args.positional.size() != 1) {
    std::cout << "usage: ember check-env ID [key=value ...] [--plugin LIB] [--steps N] [--seed S]\n";
    return args.has("help") ? 0 : 2;
  }
  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);
  const RunConfig cfg = config_for_env(args.positional[0], args.overrides, registry);
  const int64_t steps = args.get_positive_count("steps", 2000);
  const uint64_t seed = args.get_count("seed", 1);
  int failures = 0;
  auto print = [&](const EnvCheck& check) {
    std::cout << (check.problems.empty() ? "  ok    " : "  FAIL  ") << check.name << "\n";
    for (const auto& p : check.problems) std::cout << "          " << p << "\n";
    for (const auto& n : check.notes) std::cout << "  note  " << n << "\n";
    failures += !check.problems.empty();
  };

  std::cout << "checking env '" << cfg.env_id << "'\n";
  auto envs = make_vector_env(cfg, registry, 4, 1);
  std::cout << envs->spec().to_string() << "\n";
  print(check_contract(*envs, steps, seed));
  print(check_determinism(cfg, registry, steps, seed));
  print(check_invalid_action(*envs, seed));
  if (envs->spec().supports_snapshot) print(check_snapshots(cfg, registry, seed));
  std::cout << "  speed " << static_cast<int64_t>(measure_speed(cfg, registry, seed))
            << " steps/s (one env, random actions, one thread)\n";
  std::cout << (failures ? "FAILED: " + std::to_string(failures) + " check(s)\n" : "all checks passed\n");
  return failures ? 1 : 0;
}

}  // namespace ember
