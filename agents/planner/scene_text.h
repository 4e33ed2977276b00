// File: agents/planner/scene_text.h
//
// What a symbolic planner knows about the table: the scene caption and
// layout sentences of a tabletop describe() (envs/tabletop/tasks/caption.h),
// parsed from the text alone —
//   "On the table, there are 2 blocks. They are the bigger red block and the
//    smaller red block. There is 1 bowl. Its color is blue. The bigger red
//    block is in the top left area. The smaller red block is on the bigger
//    red block. The blue bowl is in the bottom right area."
// The inventory sentences give the counts, the layout sentences one object
// each and where it is: on a block, in a bowl or zone, in an area, or
// outside the workspace. Names may repeat (two "red block"s); "on" relations
// are then resolved to distinct, acyclic supports in sentence order.
//
// Example:
//   SceneText scene = parse_scene_text(caption);     // std::invalid_argument on bad text
//   for (int b : scene.of_kind("block")) if (scene.area_of(b) == "top left area") ...
#pragma once

#include <string>
#include <vector>

namespace ember {

struct TextObject {
  std::string name;   // "smaller red block", "blue bowl"
  std::string size;   // "bigger", "smaller" or "" (blocks of unsized tasks, bowls, zones)
  std::string color;  // "red"
  std::string kind;   // "block", "bowl" or "zone"
  enum class Where { kOn, kIn, kArea, kOutside } where = Where::kArea;
  std::string place;  // kOn: a block's name; kIn: a bowl's or zone's name; kArea: "top left area" or "center"
  int below = -1;     // kOn: the supporting object (resolved), else -1
  int above = -1;     // the block resting on this one, or -1
};

struct SceneText {
  std::vector<TextObject> objects;  // in sentence order

  // Indices of the objects of one kind, in sentence order.
  std::vector<int> of_kind(const std::string& kind) const;
  // The first object with this name, or -1.
  int find(const std::string& name) const;
  // The bottom of the stack object i is in (i itself when it rests on no block).
  int bottom_of(int i) const;
  // The top of the stack object i is in.
  int top_of(int i) const;
  // Stack height above and including the bottom of i's stack.
  int stack_size(int i) const;
  // The bowl or zone the stack of i stands in ("red bowl"), or "".
  std::string container_of(int i) const;
  // The area of the stack of i: "top left area", ..., "center", "outside",
  // or, for a stack in a bowl or zone, that bowl's or zone's area.
  std::string area_of(int i) const;
  bool covered(int i) const { return objects[static_cast<size_t>(i)].above >= 0; }
};

// Throws std::invalid_argument quoting the sentence that does not parse, or
// saying which counts of the inventory the layout contradicts.
SceneText parse_scene_text(const std::string& caption);

}  // namespace ember
