#include "agents/planner/symbolic_planner.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "agents/planner/plan_helpers.h"

namespace ember {

namespace plan {

int first_movable(const SceneText& scene, const std::vector<int>& candidates) {
  for (int i : candidates)
    if (!scene.covered(i)) return i;
  return candidates.empty() ? -1 : candidates.front();
}

PlannerReply move(const SceneText& scene, int object, const std::string& place) {
  return PlannerReply::step(step_text(scene.objects[static_cast<size_t>(object)].name, place));
}

}  // namespace plan

namespace {

using plan::first_movable;
using plan::move;

// Whether the stack of block i stands in `holder` (a bowl or zone name).
bool in_holder(const SceneText& scene, int i, const std::string& holder) { return scene.container_of(i) == holder; }

// B: each block whose color has a bowl goes into that bowl.
PlannerReply matching_bowls(const SceneText& scene) {
  std::vector<int> todo;
  for (int b : scene.of_kind("block")) {
    const std::string bowl = scene.objects[static_cast<size_t>(b)].color + " bowl";
    if (scene.find(bowl) >= 0 && !in_holder(scene, b, bowl)) todo.push_back(b);
  }
  if (todo.empty()) return PlannerReply::finished();
  const int b = first_movable(scene, todo);
  return move(scene, b, scene.objects[static_cast<size_t>(b)].color + " bowl");
}

// F: a one-to-one assignment of the blocks to the bowls of block colors,
// never the block's own color, keeping as many blocks in place as possible;
// the first block not yet in its bowl moves, one whose bowl is free first.
PlannerReply mismatching_bowls(const SceneText& scene) {
  std::set<std::string> block_colors;
  for (int b : scene.of_kind("block")) block_colors.insert(scene.objects[static_cast<size_t>(b)].color);
  std::vector<int> blocks, bowls;
  for (int w : scene.of_kind("bowl"))
    if (block_colors.count(scene.objects[static_cast<size_t>(w)].color)) bowls.push_back(w);
  std::set<std::string> bowl_colors;
  for (int w : bowls) bowl_colors.insert(scene.objects[static_cast<size_t>(w)].color);
  for (int b : scene.of_kind("block"))
    if (bowl_colors.count(scene.objects[static_cast<size_t>(b)].color)) blocks.push_back(b);
  if (blocks.empty()) return PlannerReply::finished();
  const auto color = [&](int i) { return scene.objects[static_cast<size_t>(i)].color; };
  const auto name = [&](int i) { return scene.objects[static_cast<size_t>(i)].name; };
  // exhaustive search (<= 7! assignments), first best in search order
  std::vector<int> assignment(blocks.size(), -1), best;
  std::vector<bool> used(bowls.size(), false);
  int best_kept = -1;
  std::function<void(size_t, int)> search = [&](size_t k, int kept) {
    if (k == blocks.size()) {
      if (kept > best_kept) {
        best_kept = kept;
        best = assignment;
      }
      return;
    }
    for (size_t w = 0; w < bowls.size(); ++w) {
      if (used[w] || color(bowls[w]) == color(blocks[k])) continue;
      used[w] = true;
      assignment[k] = static_cast<int>(w);
      search(k + 1, kept + (in_holder(scene, blocks[k], name(bowls[w])) ? 1 : 0));
      used[w] = false;
    }
  };
  search(0, 0);
  if (best.empty()) return PlannerReply::finished();  // no derangement exists (a single color)
  std::vector<int> todo, todo_free;
  for (size_t k = 0; k < blocks.size(); ++k) {
    const std::string bowl = name(bowls[static_cast<size_t>(best[k])]);
    if (in_holder(scene, blocks[k], bowl)) continue;
    todo.push_back(static_cast<int>(k));
    bool occupied = false;
    for (int b : scene.of_kind("block")) occupied = occupied || in_holder(scene, b, bowl);
    if (!occupied) todo_free.push_back(static_cast<int>(k));
  }
  if (todo.empty()) return PlannerReply::finished();
  const std::vector<int>& pool = todo_free.empty() ? todo : todo_free;
  std::vector<int> candidates;
  for (int k : pool) candidates.push_back(blocks[static_cast<size_t>(k)]);
  const int b = first_movable(scene, candidates);
  const size_t k = static_cast<size_t>(std::find(blocks.begin(), blocks.end(), b) - blocks.begin());
  return move(scene, b, name(bowls[static_cast<size_t>(best[k])]));
}

// C (and I's second half): each smaller block onto the bigger block of its color.
PlannerReply smaller_over_bigger(const SceneText& scene, const std::set<std::string>& colors) {
  std::vector<int> todo;
  for (const std::string& c : colors) {
    const int small = scene.find("smaller " + c + " block"), big = scene.find("bigger " + c + " block");
    if (small < 0 || big < 0) continue;
    if (scene.objects[static_cast<size_t>(small)].below != big) todo.push_back(small);
  }
  if (todo.empty()) return PlannerReply::finished();
  const int s = first_movable(scene, todo);
  return move(scene, s, "bigger " + scene.objects[static_cast<size_t>(s)].color + " block");
}

std::set<std::string> paired_colors(const SceneText& scene) {
  std::set<std::string> out;
  for (int b : scene.of_kind("block")) {
    const std::string& c = scene.objects[static_cast<size_t>(b)].color;
    if (scene.find("smaller " + c + " block") >= 0 && scene.find("bigger " + c + " block") >= 0) out.insert(c);
  }
  return out;
}

// I: every bigger block of a paired color into its zone, then C over them.
PlannerReply smaller_over_bigger_in_zone(const SceneText& scene) {
  std::set<std::string> colors;
  for (const std::string& c : paired_colors(scene))
    if (scene.find(c + " zone") >= 0) colors.insert(c);
  std::vector<int> todo;
  for (const std::string& c : colors) {
    const int big = scene.find("bigger " + c + " block");
    const TextObject& o = scene.objects[static_cast<size_t>(big)];
    if (!(o.where == TextObject::Where::kIn && o.place == c + " zone")) todo.push_back(big);
  }
  if (!todo.empty()) {
    const int b = first_movable(scene, todo);
    return move(scene, b, scene.objects[static_cast<size_t>(b)].color + " zone");
  }
  return smaller_over_bigger(scene, colors);
}

// E: every block of a color with an even count into that color's zone.
PlannerReply even_count_to_zone(const SceneText& scene) {
  std::map<std::string, int> count;
  for (int b : scene.of_kind("block")) ++count[scene.objects[static_cast<size_t>(b)].color];
  std::vector<int> todo;
  for (int b : scene.of_kind("block")) {
    const std::string& c = scene.objects[static_cast<size_t>(b)].color;
    if (count[c] % 2 == 0 && scene.find(c + " zone") >= 0 && !in_holder(scene, b, c + " zone")) todo.push_back(b);
  }
  if (todo.empty()) return PlannerReply::finished();
  const int b = first_movable(scene, todo);
  return move(scene, b, scene.objects[static_cast<size_t>(b)].color + " zone");
}

// J: every block in the source area to the target area, bigger ones first
// (a steadier pile), and again any block of the episode's first caption's
// source set that has since fallen elsewhere (`initial`: their names; only
// names that are unique on the table, else the fallen one is unknown).
PlannerReply move_area_to_area(const TaskInstruction& task, const SceneText& scene,
                               const std::vector<std::string>& initial) {
  std::vector<int> todo;
  for (const char* size : {"bigger", "smaller", ""})
    for (int b : scene.of_kind("block")) {
      const TextObject& o = scene.objects[static_cast<size_t>(b)];
      if (o.size != size) continue;
      const std::string area = scene.area_of(b);
      int same_name = 0;
      for (const TextObject& other : scene.objects) same_name += other.name == o.name ? 1 : 0;
      const bool fell = same_name == 1 && area != task.target_area &&
                        std::find(initial.begin(), initial.end(), o.name) != initial.end();
      if (area == task.area || fell) todo.push_back(b);
    }
  if (todo.empty()) return PlannerReply::finished();
  return move(scene, first_movable(scene, todo), task.target_area);
}

// Primitives: the instruction is the step; done once the caption shows it.
PlannerReply single_step(const TaskInstruction& task, const SceneText& scene, int step) {
  const PlannerReply again = PlannerReply::step(step_text(task.pick, task.place));
  const int pick = scene.find(task.pick);
  if (task.place == "center") return step == 0 ? again : PlannerReply::finished();  // the caption has no "center" test
  if (pick < 0) return again;  // let the actor report the unknown name
  const TextObject& o = scene.objects[static_cast<size_t>(pick)];
  const bool done = (o.where == TextObject::Where::kOn || o.where == TextObject::Where::kIn) ? o.place == task.place
                                                                                             : scene.area_of(pick) == task.place;
  return done ? PlannerReply::finished() : again;
}

}  // namespace

PlannerReply plan_step(const TaskInstruction& task, const SceneText& scene, int step,
                       const std::vector<std::string>& initial_source) {
  switch (task.family) {
    case TaskFamily::kSingleStep: return single_step(task, scene, step);
    case TaskFamily::kMatchingBowls: return matching_bowls(scene);
    case TaskFamily::kSmallerOverBigger: return smaller_over_bigger(scene, paired_colors(scene));
    case TaskFamily::kStackInArea: return plan::stack_in_area(task, scene);
    case TaskFamily::kEvenCountToZone: return even_count_to_zone(scene);
    case TaskFamily::kMismatchingBowls: return mismatching_bowls(scene);
    case TaskFamily::kSameSize: return plan::same_size(scene);
    case TaskFamily::kAlternateColors: return plan::alternate_colors(scene);
    case TaskFamily::kSmallerOverBiggerInZone: return smaller_over_bigger_in_zone(scene);
    case TaskFamily::kMoveAreaToArea: return move_area_to_area(task, scene, initial_source);
    case TaskFamily::kSameColor: return plan::same_color(scene);
  }
  return PlannerReply::finished();
}

PlannerReply SymbolicPlanner::next_step(const PlannerRequest& request) {
  const TaskInstruction task = parse_task_instruction(request.instruction);
  const SceneText scene = parse_scene_text(request.caption);
  std::vector<std::string>& initial = initial_source_[request.env_index];
  if (request.step == 0) {
    initial.clear();
    if (task.family == TaskFamily::kMoveAreaToArea)
      for (int b : scene.of_kind("block"))
        if (scene.area_of(b) == task.area) initial.push_back(scene.objects[static_cast<size_t>(b)].name);
  }
  return plan_step(task, scene, request.step, initial);
}

}  // namespace ember
