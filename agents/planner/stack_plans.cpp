// The stacking families of the symbolic planner (D, G, H, K): one stack per
// group of blocks, grown on the group's tallest stack.
#include <algorithm>
#include <map>

#include "agents/planner/plan_helpers.h"

namespace ember::plan {

namespace {

// The blocks of the stack whose bottom is `base`, bottom first.
std::vector<int> chain_from(const SceneText& scene, int base) {
  std::vector<int> chain;
  for (int i = base; i >= 0; i = scene.objects[static_cast<size_t>(i)].above) chain.push_back(i);
  return chain;
}

// The bottom of the tallest stack (>= 2 blocks) standing on a member, or -1.
int tallest_stack(const SceneText& scene, const std::vector<int>& members) {
  int best = -1;
  size_t best_size = 1;
  for (int m : members) {
    if (scene.objects[static_cast<size_t>(m)].below >= 0) continue;
    const size_t size = chain_from(scene, m).size();
    if (size > best_size) {
      best = m;
      best_size = size;
    }
  }
  return best;
}

// One step towards stacking every member on `base` (members in the order
// they should be moved); Done when they all are.
PlannerReply grow_stack(const SceneText& scene, const std::vector<int>& members, int base) {
  const std::vector<int> chain = chain_from(scene, base);
  std::vector<int> todo;
  for (int m : members)
    if (std::find(chain.begin(), chain.end(), m) == chain.end()) todo.push_back(m);
  if (todo.empty()) return PlannerReply::finished();
  return move(scene, first_movable(scene, todo), scene.objects[static_cast<size_t>(chain.back())].name);
}

// A stack of `members` on their tallest stack, else on `fallback_base`.
PlannerReply stack_group(const SceneText& scene, const std::vector<int>& members, int fallback_base) {
  if (members.size() < 2) return PlannerReply::finished();
  const int tallest = tallest_stack(scene, members);
  return grow_stack(scene, members, tallest >= 0 ? tallest : fallback_base);
}

}  // namespace

// D: the blocks in the area, bigger ones first (a stable stack), on a bigger one.
PlannerReply stack_in_area(const TaskInstruction& task, const SceneText& scene) {
  std::vector<int> members;
  for (const char* size : {"bigger", "smaller", ""})
    for (int b : scene.of_kind("block"))
      if (scene.objects[static_cast<size_t>(b)].size == size && scene.area_of(b) == task.area) members.push_back(b);
  if (members.empty()) return PlannerReply::finished();
  return stack_group(scene, members, members.front());
}

// G: one stack of the bigger blocks, then one of the smaller blocks.
PlannerReply same_size(const SceneText& scene) {
  for (const char* size : {"bigger", "smaller"}) {
    std::vector<int> members;
    for (int b : scene.of_kind("block"))
      if (scene.objects[static_cast<size_t>(b)].size == size) members.push_back(b);
    if (members.size() < 2) continue;
    const PlannerReply r = stack_group(scene, members, members.front());
    if (!r.done) return r;
  }
  return PlannerReply::finished();
}

// H: one stack whose colors alternate; it starts with the color that has
// more blocks (either when the counts are equal: the first listed).
PlannerReply alternate_colors(const SceneText& scene) {
  const std::vector<int> blocks = scene.of_kind("block");
  if (blocks.size() < 2) return PlannerReply::finished();
  std::map<std::string, int> count;
  for (int b : blocks) ++count[scene.objects[static_cast<size_t>(b)].color];
  int base = tallest_stack(scene, blocks);
  if (base < 0) {
    base = blocks.front();
    for (int b : blocks)
      if (count[scene.objects[static_cast<size_t>(b)].color] >
          count[scene.objects[static_cast<size_t>(base)].color])
        base = b;
  }
  const std::vector<int> chain = chain_from(scene, base);
  const std::string& top_color = scene.objects[static_cast<size_t>(chain.back())].color;
  std::vector<int> todo;
  for (int b : blocks)
    if (scene.objects[static_cast<size_t>(b)].color != top_color &&
        std::find(chain.begin(), chain.end(), b) == chain.end())
      todo.push_back(b);
  if (todo.empty()) return PlannerReply::finished();
  return move(scene, first_movable(scene, todo), scene.objects[static_cast<size_t>(chain.back())].name);
}

// K: one stack per color that has several blocks, colors in caption order.
PlannerReply same_color(const SceneText& scene) {
  std::vector<std::string> colors;
  for (int b : scene.of_kind("block")) {
    const std::string& c = scene.objects[static_cast<size_t>(b)].color;
    if (std::find(colors.begin(), colors.end(), c) == colors.end()) colors.push_back(c);
  }
  for (const std::string& c : colors) {
    std::vector<int> members;
    for (int b : scene.of_kind("block"))
      if (scene.objects[static_cast<size_t>(b)].color == c) members.push_back(b);
    const PlannerReply r = stack_group(scene, members, members.front());
    if (!r.done) return r;
  }
  return PlannerReply::finished();
}

}  // namespace ember::plan
