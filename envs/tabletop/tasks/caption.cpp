#include "envs/tabletop/tasks/caption.h"

#include <algorithm>
#include <vector>

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

}  // namespace

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
