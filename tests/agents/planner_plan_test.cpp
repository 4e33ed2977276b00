// The symbolic planner's plans from hand-written captions (one per family):
// the step it names next, and Done exactly when the caption shows the task
// finished.
#include <gtest/gtest.h>

#include "agents/planner/symbolic_planner.h"

namespace ember {
namespace {

std::string next(const std::string& instruction, const std::string& caption, int step = 1) {
  SymbolicPlanner planner;
  const PlannerReply r = planner.next_step({instruction, caption, step, 0, nullptr});
  return r.done ? "done" : r.step_instruction;
}

TEST(SymbolicPlan, MatchingBowlsSkipsDistractorsAndFinishedBlocks) {
  const std::string i = "put the blocks in the bowls with matching colors.";
  EXPECT_EQ(next(i, "The red block is in the red bowl. The blue block is in the top left area. "
                    "The pink block is in the top right area. The red bowl is in the top left area. "
                    "The blue bowl is in the bottom left area."),
            "pick up the blue block and place it on the blue bowl.");
  // the pink block has no bowl: a distractor
  EXPECT_EQ(next(i, "The red block is in the red bowl. The blue block is in the blue bowl. "
                    "The pink block is in the top right area. The red bowl is in the top left area. "
                    "The blue bowl is in the bottom left area."),
            "done");
}

TEST(SymbolicPlan, MismatchingBowlsKeepsValidPlacementsAndNeverUsesTheOwnColor) {
  const std::string i = "put the blocks in the bowls with mismatched colors.";
  const std::string bowls = " The red bowl is in the top left area. The blue bowl is in the top right area."
                            " The green bowl is in the bottom left area. The pink bowl is in the bottom right area.";
  // red is already in the blue bowl: keep it; blue cannot go to blue, so green -> red... any derangement
  const std::string step = next(i, "The red block is in the blue bowl. The blue block is in the top left area. "
                                   "The green block is in the top right area." + bowls);
  EXPECT_EQ(step.find("red block"), std::string::npos) << step;
  EXPECT_EQ(step.find("pink bowl"), std::string::npos) << step;  // pink: a distractor bowl
  EXPECT_EQ(step.find("blue block and place it on the blue bowl"), std::string::npos) << step;
  EXPECT_EQ(next(i, "The red block is in the blue bowl. The blue block is in the green bowl. "
                    "The green block is in the red bowl." + bowls),
            "done");
  // the last block left over with only its own color free: move another one first
  EXPECT_NE(next(i, "The red block is in the blue bowl. The blue block is in the red bowl. "
                    "The green block is in the top right area." + bowls),
            "done");
}

TEST(SymbolicPlan, SmallerOverBiggerAndTheZoneVariantsOrder) {
  const std::string c = "stack all the smaller blocks over the bigger blocks of the same color.";
  EXPECT_EQ(next(c, "The bigger red block is in the top left area. The smaller red block is on the bigger red block. "
                    "The bigger blue block is in the top right area. The smaller blue block is in the center. "
                    "The smaller pink block is in the center."),
            "pick up the smaller blue block and place it on the bigger blue block.");
  const std::string i =
      "stack all the smaller blocks over the bigger blocks of the same color in the zone with the same color.";
  const std::string zones = " The red zone is in the top left area. The blue zone is in the top right area.";
  // bigger blocks into their zones first
  EXPECT_EQ(next(i, "The bigger red block is in the red zone. The smaller red block is in the center. "
                    "The bigger blue block is in the bottom left area. The smaller blue block is in the center." +
                        zones),
            "pick up the bigger blue block and place it on the blue zone.");
  EXPECT_EQ(next(i, "The bigger red block is in the red zone. The smaller red block is in the center. "
                    "The bigger blue block is in the blue zone. The smaller blue block is on the bigger blue block." +
                        zones),
            "pick up the smaller red block and place it on the bigger red block.");
}

TEST(SymbolicPlan, EvenCountsGoToTheirZoneOddOnesStay) {
  const std::string i = "put the blocks of an even number in the zone with the matching color.";
  const std::string zones = " The red zone is in the top left area. The blue zone is in the top right area.";
  EXPECT_EQ(next(i, "The red block is in the bottom left area. The red block is in the bottom right area. "
                    "The red block is in the bottom left area. The blue block is on the blue block. "
                    "The blue block is in the blue zone." + zones),
            "done");
  EXPECT_EQ(next(i, "The red block is in the bottom left area. The blue block is in the blue zone. "
                    "The blue block is in the bottom right area." + zones),
            "pick up the blue block and place it on the blue zone.");
}

TEST(SymbolicPlan, MoveAreaToAreaMovesBiggerBlocksFirst) {
  const std::string i = "move all the blocks in the top left area to the bottom right area.";
  EXPECT_EQ(next(i, "The smaller red block is in the top left area. The bigger red block is in the top left area. "
                    "The bigger blue block is in the top right area."),
            "pick up the bigger red block and place it on the bottom right area.");
  EXPECT_EQ(next(i, "The smaller red block is in the bottom right area. The bigger red block is on the smaller red "
                    "block. The bigger blue block is in the top right area."),
            "done");
}

TEST(SymbolicPlan, StacksGrowOnTheTallestStack) {
  // D: the stack already begun is the base; blocks outside the area stay
  const std::string d = "stack all the blocks in the top left area.";
  EXPECT_EQ(next(d, "The bigger red block is in the top left area. The smaller red block is in the top left area. "
                    "The bigger blue block is on the smaller red block. The smaller blue block is in the top right "
                    "area."),
            "pick up the bigger red block and place it on the bigger blue block.");
  // D with nothing stacked: a bigger block is the base
  EXPECT_EQ(next(d, "The smaller red block is in the top left area. The bigger blue block is in the top left area."),
            "pick up the smaller red block and place it on the bigger blue block.");
  // G: bigger group first, then smaller
  const std::string g = "stack blocks of the same size.";
  EXPECT_EQ(next(g, "The bigger red block is in the top left area. The bigger blue block is on the bigger red block. "
                    "The smaller green block is in the top right area. The smaller pink block is in the center."),
            "pick up the smaller pink block and place it on the smaller green block.");
  // K: same names; done once each color is one stack
  const std::string k = "stack all the blocks of the same color together";
  EXPECT_EQ(next(k, "The red block is on the red block. The red block is in the center. The blue block is in the "
                    "top left area."),
            "done");
  EXPECT_EQ(next(k, "The red block is in the top left area. The red block is in the center. The blue block is in the "
                    "top left area."),
            "pick up the red block and place it on the red block.");
}

TEST(SymbolicPlan, AlternateColorsStartWithTheMajorityColorAndAlternate) {
  const std::string h = "stack blocks with alternate colors";
  EXPECT_EQ(next(h, "The red block is in the top left area. The red block is in the center. "
                    "The blue block is in the top right area."),
            "pick up the blue block and place it on the red block.");
  EXPECT_EQ(next(h, "The red block is in the top left area. The red block is on the blue block. "
                    "The blue block is on the red block."),
            "done");
  EXPECT_EQ(next(h, "The red block is in the top left area. The red block is in the center. "
                    "The blue block is on the red block."),
            "pick up the red block and place it on the blue block.");
}

TEST(SymbolicPlan, PrimitivesAreTheirOwnStepUntilDone) {
  const std::string p = "pick up the red block and place it on the blue bowl.";
  EXPECT_EQ(next(p, "The red block is in the center. The blue bowl is in the top left area.", 0), p);
  EXPECT_EQ(next(p, "The red block is in the blue bowl. The blue bowl is in the top left area."), "done");
}

}  // namespace
}  // namespace ember
