// The symbolic planner's reading of text (agents/planner/): every
// LoHoRavens long-horizon instruction family as the env generates it, the
// paper's phrasings, single steps, and the caption + layout sentences of
// hand-written scenes; unreadable text is an error quoting it.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "agents/planner/scene_text.h"
#include "agents/planner/task_instruction.h"
#include "core/rng.h"
#include "envs/tabletop/tasks/task.h"

namespace ember {
namespace {

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(PlannerParse, EveryLongHorizonFamilyAsTheEnvPhrasesIt) {
  const std::vector<std::pair<std::string, TaskFamily>> expected = {
      {"put-block-in-matching-bowl", TaskFamily::kMatchingBowls},
      {"stack-smaller-over-bigger-with-same-color", TaskFamily::kSmallerOverBigger},
      {"stack-block-in-absolute-area", TaskFamily::kStackInArea},
      {"put-even-block-in-same-color-zone", TaskFamily::kEvenCountToZone},
      {"put-block-in-mismatching-bowl", TaskFamily::kMismatchingBowls},
      {"stack-block-of-same-size", TaskFamily::kSameSize},
      {"stack-block-with-alternate-color", TaskFamily::kAlternateColors},
      {"stack-smaller-over-bigger-with-same-color-in-same-color-zone", TaskFamily::kSmallerOverBiggerInZone},
      {"move-block-in-x-area-to-y-area", TaskFamily::kMoveAreaToArea},
      {"stack-block-of-same-color", TaskFamily::kSameColor},
      {"pick-and-place-primitive", TaskFamily::kSingleStep},
      {"pick-and-place-primitive-with-size", TaskFamily::kSingleStep},
      {"pick-and-place-primitive-with-absolute-position", TaskFamily::kSingleStep},
  };
  for (const auto& [task_name, family] : expected) {
    const auto task = tabletop::make_task(task_name);
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      Rng rng(seed);
      const std::string instruction = task->generate(rng, tabletop::ColorSplit::kEval).instruction;
      const TaskInstruction parsed = parse_task_instruction(instruction);
      EXPECT_EQ(parsed.family, family) << task_name << ": " << instruction;
      if (family == TaskFamily::kStackInArea || family == TaskFamily::kMoveAreaToArea)
        EXPECT_NE(instruction.find(parsed.area), std::string::npos) << instruction;
      if (family == TaskFamily::kMoveAreaToArea) {
        EXPECT_NE(parsed.area, parsed.target_area);
        EXPECT_NE(instruction.find("to the " + parsed.target_area), std::string::npos) << instruction;
      }
    }
  }
}

TEST(PlannerParse, AreasStepsAndThePapersPhrasings) {
  TaskInstruction t = parse_task_instruction("Move all the blocks in the top left area to the bottom right area.");
  EXPECT_EQ(t.family, TaskFamily::kMoveAreaToArea);
  EXPECT_EQ(t.area, "top left area");
  EXPECT_EQ(t.target_area, "bottom right area");
  t = parse_task_instruction("stack all the blocks in the  TOP RIGHT area");
  EXPECT_EQ(t.family, TaskFamily::kStackInArea);
  EXPECT_EQ(t.area, "top right area");
  t = parse_task_instruction("pick up the bigger red block and place it on the smaller blue block.");
  EXPECT_EQ(t.family, TaskFamily::kSingleStep);
  EXPECT_EQ(t.pick, "bigger red block");
  EXPECT_EQ(t.place, "smaller blue block");
  EXPECT_EQ(parse_task_instruction("Stack blocks in alternate colors").family, TaskFamily::kAlternateColors);
  EXPECT_EQ(parse_task_instruction("Put the blocks in the bowls with mismatching colors").family,
            TaskFamily::kMismatchingBowls);
  EXPECT_EQ(parse_task_instruction("Stack blocks of the same color").family, TaskFamily::kSameColor);
}

TEST(PlannerParse, UnreadableInstructionsAreErrorsQuotingThem) {
  EXPECT_NE(error_of([] { parse_task_instruction("build a pyramid on the brown zone"); })
                .find("cannot read the instruction 'build a pyramid on the brown zone'"),
            std::string::npos);
  // an area that does not exist
  EXPECT_NE(error_of([] { parse_task_instruction("stack all the blocks in the middle area."); }).find("middle area"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_task_instruction(""); }), "<no error>");
}

TEST(PlannerParse, CaptionAndLayoutOfAHandWrittenScene) {
  const SceneText s = parse_scene_text(
      "On the table, there are 3 blocks. They are the bigger red block, the smaller red block and the smaller blue "
      "block. There is 1 bowl. Its color is blue. There is 1 zone. Its color is green. "
      "The bigger red block is in the green zone. The smaller red block is on the bigger red block. "
      "The smaller blue block is outside the workspace. The blue bowl is in the top left area. "
      "The green zone is in the bottom right area.");
  ASSERT_EQ(s.objects.size(), 5u);
  EXPECT_EQ(s.of_kind("block"), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(s.objects[1].size, "smaller");
  EXPECT_EQ(s.objects[1].color, "red");
  EXPECT_EQ(s.objects[1].where, TextObject::Where::kOn);
  EXPECT_EQ(s.objects[1].below, 0);
  EXPECT_EQ(s.objects[0].above, 1);
  EXPECT_TRUE(s.covered(0));
  EXPECT_EQ(s.bottom_of(1), 0);
  EXPECT_EQ(s.top_of(0), 1);
  EXPECT_EQ(s.stack_size(1), 2);
  EXPECT_EQ(s.container_of(1), "green zone");
  EXPECT_EQ(s.area_of(1), "bottom right area");  // through the zone it stands in
  EXPECT_EQ(s.area_of(2), "outside");
  EXPECT_EQ(s.area_of(3), "top left area");
}

TEST(PlannerParse, RepeatedNamesResolveToDistinctAcyclicSupports) {
  // three red blocks in one stack, listed top first
  const SceneText s = parse_scene_text(
      "The red block is on the red block. The red block is on the red block. The red block is in the top left area.");
  ASSERT_EQ(s.objects.size(), 3u);
  int on = 0;
  for (const TextObject& o : s.objects) on += o.below >= 0 ? 1 : 0;
  EXPECT_EQ(on, 2);
  EXPECT_EQ(s.stack_size(0), 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(s.area_of(i), "top left area");
}

TEST(PlannerParse, BadCaptionsAreErrorsQuotingTheSentence) {
  EXPECT_NE(error_of([] { parse_scene_text("The red block is floating."); }).find("'the red block is floating'"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_scene_text("The red table is in the top left area."); }).find("red table"),
            std::string::npos);
  // the inventory counts 2 blocks, the layout places 1
  EXPECT_NE(error_of([] { parse_scene_text("On the table, there are 2 blocks. The red block is in the center."); })
                .find("counts 2 block(s) but places 1"),
            std::string::npos);
}

}  // namespace
}  // namespace ember
