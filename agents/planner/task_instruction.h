// File: agents/planner/task_instruction.h
//
// The instruction families the symbolic planner reads: the ten LoHoRavens
// long-horizon tasks (reference/lohoravens.md §7 B-K, in the env's template
// phrasing and in the paper's phrasing) and a single step, which is how the
// pick-and-place primitives are phrased. Matching ignores case, spacing and
// the final period.
//
//   B put the blocks in the bowls with matching colors.
//   C stack all the smaller blocks over the bigger blocks of the same color.
//   D stack all the blocks in the {top left|top right|bottom left|bottom right} area.
//   E put the blocks of an even number in the zone with the matching color.
//   F put the blocks in the bowls with mismatched colors.
//   G stack blocks of the same size.
//   H stack blocks with alternate colors
//   I stack all the smaller blocks over the bigger blocks of the same color in the zone with the same color.
//   J move all the blocks in the {area} to the {area}.
//   K stack all the blocks of the same color together
//   primitives: pick up the {X} and place it on the {Y}.
//
// Example:
//   TaskInstruction t = parse_task_instruction("stack all the blocks in the top left area.");
//   // t.family == TaskFamily::kStackInArea, t.area == "top left area"
#pragma once

#include <string>

namespace ember {

enum class TaskFamily {
  kSingleStep,             // primitives
  kMatchingBowls,          // B
  kSmallerOverBigger,      // C
  kStackInArea,            // D
  kEvenCountToZone,        // E
  kMismatchingBowls,       // F
  kSameSize,               // G
  kAlternateColors,        // H
  kSmallerOverBiggerInZone,// I
  kMoveAreaToArea,         // J
  kSameColor,              // K
};

struct TaskInstruction {
  TaskFamily family = TaskFamily::kSingleStep;
  std::string area;         // D: the area; J: the source area
  std::string target_area;  // J
  std::string pick, place;  // single step: the two names
};

// Throws std::invalid_argument quoting the instruction and listing the
// families it can read.
TaskInstruction parse_task_instruction(const std::string& instruction);
// Lower-cased, single-spaced, without the final period.
std::string normalize_text(const std::string& text);
// "pick up the {pick} and place it on the {place}."
std::string step_text(const std::string& pick, const std::string& place);

}  // namespace ember
