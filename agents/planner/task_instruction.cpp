#include "agents/planner/task_instruction.h"

#include <cctype>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ember {

namespace {

const char* const kAreas[] = {"top left area", "top right area", "bottom left area", "bottom right area"};

bool is_area(const std::string& s) {
  for (const char* a : kAreas)
    if (s == a) return true;
  return false;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// Whole-instruction phrasings: the env's templates first, then the paper's.
const std::vector<std::pair<std::string, TaskFamily>>& fixed_phrasings() {
  static const std::vector<std::pair<std::string, TaskFamily>> phrasings = {
      {"put the blocks in the bowls with matching colors", TaskFamily::kMatchingBowls},
      {"stack all the smaller blocks over the bigger blocks of the same color", TaskFamily::kSmallerOverBigger},
      {"put the blocks of an even number in the zone with the matching color", TaskFamily::kEvenCountToZone},
      {"put the blocks in the bowls with mismatched colors", TaskFamily::kMismatchingBowls},
      {"stack blocks of the same size", TaskFamily::kSameSize},
      {"stack blocks with alternate colors", TaskFamily::kAlternateColors},
      {"stack all the smaller blocks over the bigger blocks of the same color in the zone with the same color",
       TaskFamily::kSmallerOverBiggerInZone},
      {"stack all the blocks of the same color together", TaskFamily::kSameColor},
      // LoHoRavens Table I's wording of the same tasks
      {"put the blocks in the bowls with mismatching colors", TaskFamily::kMismatchingBowls},
      {"stack smaller blocks over bigger blocks of the same color", TaskFamily::kSmallerOverBigger},
      {"move all blocks of a color that occur in even numbers to the same colored zone", TaskFamily::kEvenCountToZone},
      {"stack blocks in alternate colors", TaskFamily::kAlternateColors},
      {"stack blocks of the same color in the zone with same color, with the bigger blocks underneath",
       TaskFamily::kSmallerOverBiggerInZone},
      {"stack blocks of the same color", TaskFamily::kSameColor},
  };
  return phrasings;
}

}  // namespace

std::string normalize_text(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string w; in >> w;) {
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out += (out.empty() ? "" : " ") + w;
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string step_text(const std::string& pick, const std::string& place) {
  return "pick up the " + pick + " and place it on the " + place + ".";
}

TaskInstruction parse_task_instruction(const std::string& instruction) {
  const std::string s = normalize_text(instruction);
  TaskInstruction t;
  for (const auto& [phrase, family] : fixed_phrasings())
    if (s == phrase) {
      t.family = family;
      return t;
    }
  // D: stack all the blocks in the {area}
  if (starts_with(s, "stack all the blocks in the ") && is_area(s.substr(28))) {
    t.family = TaskFamily::kStackInArea;
    t.area = s.substr(28);
    return t;
  }
  // J: move all the blocks in the {area} to the {area}
  if (starts_with(s, "move all the blocks in the ")) {
    const std::string rest = s.substr(27);
    const size_t to = rest.find(" to the ");
    if (to != std::string::npos && is_area(rest.substr(0, to)) && is_area(rest.substr(to + 8))) {
      t.family = TaskFamily::kMoveAreaToArea;
      t.area = rest.substr(0, to);
      t.target_area = rest.substr(to + 8);
      return t;
    }
  }
  // primitives: pick up the {X} and place it on the {Y}
  const size_t and_place = s.find(" and place it on the ");
  if (starts_with(s, "pick up the ") && and_place != std::string::npos && and_place > 12 &&
      and_place + 21 < s.size()) {
    t.family = TaskFamily::kSingleStep;
    t.pick = s.substr(12, and_place - 12);
    t.place = s.substr(and_place + 21);
    return t;
  }
  throw std::invalid_argument(
      "symbolic planner: cannot read the instruction '" + instruction +
      "' (it reads the ten LoHoRavens long-horizon families — matching/mismatched bowls, smaller over bigger "
      "(in the same-color zone), stack in an area, even counts to zones, same size, alternate colors, move from "
      "area to area, same color — and single pick-and-place steps; docs/agents/planner.md)");
}

}  // namespace ember
