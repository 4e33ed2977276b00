// File: apps/commands.h
//
// One function per `ember` subcommand. Each takes the raw argv and the index
// of its first argument, returns the process exit code, and throws
// ConfigError / UsageError / PluginError for bad input (exit code 2, see main.cpp).
#pragma once

#include <atomic>

namespace ember {

// Set by SIGINT; the trainer saves a checkpoint and stops at the next update.
extern std::atomic<bool> g_interrupted;

int cmd_train(int argc, char** argv, int first);
int cmd_eval(int argc, char** argv, int first);
int cmd_list(int argc, char** argv, int first);
int cmd_describe(int argc, char** argv, int first);
int cmd_check_env(int argc, char** argv, int first);
int cmd_rollout(int argc, char** argv, int first);
int cmd_demos(int argc, char** argv, int first);

}  // namespace ember
