// The oracle actor's grounding of step instructions
// (envs/tabletop/tasks/step_grounding.h) on hand-built scenes: parsing, the
// goal's own target for a step the oracle could take, the task-favouring
// reading of ambiguous names, the literal reading otherwise, and refusals.
#include <gtest/gtest.h>

#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/tasks/step_grounding.h"

namespace ember::tabletop {
namespace {

int add_block(Scene& s, const char* color, double x, double y, double size = kSmallBlock, double z = -1) {
  return s.add(ObjectKind::kBlock, color_index(color), size, Pose::on_table(x, y, 0.0, z < 0 ? size / 2 : z));
}

// One pose goal: `object` to `target` (the target object's pose, or a point).
GoalStep goal_to(const Scene& s, int object, int target_object, const Pose& target, const std::string& name) {
  GoalStep g;
  g.objects = {object};
  g.symmetries = {kNoSymmetry};
  g.targets = {target};
  g.matches = identity_matches(1);
  g.target_objects = {target_object};
  g.target_names = {target_object >= 0 ? s.objects[static_cast<size_t>(target_object)].name(false) : name};
  g.pos_eps = 0.05;
  return g;
}

Grounding ground(const std::string& text, const Scene& s, const std::vector<GoalStep>& goals = {}) {
  Rng rng(1);
  return ground_step_instruction(text, s, goals, TopDownMaps{}, rng);  // no map: picks at object centres
}

TEST(TabletopGrounding, ParsesTheOraclesPhrasing) {
  auto names = parse_step_instruction("Pick up the  bigger red block and place it on the top left area.");
  ASSERT_TRUE(names);
  EXPECT_EQ(names->pick, "bigger red block");
  EXPECT_EQ(names->place, "top left area");
  EXPECT_FALSE(parse_step_instruction("pick up the red block"));
  EXPECT_FALSE(parse_step_instruction("put the red block on the blue bowl."));
  EXPECT_FALSE(parse_step_instruction("pick up the and place it on the red bowl."));
}

TEST(TabletopGrounding, AmbiguousPickIsTheBlockTheGoalNeeds) {
  Scene s;
  add_block(s, "red", 0.3, -0.3);
  const int needed = add_block(s, "red", 0.7, 0.3);
  const int bowl = s.add(ObjectKind::kBowl, color_index("blue"), kBowlSize, Pose::on_table(0.4, 0.2, 0.5));
  const std::vector<GoalStep> goals = {goal_to(s, needed, bowl, s.objects[static_cast<size_t>(bowl)].pose, "")};
  const Grounding g = ground("pick up the red block and place it on the blue bowl.", s, goals);
  ASSERT_TRUE(g.step) << g.error;
  EXPECT_EQ(g.step->pick_object, needed);
  EXPECT_EQ(g.step->target_index, 0);  // the goal's own target
  EXPECT_NEAR(g.step->action.pick_x, 0.7, 1e-9);
  EXPECT_NEAR(g.step->action.place_x, 0.4, 1e-9);
  EXPECT_NEAR(g.step->action.place_y, 0.2, 1e-9);
}

TEST(TabletopGrounding, WithoutAGoalAnUncoveredBlockNotYetThereAndTheLiteralPlace) {
  Scene s;
  const int covered = add_block(s, "red", 0.3, -0.3);
  add_block(s, "blue", 0.3, -0.3, kSmallBlock, 0.06);  // on the first red block
  const int free_red = add_block(s, "red", 0.6, 0.1);
  Grounding g = ground("pick up the red block and place it on the center.", s);
  ASSERT_TRUE(g.step) << g.error;
  EXPECT_EQ(g.step->pick_object, free_red);
  EXPECT_EQ(g.step->target_index, -1);
  EXPECT_NEAR(g.step->action.place_x, 0.5, 1e-9);
  EXPECT_NEAR(g.step->action.place_y, 0.0, 1e-9);
  g = ground("pick up the red block and place it on the bottom left area.", s);
  ASSERT_TRUE(g.step);
  EXPECT_NEAR(g.step->action.place_x, 0.625, 1e-9);
  EXPECT_NEAR(g.step->action.place_y, -0.25, 1e-9);
  // a block named as the place: the topmost of that name, here the blue one on the stack
  g = ground("pick up the red block and place it on the blue block.", s);
  ASSERT_TRUE(g.step);
  EXPECT_EQ(g.step->pick_object, free_red);
  EXPECT_NEAR(g.step->action.place_x, 0.3, 1e-9);
  (void)covered;
}

TEST(TabletopGrounding, SizesNarrowTheNameAndAbsentObjectsAreRefused) {
  Scene s;
  const int big = add_block(s, "red", 0.3, 0.2, kBigBlock);
  const int small = add_block(s, "red", 0.6, -0.2);
  Grounding g = ground("pick up the bigger red block and place it on the center.", s);
  ASSERT_TRUE(g.step);
  EXPECT_EQ(g.step->pick_object, big);
  g = ground("pick up the smaller red block and place it on the bigger red block.", s);
  ASSERT_TRUE(g.step);
  EXPECT_EQ(g.step->pick_object, small);
  EXPECT_EQ(ground("pick up the blue block and place it on the center.", s).error,
            "there is no blue block on the table");
  EXPECT_EQ(ground("pick up the red block and place it on the green bowl.", s).error,
            "there is no green bowl on the table");
  EXPECT_EQ(ground("pick up the red zone and place it on the center.", s).error,
            "'red zone' is not the name of a block");
  EXPECT_EQ(ground("pick up the red block and place it on the moon.", s).error,
            "'moon' is not the name of a block, bowl, zone or area");
  Scene one;
  add_block(one, "red", 0.4, 0.0);
  EXPECT_EQ(ground("pick up the red block and place it on the red block.", one).error,
            "the red block cannot be placed on itself");
}

}  // namespace
}  // namespace ember::tabletop
