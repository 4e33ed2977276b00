// File: envs/tabletop/tasks/caption.h
//
// The scene description given to a language planner as its first
// observation (reference §6 end), computed from the Scene itself:
//
//   "On the table, there are 5 blocks. Their colors are blue, red, red, green
//    and yellow. There are 3 bowls. Their colors are blue, red and pink."
//
// With sizes (tasks that mix block sizes) the blocks are listed by name:
//   "On the table, there are 2 blocks. They are the bigger red block and the
//    smaller red block."
// One object reads "there is 1 block. Its color is red." (or "It is the ...").
// Bowls and zones follow in that order, each sentence only when present.
// Objects are listed in palette order (then bigger before smaller), not in
// Scene order, so the caption does not leak which objects the goal uses.
//
// Ember choices (docs/envs/tabletop_tasks.md): the wording above, digits for
// counts, and captions are always true to the scene (the reference's F
// caption lists distractor bowls among the blocks; ember does not).
//
// Example:
//   std::string text = scene_caption(episode.scene, episode.sized_names);
#pragma once

#include <string>

#include "envs/tabletop/scene.h"

namespace ember::tabletop {

std::string scene_caption(const Scene& scene, bool sized_names);

// Where things are (an ember addition to the reference's description, for
// planners that get explicit feedback after each step), one sentence per
// object in the caption's order:
//   "The smaller red block is on the bigger red block. The blue block is in
//    the blue bowl. The green block is in the green zone. The yellow block is
//    in the top left area. The blue bowl is in the bottom right area."
// A block is "on" the block it rests on (xy within that block's top face,
// touching it), else "in" the bowl or zone its centre lies in, else in the
// workspace quadrant of its centre ("outside the workspace" off the table's
// reachable area). Bowls and zones are placed by quadrant.
std::string scene_layout(const Scene& scene, bool sized_names);

// The block that block `block_id` rests on (its centre within that block's
// top face, the faces within 1 cm), or -1: the layout's "on" relation.
int supporting_block(const Scene& scene, int block_id);

}  // namespace ember::tabletop
