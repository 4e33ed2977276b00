#include "envs/navigation/objectnav_env.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/binary_io.h"
#include "core/params.h"
#include "envs/navigation/any_angle.h"
#include "envs/navigation/nav_renderer.h"
#include "envs/navigation/objectnav_oracle.h"

namespace ember {

namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kMinPitch = -30.0 * kDeg;  // looking up
constexpr double kMaxPitch = 60.0 * kDeg;   // looking down
constexpr double kStartPitch = 30.0 * kDeg;
constexpr float kStepReward = -0.01f;
constexpr float kSuccessReward = 10.0f;

double wrap_angle(double a) {
  a = std::fmod(a, 2 * M_PI);
  return a < 0 ? a + 2 * M_PI : a;
}

}  // namespace

ObjectNavConfig ObjectNavConfig::from_params(const Params& p) {
  ObjectNavConfig c;
  if (p.has("split")) c.split = parse_house_split(p.get_string("split"));
  if (p.has("tier")) c.tier = static_cast<int>(p.get_int("tier"));
  if (p.has("houses")) c.houses = p.get_int("houses");
  if (p.has("width")) c.width = static_cast<int>(p.get_int("width"));
  if (p.has("height")) c.height = static_cast<int>(p.get_int("height"));
  if (p.has("render")) c.render = p.get_bool("render");
  if (p.has("depth")) c.depth = p.get_bool("depth");
  if (p.has("visible")) c.observe_visible = p.get_bool("visible");
  if (p.has("shaping")) c.shaping = p.get_bool("shaping");
  if (p.has("max_episode_steps")) c.max_episode_steps = static_cast<int>(p.get_int("max_episode_steps"));
  if (p.has("min_start_distance")) c.min_start_distance = p.get_float("min_start_distance");
  c.validate();
  return c;
}

void ObjectNavConfig::validate() const {
  if (tier < 0 || tier >= kNumTiers)
    throw std::invalid_argument("objectnav: tier " + std::to_string(tier) + " outside [0, " +
                                std::to_string(kNumTiers - 1) + "]");
  const SeedRange r = house_split_range(split);
  if (houses < 0 || static_cast<uint64_t>(houses) > r.count)
    throw std::invalid_argument("objectnav: houses " + std::to_string(houses) + " outside [0, " +
                                std::to_string(r.count) + "] for this split");
  if (width < 1 || height < 1 || width > 4096 || height > 4096)
    throw std::invalid_argument("objectnav: bad frame size " + std::to_string(width) + "x" +
                                std::to_string(height));
  if (max_episode_steps < 1) throw std::invalid_argument("objectnav: max_episode_steps must be >= 1");
  if (!(min_start_distance >= 0)) throw std::invalid_argument("objectnav: min_start_distance must be >= 0");
  if (depth && !render) throw std::invalid_argument("objectnav: depth needs render: true");
}

EnvSpec ObjectNavEnv::make_spec(const ObjectNavConfig& c) {
  EnvSpec s;
  s.id = "objectnav";
  s.num_agents = 1;
  s.observation = {{"rgb", Space::box_u8({c.height, c.width, 3})},
                   {"goal", Space::box({num_object_categories()}, 0.0f, 1.0f)}};
  // metres along the view axis; the far plane (zfar x the model's extent)
  // depends on the house, hence the loose bound
  if (c.depth) s.observation.push_back({"depth", Space::box({c.height, c.width}, 0.0f, 1000.0f)});
  if (c.observe_visible) s.observation.push_back({"visible", Space::box({num_object_categories()}, 0.0f, 1.0f)});
  s.action = Space::discrete(kNavNumActions);
  s.max_episode_steps = c.max_episode_steps;
  s.episode_metrics = {"success", "spl", "episode_length", "final_distance"};
  s.has_expert = true;
  s.supports_snapshot = true;
  return s;
}

