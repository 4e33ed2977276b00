// The `ember` command line: train, eval, list, describe, check-env, rollout, demos.
//
// Exit codes: 0 success; 1 a check or run failed; 2 bad input (config,
// arguments, plugin, checkpoint); 130 interrupted after saving a checkpoint.

#include <csignal>
#include <cstring>
#include <iostream>
#include <string>

#include "apps/cli_args.h"
#include "apps/commands.h"
#include "core/config.h"
#include "core/plugin.h"

namespace ember {
std::atomic<bool> g_interrupted{false};
}

namespace {

constexpr char kUsage[] =
    "usage: ember <command> [arguments]\n"
    "\n"
    "commands:\n"
    "  train CONFIG [key.sub=value ...] [--runs-dir DIR]   train from a YAML config\n"
    "  train --resume RUN_DIR                             continue a run from its last checkpoint\n"
    "  eval SUITE --checkpoint FILE [...] | --config FILE evaluate on a benchmark suite\n"
    "  eval CHECKPOINT                                    evaluate a checkpoint on its own env\n"
    "  list                                               registered envs and agents\n"
    "  describe ID [key=value ...]                        parameters, and an env's spec as configured\n"
    "  check-env ID [key=value ...] [--plugin LIB]        validate an environment\n"
    "  rollout ID --actions FILE [--state FILE]           replay actions, print JSON lines\n"
    "  demos CONFIG --episodes N [--out DIR]              write scripted-expert demonstrations\n"
    "\n"
    "run `ember <command> --help` for a command's options\n";

void on_sigint(int) {
  // a second Ctrl-C exits at once
  if (ember::g_interrupted.exchange(true)) std::_Exit(130);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::cout << "ember " << EMBER_VERSION << "\n";
    return 0;
  }
  std::signal(SIGINT, on_sigint);
  std::signal(SIGTERM, on_sigint);
  const std::string command = argv[1];
  try {
    if (command == "train") return ember::cmd_train(argc, argv, 2);
    if (command == "eval") return ember::cmd_eval(argc, argv, 2);
    if (command == "list") return ember::cmd_list(argc, argv, 2);
    if (command == "describe") return ember::cmd_describe(argc, argv, 2);
    if (command == "check-env") return ember::cmd_check_env(argc, argv, 2);
    if (command == "rollout") return ember::cmd_rollout(argc, argv, 2);
    if (command == "demos") return ember::cmd_demos(argc, argv, 2);
    std::cerr << "ember: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const ember::ConfigError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const ember::UsageError& e) {
    std::cerr << "ember " << command << ": " << e.what() << "\n";
    return 2;
  } catch (const ember::PluginError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
