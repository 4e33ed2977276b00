#include "envs/tabletop/tasks/caption.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "envs/tabletop/workspace.h"

namespace ember::tabletop {

namespace {

// "a", "a and b", "a, b and c"
std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// One kind's sentences, e.g. "there are 3 bowls. Their colors are a, b and c."
std::string describe_kind(const Scene& scene, ObjectKind kind, bool sized_names) {
  std::vector<const SceneObject*> objects;
  for (const SceneObject& o : scene.objects)
    if (o.kind == kind) objects.push_back(&o);
  std::stable_sort(objects.begin(), objects.end(), [](const SceneObject* a, const SceneObject* b) {
    if (a->color != b->color) return a->color < b->color;
    return a->size > b->size;
  });
  const bool one = objects.size() == 1;
  const std::string noun = std::string(kind_name(kind)) + (one ? "" : "s");
  std::string out = (one ? "there is 1 " : "there are " + std::to_string(objects.size()) + " ") + noun + ".";
  if (objects.empty()) return out;
  std::vector<std::string> items;
  const bool by_name = sized_names && kind == ObjectKind::kBlock;
  for (const SceneObject* o : objects) items.push_back(by_name ? "the " + o->name(true) : color_name(o->color));
  if (by_name)
    out += (one ? " It is " : " They are ") + join_list(items) + ".";
  else
    out += (one ? " Its color is " : " Their colors are ") + join_list(items) + ".";
  return out;
}

// Objects of a kind in the caption's order: palette order, bigger first.
std::vector<int> caption_order(const Scene& scene, ObjectKind kind) {
  std::vector<int> ids;
  for (int i = 0; i < scene.size(); ++i)
    if (scene.objects[static_cast<size_t>(i)].kind == kind) ids.push_back(i);
  std::stable_sort(ids.begin(), ids.end(), [&](int a, int b) {
    const SceneObject &x = scene.objects[static_cast<size_t>(a)], &y = scene.objects[static_cast<size_t>(b)];
    if (x.color != y.color) return x.color < y.color;
    return x.size > y.size;
  });
  return ids;
}

std::string area_of(double x, double y) {
  if (!in_workspace(x, y)) return "outside the workspace";
  for (int q = 0; q < kNumQuadrants; ++q)
    if (quadrant_area(static_cast<Quadrant>(q)).contains(x, y)) return std::string("in the ") + quadrant_name(static_cast<Quadrant>(q));
  return "in the center";
}

// Where a block is: on a block, in a bowl or zone, or in an area.
std::string block_place(const Scene& scene, const SceneObject& block, bool sized_names) {
  const int below = supporting_block(scene, static_cast<int>(&block - scene.objects.data()));
  if (below >= 0) return "on the " + scene.objects[static_cast<size_t>(below)].name(sized_names);
  for (const SceneObject& other : scene.objects) {
    const double dx = block.pose.x - other.pose.x, dy = block.pose.y - other.pose.y;
    if (other.kind == ObjectKind::kBowl && std::hypot(dx, dy) < other.size / 2) return "in the " + other.name(false);
    if (other.kind == ObjectKind::kZone) {
      const double yaw = other.pose.yaw(), c = std::cos(yaw), s = std::sin(yaw);
      if (std::abs(c * dx + s * dy) < other.size / 2 && std::abs(-s * dx + c * dy) < other.size / 2)
        return "in the " + other.name(false);
    }
  }
  return area_of(block.pose.x, block.pose.y);
}

}  // namespace

int supporting_block(const Scene& scene, int block_id) {
  constexpr double kTouch = 0.01;  // m of slack between resting faces
  const SceneObject& block = scene.objects[static_cast<size_t>(block_id)];
  for (const SceneObject& other : scene.objects) {
    if (&other == &block || other.kind != ObjectKind::kBlock) continue;
    const bool above = std::abs(block.pose.x - other.pose.x) < other.size / 2 &&
                       std::abs(block.pose.y - other.pose.y) < other.size / 2;
    const double gap = (block.pose.z - block.size / 2) - (other.pose.z + other.size / 2);
    if (above && std::abs(gap) < kTouch) return static_cast<int>(&other - scene.objects.data());
  }
  return -1;
}

std::string scene_layout(const Scene& scene, bool sized_names) {
  std::string out;
  for (ObjectKind kind : {ObjectKind::kBlock, ObjectKind::kBowl, ObjectKind::kZone})
    for (int id : caption_order(scene, kind)) {
      const SceneObject& o = scene.objects[static_cast<size_t>(id)];
      const std::string place =
          kind == ObjectKind::kBlock ? block_place(scene, o, sized_names) : area_of(o.pose.x, o.pose.y);
      out += (out.empty() ? "The " : " The ") + o.name(sized_names) + " is " + place + ".";
    }
  return out;
}

std::string scene_caption(const Scene& scene, bool sized_names) {
  std::string out = "On the table, " + describe_kind(scene, ObjectKind::kBlock, sized_names);
  for (ObjectKind kind : {ObjectKind::kBowl, ObjectKind::kZone}) {
    bool present = false;
    for (const SceneObject& o : scene.objects) present = present || o.kind == kind;
    if (!present) continue;
    std::string sentence = describe_kind(scene, kind, sized_names);
    sentence[0] = 'T';  // "there" opens the sentence
    out += " " + sentence;
  }
  return out;
}

}  // namespace ember::tabletop
