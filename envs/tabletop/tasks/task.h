// File: envs/tabletop/tasks/task.h
//
// The tabletop tasks: each one generates an episode — the scene, the
// language instruction, the goal steps that score it, the step budget — from
// an explicit Rng. Every LoHoRavens task of reference/lohoravens.md §7 (the
// three pick-and-place primitives and B–K) plus two classic Ravens tasks
// (place-red-in-green, stack-block-pyramid). docs/envs/tabletop_tasks.md
// tabulates them and records every ember choice and reproduced quirk.
//
// Generation is deterministic: the same Rng state gives the same episode.
// Counts that the reference draws once per task object (H and K) are drawn
// per episode here, so a task's episodes cover its whole distribution.
//
// Example:
//   std::unique_ptr<Task> task = make_task("put-block-in-matching-bowl");
//   Rng rng(derive_seed(seed, "tabletop-episode"));
//   TaskEpisode episode = task->generate(rng, ColorSplit::kTrain);
//   RewardTracker tracker(episode.goals);    // goals.h
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "envs/tabletop/scene.h"
#include "envs/tabletop/tasks/goals.h"

namespace ember::tabletop {

struct TaskEpisode {
  Scene scene;
  std::string instruction;
  std::vector<GoalStep> goals;
  int max_steps = 0;
  // Whether object names carry "smaller"/"bigger" (the task mixes block
  // sizes): used by step instructions and the scene caption.
  bool sized_names = false;
};

// Switches for the reference's documented quirks (§7). The defaults
// reproduce the reference; `reference_quirks = false` gives the corrected
// variants (see the doc for what each one changes).
struct TaskOptions {
  bool reference_quirks = true;
};

class Task {
 public:
  virtual ~Task() = default;
  virtual std::string name() const = 0;
  // LoHoRavens seen group (primitives, B–E; trained on) or unseen (F–K).
  // The classic Ravens tasks count as seen.
  virtual bool is_seen() const = 0;
  // `split` picks the color set: kTrain for training episodes, kEval for
  // validation and test. The primitives always use all eleven colors and the
  // classic tasks their fixed colors, whatever the split.
  virtual TaskEpisode generate(Rng& rng, ColorSplit split) const = 0;
};

// Every registered task name, in a fixed order (primitives, B..K, classic).
const std::vector<std::string>& task_names();
// Throws std::invalid_argument naming the value and listing the known names.
std::unique_ptr<Task> make_task(const std::string& name, const TaskOptions& options = {});

}  // namespace ember::tabletop
