#include "agents/planner/external_planner.h"

#include <nlohmann/json.hpp>

#include <sstream>
#include <stdexcept>

#include "agents/planner/child_process.h"

namespace ember {

namespace {
const char* const kExpected = "expected {\"step_instruction\": \"...\"} or {\"done\": true}";

std::string quoted(const std::string& line) {
  constexpr size_t kMax = 300;  // keep messages readable for huge lines
  return "'" + (line.size() > kMax ? line.substr(0, kMax) + "..." : line) + "'";
}
std::string seconds(double s) {
  std::ostringstream out;
  out << s << " s";
  return out.str();
}
}  // namespace

std::string planner_request_json(const PlannerRequest& request) {
  nlohmann::json j;
  j["instruction"] = request.instruction;
  j["caption"] = request.caption;
  j["step"] = request.step;
  j["env"] = request.env_index;
  return j.dump();
}

PlannerReply parse_planner_reply(const std::string& line, const std::string& command) {
  const std::string who = "planner command '" + command + "'";
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error&) {
    throw std::runtime_error(who + " answered a line that is not JSON: " + quoted(line) + " (" + kExpected + ")");
  }
  if (!j.is_object()) throw std::runtime_error(who + " answered " + quoted(line) + ", not a JSON object (" + kExpected + ")");
  const bool has_step = j.contains("step_instruction"), has_done = j.contains("done");
  if (has_step && has_done)
    throw std::runtime_error(who + " answered " + quoted(line) + " with both 'step_instruction' and 'done' (" +
                             kExpected + ")");
  if (has_done) {
    if (j["done"] != true)
      throw std::runtime_error(who + " answered " + quoted(line) + ": 'done' must be true (" + kExpected + ")");
    return PlannerReply::finished();
  }
  if (has_step) {
    if (!j["step_instruction"].is_string() || j["step_instruction"].get<std::string>().empty())
      throw std::runtime_error(who + " answered " + quoted(line) + ": 'step_instruction' must be a non-empty string (" +
                               kExpected + ")");
    return PlannerReply::step(j["step_instruction"].get<std::string>());
  }
  throw std::runtime_error(who + " answered " + quoted(line) + " with neither 'step_instruction' nor 'done' (" +
                           kExpected + ")");
}

ExternalPlanner::ExternalPlanner(ExternalPlannerConfig config) : config_(std::move(config)) {
  if (config_.command.empty()) throw std::invalid_argument("external planner: the command is empty");
  if (!(config_.timeout_s > 0)) throw std::invalid_argument("external planner: timeout must be > 0 s");
}

ExternalPlanner::~ExternalPlanner() = default;

void ExternalPlanner::fail(const std::string& what) {
  if (child_) child_->kill();
  child_.reset();  // a later request starts a fresh child
  throw std::runtime_error(what);
}

PlannerReply ExternalPlanner::next_step(const PlannerRequest& request) {
  if (!child_) child_ = std::make_unique<ChildProcess>(config_.command);
  const std::string who = "planner command '" + config_.command + "'";
  const std::string line = planner_request_json(request);
  if (!child_->write_line(line))
    fail(who + " " + child_->exit_description() + " and no longer reads its input (request " + quoted(line) + ")");
  std::string reply;
  switch (child_->read_line(reply, config_.timeout_s)) {
    case ChildProcess::Read::kLine: break;
    case ChildProcess::Read::kEnd:
      fail(who + " " + child_->exit_description() + " without answering the request " + quoted(line));
    case ChildProcess::Read::kTimeout:
      fail(who + " gave no answer within " + seconds(config_.timeout_s) + " to the request " + quoted(line));
  }
  try {
    return parse_planner_reply(reply, config_.command);
  } catch (const std::runtime_error& e) {
    fail(e.what());
  }
}

}  // namespace ember
