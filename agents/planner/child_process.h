// File: agents/planner/child_process.h
//
// A child process spoken to in lines over its stdin/stdout (POSIX:
// posix_spawn of `/bin/sh -c COMMAND` with two pipes; its stderr is ours, so
// its own messages reach the terminal). Used by the external planner
// (external_planner.h). Reads wait with a deadline (poll), and a write to a
// child that has gone away reports the failure instead of raising SIGPIPE.
//
// Example:
//   ChildProcess child("python3 examples/planner/example_planner.py");
//   child.write_line("{\"step\": 0}");
//   std::string line;
//   if (child.read_line(line, 5.0) == ChildProcess::Read::kTimeout) ...
#pragma once

#include <sys/types.h>

#include <string>

namespace ember {

class ChildProcess {
 public:
  enum class Read { kLine, kEnd, kTimeout };

  // Throws std::runtime_error naming the command when it cannot be spawned.
  explicit ChildProcess(std::string command);
  // Closes the child's stdin, gives it a moment to exit, then kills it.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Writes `line` and a newline; false when the child no longer reads.
  bool write_line(const std::string& line);
  // One line without its newline (kLine), the end of the child's output
  // (kEnd: it exited or closed stdout), or no full line within `timeout_s`.
  // Lines are capped at 1 MiB (longer: std::runtime_error).
  Read read_line(std::string& line, double timeout_s);
  // Kills the child and what it started (SIGKILL to its process group) and
  // reaps it; idempotent.
  void kill();
  // How the child ended ("exited with status 3", "was killed by signal 9"),
  // waiting up to `wait_s` for it; "is still running" otherwise.
  std::string exit_description(double wait_s = 1.0);

  const std::string& command() const { return command_; }

 private:
  std::string command_;
  pid_t pid_ = -1;
  int to_child_ = -1, from_child_ = -1;
  std::string buffer_;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace ember
