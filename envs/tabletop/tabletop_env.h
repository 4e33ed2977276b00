// File: envs/tabletop/tabletop_env.h
//
// Language-conditioned tabletop manipulation (env "tabletop",
// reference/lohoravens.md): one LoHoRavens or Ravens task per env instance,
// executed in Bullet (physics_world.h) and observed from above
// (top_down_renderer.h). User-facing description: docs/envs/tabletop.md.
//
// Observations: "rgb" u8 [R, C, 3] and "height" f32 [R, C] (m above the
// table) of the workspace, R x C = 320 x 160 divided by `downsample`;
// "instruction" Text [max_tokens] (tasks/vocabulary.h).
// Action: Box(6) f32 = pick x, y, yaw, place x, y, yaw (m, rad). Non-finite
// values are an error; poses outside the workspace are executed and counted in
// the episode metric `out_of_workspace`.
// Reward: the task's partial-credit increments (tasks/goals.h); an episode's
// return is its score in [0, 1]. The episode terminates when the task is done
// or after the task's own step limit (LoHoRavens ends evaluation episodes
// there, so it is final, not a truncation).
// Metrics: score, success (score > 0.99), steps, failed_grasps,
// out_of_workspace, unsettled (primitives whose settle budget ran out).
//
// Episodes: each reset draws a scene seed of the configured split (train:
// even seeds, val: odd seeds below 10000, test: odd seeds from 10001, as in
// Ravens) from the env's RNG and generates the scene from it alone, so
// `reset_to_state({seed: N})` replays any episode exactly. The train split
// uses the training colors, val and test the evaluation colors (primitive
// tasks: all eleven).
//
// Example:
//   TabletopConfig config;
//   config.task = "put-block-in-matching-bowl";
//   TabletopEnv env(config);
//   env.seed(1);
//   env.reset(slot);
//   PickPlace a = env.expert();              // the scripted oracle's next action
//   env.ground_instruction("pick up the red block and place it on the red bowl.", out);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/instruction_grounding.h"
#include "core/rng.h"
#include "envs/tabletop/physics_world.h"
#include "envs/tabletop/scene.h"
#include "envs/tabletop/top_down_maps.h"

namespace ember {
class Params;
}

namespace ember::tabletop {

class Task;
class RewardTracker;
struct TaskEpisode;

enum class EpisodeSplit { kTrain, kVal, kTest };
EpisodeSplit parse_episode_split(const std::string& name);  // throws std::invalid_argument
// The scene seed of the k-th episode of a split (Ravens' convention).
uint64_t split_seed(EpisodeSplit split, uint64_t k);

struct TabletopConfig {
  std::string task = "put-block-in-matching-bowl";
  EpisodeSplit split = EpisodeSplit::kTrain;
  int downsample = 1;   // 1: the reference's 320 x 160; 2: 160 x 80
  bool antialias = false;  // downsampled maps average the full-resolution pixels (else: point samples)
  int max_tokens = 48;  // instruction length in tokens (padded with 0)
  int max_episode_steps = 40;  // safety bound above every task's own limit
  bool reference_quirks = true;  // reproduce the reference's documented task quirks (docs/envs/tabletop_tasks.md)
  PhysicsConfig physics;

  static TabletopConfig from_params(const Params& params);
  void validate() const;  // throws std::invalid_argument
};

class TabletopEnv final : public Env, public InstructionGrounding {
 public:
  explicit TabletopEnv(const TabletopConfig& config);
  ~TabletopEnv() override;

  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t seed) override;
  void reset(const EnvSlot& out) override;
  void step(const ActionView& actions, const EnvSlot& out) override;
  // step() with the action given as a PickPlace (tests, tools, benchmarks).
  void step(const PickPlace& action, const EnvSlot& out);
  void episode_metrics(double* out) const override;
  // Three lines: the instruction, the scene caption (what objects there
  // are) and the layout (where each one is: on which block, in which bowl,
  // zone or area; tasks/caption.h).
  std::string describe() const override;
  // Start state: {seed: N} replays the episode with scene seed N.
  void reset_to_state(const YAML::Node& state, const EnvSlot& out) override;
  // Snapshots: the scene seed (which regenerates the episode), every object's
  // pose, the reward bookkeeping, counters and RNGs. Each step rebuilds the
  // Bullet world from the scene, so a step depends on the scene alone and a
  // loaded snapshot continues bit-identically.
  void save_snapshot(std::ostream& out) const override;
  void load_snapshot(std::istream& in) override;

  // The scripted oracle's next action and the step instruction it would
  // give ("pick up the smaller red block and place it on the bigger red block.").
  PickPlace expert();
  std::string expert_instruction() override;
  // Env's expert hook (the "oracle" agent): the oracle's PickPlace as Box(6).
  bool expert_action(const ActionBuffer& out) override;
  // The oracle actor (core/instruction_grounding.h, tasks/step_grounding.h):
  // the oracle's action for a step instruction in its own phrasing, read
  // against the scene's ground truth; idle = suction on bare table at the
  // workspace corner (what the expert does when nothing is left to move).
  // The oracle's own step of this state (after expert_instruction()) gets
  // exactly the oracle's action, so the oracle planner + oracle actor is the
  // scripted oracle.
  std::string ground_instruction(const std::string& instruction, const ActionBuffer& out) override;
  void idle_action(const ActionBuffer& out) override;

  // Read access for tests, pictures and tools.
  const Scene& scene() const { return scene_; }
  const std::string& instruction() const;
  uint64_t scene_seed() const { return scene_seed_; }
  double score() const;
  const TopDownMaps& observation_maps() const { return maps_; }
  // The full-resolution maps of the current scene (rendered on demand).
  const TopDownMaps& full_maps();

 private:
  static EnvSpec make_spec(const TabletopConfig& config);
  void start_episode(uint64_t scene_seed, const EnvSlot& out);
  void write_observation(const EnvSlot& out);
  void render_observation_maps();
  void plan_expert();

  TabletopConfig config_;
  EnvSpec spec_;
  std::unique_ptr<Task> task_;
  std::unique_ptr<TaskEpisode> episode_;
  std::unique_ptr<RewardTracker> tracker_;
  PhysicsWorld physics_;
  Rng rng_;         // draws scene seeds
  Rng oracle_rng_;  // the oracle's random pick pixel, reseeded per episode
  Scene scene_;
  uint64_t scene_seed_ = 0;
  TopDownMaps maps_, full_maps_;
  bool full_maps_fresh_ = false;
  bool expert_planned_ = false;
  PickPlace expert_action_;
  std::string expert_instruction_;
  std::vector<int32_t> instruction_tokens_;
  // episode counters
  int steps_ = 0, failed_grasps_ = 0, out_of_workspace_ = 0, unsettled_ = 0;
};

}  // namespace ember::tabletop
