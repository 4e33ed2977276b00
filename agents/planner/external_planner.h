// File: agents/planner/external_planner.h
//
// A planner that is another program: ember starts `command` once (through
// /bin/sh, child_process.h) and, for every env step that needs a plan, writes
// one JSON object on a line to its stdin and reads one JSON line back from
// its stdout (docs/agents/planner.md; an example: examples/planner/):
//
//   request: {"instruction": "...", "caption": "...", "step": 0, "env": 0}
//   reply:   {"step_instruction": "pick up the red block and place it on the red bowl."}
//        or  {"done": true}
//
// "step" counts the env steps of the episode so far (0: a new episode), "env"
// is the env's index in the batch (requests of several envs interleave).
// A child that exits, says nothing for `timeout_s`, or prints a line that is
// not one of the two replies is an error (std::runtime_error) naming the
// command and quoting the request or the offending line; the child is then
// killed. Keep the child's diagnostics on its stderr: stdout is the protocol.
//
// Example:
//   ExternalPlanner planner({"python3 examples/planner/example_planner.py", 30.0});
//   PlannerReply r = planner.next_step({instruction, caption, 0, 0, nullptr});
#pragma once

#include <memory>
#include <string>

#include "agents/planner/planner.h"

namespace ember {

class ChildProcess;

struct ExternalPlannerConfig {
  std::string command;
  double timeout_s = 30.0;  // per reply
};

class ExternalPlanner : public Planner {
 public:
  explicit ExternalPlanner(ExternalPlannerConfig config);
  ~ExternalPlanner() override;
  PlannerReply next_step(const PlannerRequest& request) override;

 private:
  [[noreturn]] void fail(const std::string& what);

  ExternalPlannerConfig config_;
  std::unique_ptr<ChildProcess> child_;  // started at the first request
};

// The request line and the parse of a reply line (std::runtime_error quoting
// the line when it is not a reply); exposed for tests.
std::string planner_request_json(const PlannerRequest& request);
PlannerReply parse_planner_reply(const std::string& line, const std::string& command);

}  // namespace ember