ObjectNavEnv::ObjectNavEnv(const ObjectNavConfig& config) : config_(config), spec_(make_spec(config)) {
  config_.validate();
  if (config_.render) renderer_ = std::make_unique<NavRenderer>(config_.width, config_.height);
}

ObjectNavEnv::~ObjectNavEnv() = default;

void ObjectNavEnv::load_house(House house) {
  house_ = std::move(house);
  sim_.load(house_, MjcfOptions{config_.width, config_.height});
  if (renderer_) renderer_->attach(sim_.model());
  grid_ = build_occupancy(house_, kAgentRadius, kOccupancyResolution);
  label_components(grid_, &component_);
  present_.clear();
  for (const HouseObject& o : house_.objects) present_.push_back(o.category);
  std::sort(present_.begin(), present_.end());
  present_.erase(std::unique(present_.begin(), present_.end()), present_.end());
  house_loaded_ = true;
}

void ObjectNavEnv::reset(const EnvSlot& out) {
  const SeedRange range = house_split_range(config_.split);
  const uint64_t n = config_.houses > 0 ? static_cast<uint64_t>(config_.houses) : range.count;
  const uint64_t seed = range.first + static_cast<uint64_t>(rng_.uniform_int(static_cast<int64_t>(n)));
  if (!house_loaded_ || house_.seed != seed || house_.tier != config_.tier)
    load_house(generate_house(config_.tier, seed));
  const int target = present_[rng_.uniform_int(static_cast<int64_t>(present_.size()))];
  set_goal_region(target);
  // A free start from which the goal region is reachable (same component),
  // not already reached (not a goal cell) and at least min_start_distance
  // away along the shortest path. In a house where no reachable cell is that
  // far (rare in tier 0), the farthest of the candidates drawn is used.
  const int cells = grid_.nx * grid_.ny;
  constexpr int kMaxFarCandidates = 64;
  int start = -1, candidates = 0;
  double start_distance = -1.0;
  for (int attempt = 0; attempt < 100000 && candidates < kMaxFarCandidates; ++attempt) {
    const int k = static_cast<int>(rng_.uniform_int(cells));
    if (!grid_.free[k] || !goal_component_[component_[k]] || goal_cell_[k]) continue;
    ++candidates;
    const double d = config_.min_start_distance > 0
                         ? any_angle_distance(grid_, goal_cells_, k, AnyAngleNorm::kEuclidean)
                         : 0.0;
    if (d > start_distance) {
      start = k;
      start_distance = d;
    }
    if (d >= config_.min_start_distance) break;
  }
  if (start < 0) throw std::runtime_error("objectnav: no start cell in house " + std::to_string(seed));
  AgentPose pose;
  pose.x = grid_.cell_x(start % grid_.nx);
  pose.y = grid_.cell_y(start / grid_.nx);
  pose.yaw = static_cast<double>(rng_.uniform_int(12)) * 30.0 * kDeg;
  pose.pitch = kStartPitch;
  start_episode(target, pose, out);
}

void ObjectNavEnv::reset_in_house(const House& house, int target, const AgentPose& start, const EnvSlot& out) {
  if (target < 0 || target >= num_object_categories())
    throw std::invalid_argument("objectnav: target category " + std::to_string(target) + " out of range");
  load_house(house);
  set_goal_region(target);
  start_episode(target, start, out);
}

void ObjectNavEnv::start_episode(int target, const AgentPose& start, const EnvSlot& out) {
  target_ = target;
  ++episode_serial_;
  sim_.set_pose(start);
  steps_ = 0;
  ended_ = false;
  success_ = false;
  path_length_ = 0;
  d_opt_ = any_angle_distance(grid_, goal_cells_, pose_cell(), AnyAngleNorm::kEuclidean);
  d_closest_ = nearest_target_centre();
  write_observation(out);
  out.reward[0] = 0.0f;
  *out.terminated = 0;
}

