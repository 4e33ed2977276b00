// `ember eval SUITE (--checkpoint FILE ... | --config FILE)` and
// `ember eval CHECKPOINT`: evaluates agents on benchmark suites and prints a
// results table (markdown), also written with per-episode data as JSON/CSV.
// The suite format, the evaluation and the reports are the run layer's
// (run/suite.h, run/suite_eval.h, run/suite_report.h); this file only reads
// the command line.
//
// A "run" is one (checkpoint or config) x one evaluation seed; its score is
// its mean episode return. Per task the table shows mean, IQM, 95% bootstrap
// CI and std over runs; the last row aggregates the tasks (IQM with a
// stratified bootstrap CI, as rliable recommends).

#include <iostream>
#include <sstream>

#include "agents/register_builtin.h"
#include "apps/builtin_registry.h"
#include "apps/cli_args.h"
#include "apps/commands.h"
#include "run/candidates.h"
#include "run/results_table.h"
#include "run/suite.h"
#include "run/suite_eval.h"
#include "run/suite_report.h"

namespace ember {

namespace {

constexpr char kUsage[] =
    "usage: ember eval SUITE.yaml (--checkpoint FILE ... | --config FILE) [--episodes N]\n"
    "                 [--seeds 1,2,3] [--metrics a,b] [--out DIR] [eval.deterministic=false]\n"
    "       ember eval CHECKPOINT [--episodes N] [--seeds ...] [--metrics a,b]\n"
    "--metrics: extra columns, env episode metrics (success, ...) or the agent's own (cl_fraction)\n";

// "a,b,c" -> {"a", "b", "c"} (the --seeds and --metrics lists)
std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream list(text);
  std::string item;
  while (std::getline(list, item, ',')) items.push_back(item);
  return items;
}

bool is_checkpoint_path(const std::string& target) {
  return target.size() > 5 && target.substr(target.size() - 5) == ".ckpt";
}

// The checkpoints and configs to evaluate (a single CHECKPOINT target is the only one).
std::vector<Candidate> read_candidates(const CliArgs& args, Registry& registry) {
  std::vector<Candidate> candidates;
  const std::string& target = args.positional[0];
  std::vector<std::string> checkpoints = args.all("checkpoint");
  if (is_checkpoint_path(target)) checkpoints = {target};
  try {
    for (const auto& path : checkpoints) candidates.push_back(checkpoint_candidate(path));
    for (const auto& path : args.all("config")) candidates.push_back(config_candidate(path, args.overrides, registry));
  } catch (const CandidateError& e) {
    throw UsageError(e.what());
  }
  if (candidates.empty()) throw UsageError("nothing to evaluate: give --checkpoint FILE or --config FILE");
  return candidates;
}

// The suite file (or the checkpoint's own task) with --episodes, --seeds and --metrics applied.
Suite read_suite_of(const CliArgs& args, const Candidate& first) {
  const std::string& target = args.positional[0];
  Suite suite = is_checkpoint_path(target) ? checkpoint_suite(target, first.config_yaml) : read_suite(target);
  suite.episodes = args.get_positive_count("episodes", suite.episodes);
  if (args.has("seeds")) {
    suite.seeds.clear();
    for (const std::string& seed : comma_list(args.get("seeds"))) suite.seeds.push_back(parse_count(seed, "--seeds"));
  }
  if (args.has("metrics")) suite.metrics = comma_list(args.get("metrics"));
  return suite;
}

// eval.* overrides (e.g. eval.deterministic=false) apply to every candidate.
std::vector<std::string> eval_overrides(const CliArgs& args) {
  std::vector<std::string> overrides;
  for (const auto& o : args.overrides)
    if (o.rfind("eval.", 0) == 0) overrides.push_back(o);
    else if (!args.has("config"))
      throw UsageError("only eval.* may be overridden when evaluating checkpoints, got '" + o + "'");
  return overrides;
}

}  // namespace

int cmd_eval(int argc, char** argv, int first) {
  const CliArgs args = parse_cli_args(argc, argv, first,
                                      {"checkpoint", "config", "episodes", "seeds", "metrics", "out", "plugin"},
                                      {"help"});
  if (args.has("help") || args.positional.size() != 1) {
    std::cout << kUsage;
    return args.has("help") ? 0 : 2;
  }
  Registry registry = make_builtin_registry();
  load_plugins(args.all("plugin"), registry);
  const std::vector<Candidate> candidates = read_candidates(args, registry);
  const Suite suite = read_suite_of(args, candidates[0]);
  SuiteOptions options;
  options.eval_overrides = eval_overrides(args);
  options.before_first_agent = [](const RunConfig& cfg) {
    set_torch_threads(static_cast<int>(cfg.train.get_int("torch_threads")));
  };
  const std::string out = args.get("out", "");
  try {
    if (!out.empty()) make_report_dir(out);  // before the evaluation, which can take long
  } catch (const std::runtime_error& e) {
    throw UsageError(std::string("--out: ") + e.what());
  }
  SuiteResults results;
  try {
    results = evaluate_suite(suite, candidates, registry, options);
  } catch (const CandidateError& e) {
    throw UsageError(e.what());
  }
  std::cout << "\n" << results_table(results);
  if (!out.empty()) {
    write_suite_report(out, results);
    std::cout << "\nwrote " << out << "/results.md, results.json, episodes.csv\n";
  }
  return 0;
}

}  // namespace ember
