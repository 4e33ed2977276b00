// The external planner's JSON-lines protocol (agents/planner/external_planner.h):
// a round trip with the shipped example, and every way a child can fail —
// it dies, prints garbage or an incomplete reply, or says nothing — is an
// error naming the command and quoting the offending line, never a hang.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "agents/planner/external_planner.h"

namespace ember {
namespace {

const PlannerRequest kRequest{"put the blocks in the bowls with matching colors.",
                              "On the table, there is 1 block. Its color is red. There is 1 bowl. Its color is red. "
                              "The red block is in the top left area. The red bowl is in the top right area.",
                              0, 0, nullptr};

std::string error_of(ExternalPlanner& planner) {
  try {
    planner.next_step(kRequest);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(ExternalPlanner, RoundTripWithTheExampleScript) {
  ExternalPlanner planner(
      {std::string("python3 ") + EMBER_SOURCE_DIR + "/examples/planner/example_planner.py 2>/dev/null", 30.0});
  PlannerReply r = planner.next_step(kRequest);
  ASSERT_FALSE(r.done);
  EXPECT_EQ(r.step_instruction, "pick up the red block and place it on the red bowl.");
  PlannerRequest finished = kRequest;
  finished.caption = "The red block is in the red bowl. The red bowl is in the top right area.";
  finished.step = 1;
  EXPECT_TRUE(planner.next_step(finished).done);  // the same child answers every request
}

TEST(ExternalPlanner, RequestLineCarriesTheFourFields) {
  EXPECT_EQ(planner_request_json({"i", "c \"q\"", 3, 1, nullptr}),
            R"({"caption":"c \"q\"","env":1,"instruction":"i","step":3})");
}

TEST(ExternalPlanner, DeadProcessNamesTheCommandAndItsExitStatus) {
  ExternalPlanner planner({"exit 3", 5.0});
  const std::string e = error_of(planner);
  EXPECT_NE(e.find("planner command 'exit 3'"), std::string::npos) << e;
  EXPECT_NE(e.find("exited with status 3"), std::string::npos) << e;
  ExternalPlanner missing({"/nonexistent/planner 2>/dev/null", 5.0});
  EXPECT_NE(error_of(missing).find("exited with status 127"), std::string::npos);
}

TEST(ExternalPlanner, MalformedLinesAreQuoted) {
  ExternalPlanner garbage({"read line; echo 'hello there'", 5.0});
  std::string e = error_of(garbage);
  EXPECT_NE(e.find("not JSON: 'hello there'"), std::string::npos) << e;
  EXPECT_NE(e.find("planner command 'read line; echo 'hello there''"), std::string::npos) << e;
  ExternalPlanner neither({R"(read line; echo '{"answer": 42}')", 5.0});
  e = error_of(neither);
  EXPECT_NE(e.find(R"('{"answer": 42}' with neither)"), std::string::npos) << e;
  ExternalPlanner not_true({R"(read line; echo '{"done": "yes"}')", 5.0});
  EXPECT_NE(error_of(not_true).find("'done' must be true"), std::string::npos);
  ExternalPlanner empty_step({R"(read line; echo '{"step_instruction": ""}')", 5.0});
  EXPECT_NE(error_of(empty_step).find("non-empty string"), std::string::npos);
}

TEST(ExternalPlanner, SilentProcessTimesOutAndIsKilled) {
  ExternalPlanner planner({"sleep 30", 0.3});
  const auto start = std::chrono::steady_clock::now();
  const std::string e = error_of(planner);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_NE(e.find("gave no answer within 0.3 s to the request '{"), std::string::npos) << e;
  EXPECT_LT(seconds, 5.0);  // the sleeping child is killed, not waited for
}

TEST(ExternalPlanner, EmptyCommandOrTimeoutIsRefused) {
  EXPECT_THROW(ExternalPlanner({"", 1.0}), std::invalid_argument);
  EXPECT_THROW(ExternalPlanner({"cat", 0.0}), std::invalid_argument);
}

}  // namespace
}  // namespace ember