double ObjectNavEnv::nearest_target_centre() const {
  const AgentPose& p = sim_.pose();
  double best = std::numeric_limits<double>::infinity();
  for (const HouseObject& o : house_.objects)
    if (o.category == target_) best = std::min(best, std::hypot(o.x - p.x, o.y - p.y));
  return best;
}

double ObjectNavEnv::distance_to_target() const {
  const AgentPose& p = sim_.pose();
  double best = std::numeric_limits<double>::infinity();
  for (const HouseObject& o : house_.objects)
    if (o.category == target_) best = std::min(best, distance_to_footprint(o, p.x, p.y));
  return best;
}

void ObjectNavEnv::set_goal_region(int target) {
  goal_cells_ = goal_region_cells(house_, grid_, target, config_.success_distance);
  goal_cell_.assign(grid_.free.size(), 0);
  goal_component_.assign(grid_.free.size(), 0);  // component ids are < the cell count
  for (const int k : goal_cells_) {
    goal_cell_[k] = 1;
    goal_component_[component_[k]] = 1;
  }
  goal_field_ready_ = false;
}

int ObjectNavEnv::pose_cell() const {
  int i, j;
  grid_.cell_of(sim_.pose().x, sim_.pose().y, &i, &j);
  return grid_.in_bounds(i, j) ? grid_.index(i, j) : -1;
}

const std::vector<double>& ObjectNavEnv::goal_field() {
  if (!goal_field_ready_) {
    geodesic_to_category(house_, grid_, target_, config_.success_distance, &goal_distance_);
    goal_field_ready_ = true;
  }
  return goal_distance_;
}

double ObjectNavEnv::grid_geodesic_to_goal() {
  const int k = pose_cell();
  return k < 0 ? std::numeric_limits<double>::infinity() : goal_field()[k];
}

bool ObjectNavEnv::success_now() const {
  const AgentPose& p = sim_.pose();
  const double aspect = static_cast<double>(config_.width) / config_.height;
  for (size_t i = 0; i < house_.objects.size(); ++i) {
    const HouseObject& o = house_.objects[i];
    if (o.category != target_) continue;
    if (distance_to_footprint(o, p.x, p.y) > config_.success_distance) continue;
    if (sim_.object_visible(static_cast<int>(i), aspect)) return true;
  }
  return false;
}

void ObjectNavEnv::step(const ActionView& actions, const EnvSlot& out) {
  const int32_t a = actions.discrete[0];
  if (a < 0 || a >= kNavNumActions)
    throw std::invalid_argument("objectnav: agent 0 action " + std::to_string(a) + " outside [0, 5]");
  AgentPose pose = sim_.pose();
  float reward = kStepReward;
  switch (a) {
    case kNavMoveAhead: path_length_ += sim_.move_ahead(config_.move_distance); break;
    case kNavRotateLeft:
      pose.yaw = wrap_angle(pose.yaw + config_.rotate_degrees * kDeg);
      sim_.set_pose(pose);
      break;
    case kNavRotateRight:
      pose.yaw = wrap_angle(pose.yaw - config_.rotate_degrees * kDeg);
      sim_.set_pose(pose);
      break;
    case kNavLookUp:
      pose.pitch = std::max(kMinPitch, pose.pitch - config_.look_degrees * kDeg);
      sim_.set_pose(pose);
      break;
    case kNavLookDown:
      pose.pitch = std::min(kMaxPitch, pose.pitch + config_.look_degrees * kDeg);
      sim_.set_pose(pose);
      break;
    case kNavEnd:
      ended_ = true;
      success_ = success_now();
      if (success_) reward += kSuccessReward;
      break;
  }
  ++steps_;
  if (config_.shaping) {
    const double d = nearest_target_centre();
    reward += static_cast<float>(std::max(d_closest_ - d, 0.0));
    d_closest_ = std::min(d_closest_, d);
  }
  write_observation(out);
  out.reward[0] = reward;
  *out.terminated = ended_ ? 1 : 0;
}

int32_t ObjectNavEnv::expert_action() {
  if (!oracle_) oracle_ = std::make_unique<ObjectNavOracle>(*this);
  return oracle_->next_action();
}

