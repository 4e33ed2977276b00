#include "envs/tabletop/tabletop_env.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "core/binary_io.h"
#include "core/params.h"
#include "envs/tabletop/tasks/caption.h"
#include "envs/tabletop/tasks/goals.h"
#include "envs/tabletop/tasks/oracle.h"
#include "envs/tabletop/tasks/step_grounding.h"
#include "envs/tabletop/tasks/task.h"
#include "envs/tabletop/tasks/vocabulary.h"
#include "envs/tabletop/top_down_renderer.h"

namespace ember::tabletop {

namespace {
enum Field { kRgb = 0, kHeight = 1, kInstruction = 2 };
// Suction on bare table at the workspace's corner: changes nothing.
PickPlace idle_pick_place() { return {kMinX, kMinY, 0.0, kMinX, kMinY, 0.0}; }
constexpr uint64_t kValSeeds = 5000;  // val seeds 1, 3, ..., 9999; test from 10001
}  // namespace

EpisodeSplit parse_episode_split(const std::string& name) {
  if (name == "train") return EpisodeSplit::kTrain;
  if (name == "val") return EpisodeSplit::kVal;
  if (name == "test") return EpisodeSplit::kTest;
  throw std::invalid_argument("tabletop: unknown split '" + name + "' (expected train, val or test)");
}

uint64_t split_seed(EpisodeSplit split, uint64_t k) {
  switch (split) {
    case EpisodeSplit::kTrain: return 2 * k;
    case EpisodeSplit::kVal: return 2 * (k % kValSeeds) + 1;
    case EpisodeSplit::kTest: return 10001 + 2 * k;
  }
  return 0;
}

TabletopConfig TabletopConfig::from_params(const Params& p) {
  TabletopConfig c;
  if (p.has("task")) c.task = p.get_string("task");
  if (p.has("split")) c.split = parse_episode_split(p.get_string("split"));
  if (p.has("downsample")) c.downsample = static_cast<int>(p.get_int("downsample"));
  if (p.has("antialias")) c.antialias = p.get_bool("antialias");
  if (p.has("max_tokens")) c.max_tokens = static_cast<int>(p.get_int("max_tokens"));
  if (p.has("max_episode_steps")) c.max_episode_steps = static_cast<int>(p.get_int("max_episode_steps"));
  if (p.has("reference_quirks")) c.reference_quirks = p.get_bool("reference_quirks");
  if (p.has("physics_hz")) c.physics.hz = static_cast<int>(p.get_int("physics_hz"));
  if (p.has("max_settle_steps")) c.physics.max_settle_steps = static_cast<int>(p.get_int("max_settle_steps"));
  if (p.has("settle_speed")) c.physics.settle_speed = p.get_float("settle_speed");
  c.validate();
  return c;
}

void TabletopConfig::validate() const {
  make_task(task);  // throws for an unknown name, listing the known ones
  if (downsample < 1 || kFullCols % downsample != 0 || kFullRows % downsample != 0)
    throw std::invalid_argument("tabletop: downsample " + std::to_string(downsample) +
                                " must divide 160 (1, 2, 4, 5, 8, 10, ...)");
  if (max_tokens < 8) throw std::invalid_argument("tabletop: max_tokens must be >= 8");
  if (max_episode_steps < 1) throw std::invalid_argument("tabletop: max_episode_steps must be >= 1");
  physics.validate();
}

EnvSpec TabletopEnv::make_spec(const TabletopConfig& c) {
  const PixelGrid grid = PixelGrid::downsampled(c.downsample);
  EnvSpec s;
  s.id = "tabletop";
  s.num_agents = 1;
  s.observation = {{"rgb", Space::box_u8({grid.rows, grid.cols, 3})},
                   // towers can rise above the 0.3 m workspace ceiling; the renderer sees up to 1 m
                   {"height", Space::box({grid.rows, grid.cols}, 0.0f, 1.0f)},
                   {"instruction", Space::text(c.max_tokens, vocabulary_size())}};
  const float pi = static_cast<float>(M_PI);
  s.action = Space::box({6}, {float(kMinX), float(kMinY), -pi, float(kMinX), float(kMinY), -pi},
                        {float(kMaxX), float(kMaxY), pi, float(kMaxX), float(kMaxY), pi});
  s.max_episode_steps = c.max_episode_steps;
  s.team_reward = TeamReward::kShared;
  s.episode_metrics = {"score", "success", "steps", "failed_grasps", "out_of_workspace", "unsettled"};
  s.supports_start_state = true;
  s.supports_snapshot = true;
  s.has_expert = true;
  return s;
}

TabletopEnv::TabletopEnv(const TabletopConfig& config)
    : config_(config),
      spec_((config.validate(), make_spec(config))),
      task_(make_task(config.task, TaskOptions{config.reference_quirks})),
      tracker_(std::make_unique<RewardTracker>()),
      physics_(config.physics) {
  maps_.resize(PixelGrid::downsampled(config.downsample));
  full_maps_.resize(PixelGrid::full());
  instruction_tokens_.assign(static_cast<size_t>(config.max_tokens), 0);
}

TabletopEnv::~TabletopEnv() = default;

void TabletopEnv::seed(uint64_t seed) { rng_.seed(seed); }

void TabletopEnv::reset(const EnvSlot& out) {
  // Draw the episode index, then the scene from its seed alone.
  const uint64_t k = rng_.next_u64() >> 24;  // 2^40 episodes per split
  start_episode(split_seed(config_.split, k), out);
}

void TabletopEnv::reset_to_state(const YAML::Node& state, const EnvSlot& out) {
  if (!state.IsMap() || !state["seed"] || state.size() != 1)
    throw std::invalid_argument("tabletop start state: expected {seed: N} (the scene seed of the episode)");
  uint64_t seed = 0;
  try {
    seed = state["seed"].as<uint64_t>();
  } catch (const YAML::Exception&) {
    throw std::invalid_argument("tabletop start state: seed '" + YAML::Dump(state["seed"]) +
                                "' is not a non-negative integer");
  }
  start_episode(seed, out);
}

void TabletopEnv::start_episode(uint64_t scene_seed, const EnvSlot& out) {
  scene_seed_ = scene_seed;
  Rng scene_rng(scene_seed);
  const ColorSplit colors = config_.split == EpisodeSplit::kTrain ? ColorSplit::kTrain : ColorSplit::kEval;
  episode_ = std::make_unique<TaskEpisode>(task_->generate(scene_rng, colors));
  oracle_rng_.seed(derive_seed(scene_seed, "oracle"));
  scene_ = episode_->scene;
  physics_.build(scene_);
  physics_.settle();  // objects are placed resting; this absorbs contact slop
  physics_.read_poses(scene_);
  tracker_->reset(episode_->goals);
  steps_ = failed_grasps_ = out_of_workspace_ = unsettled_ = 0;
  std::fill(instruction_tokens_.begin(), instruction_tokens_.end(), 0);
  tokenize(episode_->instruction, instruction_tokens_.data(), config_.max_tokens);
  write_observation(out);
  out.reward[0] = 0.0f;
  *out.terminated = 0;
}

void TabletopEnv::step(const ActionView& actions, const EnvSlot& out) {
  const float* a = actions.continuous;
  for (int i = 0; i < 6; ++i)
    if (!std::isfinite(a[i]))
      throw std::invalid_argument("tabletop: action component " + std::to_string(i) + " is " +
                                  std::to_string(a[i]) + " (pick x, y, yaw, place x, y, yaw must be finite)");
  const PickPlace action{a[0], a[1], a[2], a[3], a[4], a[5]};
  if (!in_workspace(action.pick_x, action.pick_y) || !in_workspace(action.place_x, action.place_y))
    ++out_of_workspace_;
  // A fresh world from the scene (everything at rest, as the last step left
  // it): the step is a function of the scene alone, so snapshots are exact.
  physics_.build(scene_);
  const PrimitiveResult result = physics_.pick_and_place(action);
  failed_grasps_ += !result.grasped;
  unsettled_ += !result.settled;
  physics_.read_poses(scene_);
  ++steps_;
  out.reward[0] = static_cast<float>(tracker_->step(scene_));
  *out.terminated = tracker_->done() || steps_ >= episode_->max_steps;
  write_observation(out);
}

void TabletopEnv::step(const PickPlace& a, const EnvSlot& out) {
  const float values[6] = {static_cast<float>(a.pick_x),  static_cast<float>(a.pick_y),
                           static_cast<float>(a.pick_yaw), static_cast<float>(a.place_x),
                           static_cast<float>(a.place_y), static_cast<float>(a.place_yaw)};
  ActionView view;
  view.continuous = values;
  step(view, out);
}

void TabletopEnv::write_observation(const EnvSlot& out) {
  expert_planned_ = false;
  render_observation_maps();
  std::memcpy(out.field<uint8_t>(kRgb), maps_.rgb.data(), maps_.rgb.size());
  std::memcpy(out.field<float>(kHeight), maps_.height.data(), maps_.height.size() * sizeof(float));
  std::memcpy(out.field<int32_t>(kInstruction), instruction_tokens_.data(), instruction_tokens_.size() * sizeof(int32_t));
}

const TopDownMaps& TabletopEnv::full_maps() {
  if (config_.downsample == 1) return maps_;
  if (!full_maps_fresh_) render_top_down(scene_, full_maps_);
  full_maps_fresh_ = true;
  return full_maps_;
}

void TabletopEnv::plan_expert() {
  if (expert_planned_) return;
  const std::optional<OracleStep> next =
      oracle_step(scene_, *tracker_, full_maps(), episode_->sized_names, oracle_rng_);
  if (next) {
    expert_action_ = next->action;
    expert_instruction_ = next->instruction;
  } else {
    // Nothing left the oracle can do: suction at the workspace's corner, on
    // bare table, changes nothing.
    expert_action_ = idle_pick_place();
    expert_instruction_.clear();
  }
  expert_planned_ = true;
}

PickPlace TabletopEnv::expert() {
  plan_expert();
  return expert_action_;
}

bool TabletopEnv::expert_action(const ActionBuffer& out) {
  const PickPlace a = expert();
  const double values[6] = {a.pick_x, a.pick_y, a.pick_yaw, a.place_x, a.place_y, a.place_yaw};
  for (int i = 0; i < 6; ++i) out.continuous[i] = static_cast<float>(values[i]);
  return true;
}

namespace {
// Equal up to case, spacing and the final period.
bool same_step_text(const std::string& a, const std::string& b) {
  const auto words = [](const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    while (!out.empty() && out.back() == '.') out.pop_back();
    return out;
  };
  return words(a) == words(b);
}

void write_pick_place(const PickPlace& a, const ActionBuffer& out) {
  const double values[6] = {a.pick_x, a.pick_y, a.pick_yaw, a.place_x, a.place_y, a.place_yaw};
  for (int i = 0; i < 6; ++i) out.continuous[i] = static_cast<float>(values[i]);
}
}  // namespace

std::string TabletopEnv::ground_instruction(const std::string& instruction, const ActionBuffer& out) {
  if (!episode_) return "no episode yet";
  // The oracle's own step, already planned this step: its action, so that
  // the oracle planner + oracle actor is exactly the scripted oracle (no
  // second draw of the random pick pixel).
  if (expert_planned_ && !expert_instruction_.empty() && same_step_text(instruction, expert_instruction_)) {
    write_pick_place(expert_action_, out);
    return {};
  }
  const Grounding g = ground_step_instruction(instruction, scene_, tracker_->remaining_goals(), full_maps(), oracle_rng_);
  if (!g.step) return g.error;
  write_pick_place(g.step->action, out);
  return {};
}

void TabletopEnv::idle_action(const ActionBuffer& out) { write_pick_place(idle_pick_place(), out); }

std::string TabletopEnv::expert_instruction() {
  plan_expert();
  return expert_instruction_;
}

void TabletopEnv::episode_metrics(double* out) const {
  const double score = tracker_->total();
  out[0] = score;
  out[1] = score > 0.99 ? 1.0 : 0.0;
  out[2] = steps_;
  out[3] = failed_grasps_;
  out[4] = out_of_workspace_;
  out[5] = unsettled_;
}

double TabletopEnv::score() const { return tracker_->total(); }

const std::string& TabletopEnv::instruction() const { return episode_->instruction; }

std::string TabletopEnv::describe() const {
  if (!episode_) return "tabletop task " + config_.task + " (no episode yet)";
  return episode_->instruction + "\n" + scene_caption(scene_, episode_->sized_names) + "\n" +
         scene_layout(scene_, episode_->sized_names);
}

namespace {
constexpr const char* kSnapshotHeader = "ember-tabletop-snapshot/1";
}  // namespace

void TabletopEnv::save_snapshot(std::ostream& out) const {
  write_string(out, kSnapshotHeader);
  write_rng(out, rng_);
  write_rng(out, oracle_rng_);
  write_pod(out, static_cast<uint8_t>(episode_ != nullptr));
  write_pod(out, scene_seed_);
  write_pod(out, static_cast<int32_t>(scene_.size()));
  for (const SceneObject& o : scene_.objects)
    for (const double v : {o.pose.x, o.pose.y, o.pose.z, o.pose.qx, o.pose.qy, o.pose.qz, o.pose.qw}) write_pod(out, v);
  write_pod(out, static_cast<int32_t>(tracker_->popped()));
  write_pod(out, tracker_->progress());
  write_pod(out, tracker_->total());
  for (const int counter : {steps_, failed_grasps_, out_of_workspace_, unsettled_})
    write_pod(out, static_cast<int32_t>(counter));
}

void TabletopEnv::load_snapshot(std::istream& in) {
  if (read_string(in) != kSnapshotHeader) throw std::runtime_error("not a tabletop snapshot");
  read_rng(in, rng_);
  read_rng(in, oracle_rng_);
  const bool started = read_pod<uint8_t>(in) != 0;
  const auto seed = read_pod<uint64_t>(in);
  const auto objects = read_pod<int32_t>(in);
  std::vector<Pose> poses(static_cast<size_t>(std::max(objects, 0)));
  for (Pose& p : poses)
    for (double* v : {&p.x, &p.y, &p.z, &p.qx, &p.qy, &p.qz, &p.qw}) *v = read_pod<double>(in);
  const auto popped = read_pod<int32_t>(in);
  const auto progress = read_pod<double>(in);
  const auto total = read_pod<double>(in);
  int32_t counters[4];
  for (int32_t& c : counters) c = read_pod<int32_t>(in);
  if (!started) return;  // taken before the first reset
  // the episode (scene layout, instruction, goals) regenerates from its seed
  scene_seed_ = seed;
  Rng scene_rng(seed);
  const ColorSplit colors = config_.split == EpisodeSplit::kTrain ? ColorSplit::kTrain : ColorSplit::kEval;
  episode_ = std::make_unique<TaskEpisode>(task_->generate(scene_rng, colors));
  if (static_cast<int>(episode_->scene.size()) != objects)
    throw std::runtime_error("tabletop snapshot of a scene with " + std::to_string(objects) +
                             " objects, but its seed gives " + std::to_string(episode_->scene.size()) +
                             " (another task or version?)");
  scene_ = episode_->scene;
  for (size_t i = 0; i < poses.size(); ++i) scene_.objects[i].pose = poses[i];
  tracker_->reset(episode_->goals);
  tracker_->restore(popped, progress, total);
  steps_ = counters[0];
  failed_grasps_ = counters[1];
  out_of_workspace_ = counters[2];
  unsettled_ = counters[3];
  std::fill(instruction_tokens_.begin(), instruction_tokens_.end(), 0);
  tokenize(episode_->instruction, instruction_tokens_.data(), config_.max_tokens);
  expert_planned_ = false;
  render_observation_maps();
}

void TabletopEnv::render_observation_maps() {
  full_maps_fresh_ = false;
  if (config_.antialias && config_.downsample > 1) {
    render_top_down(scene_, full_maps_);
    full_maps_fresh_ = true;
    average_down(full_maps_, maps_);
  } else {
    render_top_down(scene_, maps_);
  }
}

}  // namespace ember::tabletop