void ObjectNavEnv::write_observation(const EnvSlot& out) {
  uint8_t* rgb = out.field<uint8_t>(0);
  float* depth = config_.depth ? out.field<float>(2) : nullptr;
  if (renderer_)
    renderer_->render(sim_.model(), sim_.data(), sim_.camera_id(), rgb, depth);
  else
    std::memset(rgb, 0, static_cast<size_t>(config_.width) * config_.height * 3);
  float* goal = out.field<float>(1);
  for (int c = 0; c < num_object_categories(); ++c) goal[c] = c == target_ ? 1.0f : 0.0f;
  if (config_.observe_visible) {
    float* visible = out.field<float>(config_.depth ? 3 : 2);
    std::fill(visible, visible + num_object_categories(), 0.0f);
    const double aspect = static_cast<double>(config_.width) / config_.height;
    for (size_t i = 0; i < house_.objects.size(); ++i)
      if (sim_.object_visible(static_cast<int>(i), aspect)) visible[house_.objects[i].category] = 1.0f;
  }
}

void ObjectNavEnv::episode_metrics(double* out) const {
  const double s = success_ ? 1.0 : 0.0;
  out[0] = s;
  out[1] = s * (d_opt_ > 0 ? d_opt_ / std::max(path_length_, d_opt_) : 1.0);
  out[2] = steps_;
  out[3] = distance_to_target();
}

std::string ObjectNavEnv::describe() const {
  return std::string("find a ") + object_categories()[target_].name + " (house tier " +
         std::to_string(house_.tier) + " seed " + std::to_string(house_.seed) + ")";
}

namespace {
constexpr const char* kSnapshotHeader = "ember-objectnav-snapshot/1";
}  // namespace

void ObjectNavEnv::save_snapshot(std::ostream& out) const {
  write_string(out, kSnapshotHeader);
  write_rng(out, rng_);
  write_pod(out, static_cast<uint8_t>(house_loaded_));
  write_pod(out, static_cast<int32_t>(house_.tier));
  write_pod(out, house_.seed);
  const AgentPose& pose = sim_.pose();
  for (const double v : {pose.x, pose.y, pose.yaw, pose.pitch, d_opt_, path_length_, d_closest_}) write_pod(out, v);
  write_pod(out, static_cast<int32_t>(target_));
  write_pod(out, static_cast<int32_t>(steps_));
  write_pod(out, static_cast<uint8_t>(ended_));
  write_pod(out, static_cast<uint8_t>(success_));
  write_pod(out, episode_serial_);
}

void ObjectNavEnv::load_snapshot(std::istream& in) {
  if (read_string(in) != kSnapshotHeader) throw std::runtime_error("not an objectnav snapshot");
  read_rng(in, rng_);
  const bool loaded = read_pod<uint8_t>(in) != 0;
  const int tier = read_pod<int32_t>(in);
  const auto seed = read_pod<uint64_t>(in);
  AgentPose pose;
  double* values[] = {&pose.x, &pose.y, &pose.yaw, &pose.pitch, &d_opt_, &path_length_, &d_closest_};
  for (double* v : values) *v = read_pod<double>(in);
  target_ = read_pod<int32_t>(in);
  steps_ = read_pod<int32_t>(in);
  ended_ = read_pod<uint8_t>(in) != 0;
  success_ = read_pod<uint8_t>(in) != 0;
  episode_serial_ = read_pod<uint64_t>(in);
  if (!loaded) return;  // taken before the first reset
  if (tier != config_.tier)
    throw std::runtime_error("objectnav snapshot of a tier-" + std::to_string(tier) + " env, this env is tier " +
                             std::to_string(config_.tier));
  if (!house_loaded_ || house_.seed != seed || house_.tier != tier) load_house(generate_house(tier, seed));
  set_goal_region(target_);
  sim_.set_pose(pose);
  oracle_.reset();
}

}  // namespace ember
