#include "envs/navigation/objectnav_oracle.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "envs/navigation/objectnav_env.h"

namespace ember {

namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kClearanceMargin = 0.002;  // beyond the agent radius
constexpr double kReachMargin = 0.005;      // inside the success distance
constexpr double kRotateCost = 0.001;       // tie-break: fewer rotations
constexpr int64_t kMaxExpansions = 400000;
constexpr double kPoseTolerance = 1e-4;

double wrap_angle(double a) {
  a = std::fmod(a, 2 * M_PI);
  return a < 0 ? a + 2 * M_PI : a;
}

int yaw_index(double yaw, double step) {
  const int n = static_cast<int>(std::lround(2 * M_PI / step));
  return static_cast<int>(((std::lround(wrap_angle(yaw) / step) % n) + n) % n);
}

// Search states are merged on a 5 cm lattice (finer lattices found no better
// paths in tiers 0-1 and exhausted the expansion budget in some tier-2 houses).
int64_t position_key(double x, double y) {
  constexpr double kCellsPerMetre = 20.0;
  return std::lround(x * kCellsPerMetre) * 16384 + std::lround(y * kCellsPerMetre);
}

int64_t pose_key(const AgentPose& p, double step) { return position_key(p.x, p.y) * 64 + yaw_index(p.yaw, step); }

}  // namespace

double ObjectNavOracle::clearance(double x, double y) const {
  double best = kInf;
  for (size_t k = 0; k < rects_.size(); k += 4) {
    const double dx = std::max({rects_[k] - x, x - rects_[k + 2], 0.0});
    const double dy = std::max({rects_[k + 1] - y, y - rects_[k + 3], 0.0});
    best = std::min(best, dx * dx + dy * dy);
  }
  return std::sqrt(best);
}

double ObjectNavOracle::predict_move(const AgentPose& p, AgentPose* out) const {
  *out = p;
  const auto it = observed_moves_.find(pose_key(p, env_.config().rotate_degrees * kDeg));
  const double distance = env_.config().move_distance;
  const int n = std::max(1, static_cast<int>(std::ceil(distance / 0.05 - 1e-9)));
  const double step = distance / n;
  const double cx = std::cos(p.yaw), sy = std::sin(p.yaw);
  int done = 0;
  if (it != observed_moves_.end()) {
    done = static_cast<int>(std::lround(it->second / step));
  } else {
    double previous = clearance(p.x, p.y);
    for (int k = 1; k <= n; ++k) {
      const double c = clearance(p.x + cx * step * k, p.y + sy * step * k);
      // blocked when too close, unless already too close and moving away
      if (c < kAgentRadius + kClearanceMargin && c <= previous) break;
      previous = c;
      done = k;
    }
  }
  out->x = p.x + cx * step * done;
  out->y = p.y + sy * step * done;
  return step * done;
}

void ObjectNavOracle::prepare_episode() {
  episode_ = env_.episode_serial();
  plan_.clear();
  observed_moves_.clear();
  view_cache_.clear();
  view_pitch_.clear();
  rects_.clear();
  const House& h = env_.house();
  for (const Wall& w : h.walls)
    rects_.insert(rects_.end(), {w.cx - w.hx, w.cy - w.hy, w.cx + w.hx, w.cy + w.hy});
  for (const HouseObject& o : h.objects)
    rects_.insert(rects_.end(), {o.x - o.hx, o.y - o.hy, o.x + o.hx, o.y + o.hy});
}

bool ObjectNavOracle::find_view(double x, double y, int yaw_now, double pitch_now, int* view_yaw,
                                double* view_pitch) {
  const int64_t key = std::lround(x * 1000.0) * 65536 + std::lround(y * 1000.0);  // 1 mm: exact positions
  const auto cached = view_cache_.find(key);
  if (cached != view_cache_.end()) {
    *view_yaw = cached->second;
    *view_pitch = view_pitch_[key];
    return cached->second >= 0;
  }
  const ObjectNavConfig& c = env_.config();
  const double yaw_step = c.rotate_degrees * kDeg;
  const int n_yaw = static_cast<int>(std::lround(360.0 / c.rotate_degrees));
  const double aspect = static_cast<double>(c.width) / c.height;
  // pitches reachable from the current one, nearest first
  std::vector<double> pitches;
  for (double p = pitch_now; p >= -30.0 * kDeg - 1e-9; p -= c.look_degrees * kDeg) pitches.push_back(p);
  for (double p = pitch_now + c.look_degrees * kDeg; p <= 60.0 * kDeg + 1e-9; p += c.look_degrees * kDeg)
    pitches.push_back(p);
  std::sort(pitches.begin(), pitches.end(),
            [&](double a, double b) { return std::fabs(a - pitch_now) < std::fabs(b - pitch_now); });
  const House& h = env_.house();
  int best_yaw = -1;
  double best_pitch = 0, best_cost = kInf;
  for (size_t i = 0; i < h.objects.size(); ++i) {
    const HouseObject& o = h.objects[i];
    if (o.category != env_.target()) continue;
    if (distance_to_footprint(o, x, y) > c.success_distance - kReachMargin) continue;
    const double bearing = wrap_angle(std::atan2(o.y - y, o.x - x));
    std::vector<int> yaws(n_yaw);
    for (int k = 0; k < n_yaw; ++k) yaws[k] = k;
    auto off = [&](int k) {
      const double d = std::fabs(wrap_angle(k * yaw_step - bearing));
      return std::min(d, 2 * M_PI - d);
    };
    std::sort(yaws.begin(), yaws.end(), [&](int a, int b) { return off(a) < off(b); });
    for (int r = 0; r < 3; ++r) {
      const int k = yaws[r];
      int turns = std::abs(k - yaw_now) % n_yaw;
      turns = std::min(turns, n_yaw - turns);
      for (double p : pitches) {
        const double cost = turns + std::lround(std::fabs(p - pitch_now) / (c.look_degrees * kDeg));
        if (cost >= best_cost) continue;
        env_.sim().set_pose(AgentPose{x, y, k * yaw_step, p});
        if (env_.sim().object_visible(static_cast<int>(i), aspect)) {
          best_cost = cost;
          best_yaw = k;
          best_pitch = p;
        }
      }
    }
  }
  view_cache_[key] = best_yaw;
  view_pitch_[key] = best_pitch;
  *view_yaw = best_yaw;
  *view_pitch = best_pitch;
  return best_yaw >= 0;
}

bool ObjectNavOracle::plan() {
  const ObjectNavConfig& c = env_.config();
  const double yaw_step = c.rotate_degrees * kDeg;
  const int n_yaw = static_cast<int>(std::lround(360.0 / c.rotate_degrees));
  const OccupancyGrid& grid = env_.grid();
  const std::vector<double>& field = env_.goal_field();
  const AgentPose start = env_.sim().pose();
  plan_.clear();

  auto heuristic = [&](double x, double y) {
    int i, j;
    grid.cell_of(x, y, &i, &j);
    double best = kInf;
    for (int dj = -1; dj <= 1; ++dj)
      for (int di = -1; di <= 1; ++di)
        if (grid.in_bounds(i + di, j + dj)) {
          const double f = field[grid.index(i + di, j + dj)];
          best = std::min(best, (di || dj) ? f - grid.resolution * std::hypot(di, dj) : f);
        }
    return std::isfinite(best) ? std::max(best, 0.0) : 0.0;  // off the grid's free cells: no estimate
  };

  struct Node {
    AgentPose pose;
    double g;
    int parent;
    int32_t action;
  };
  std::vector<Node> nodes;
  std::unordered_map<int64_t, double> best_g;
  using Entry = std::pair<double, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> open;
  nodes.push_back({start, 0.0, -1, -1});
  best_g[pose_key(start, yaw_step)] = 0.0;
  open.push({heuristic(start.x, start.y), 0});
  int goal = -1, goal_yaw = -1;
  double goal_pitch = 0;
  int64_t expansions = 0;
  while (!open.empty() && expansions < kMaxExpansions) {
    const auto [f, id] = open.top();
    open.pop();
    const Node node = nodes[id];
    const int64_t key = pose_key(node.pose, yaw_step);
    if (node.g > best_g[key] + 1e-12) continue;
    ++expansions;
    int vy;
    double vp;
    if (find_view(node.pose.x, node.pose.y, yaw_index(node.pose.yaw, yaw_step), start.pitch, &vy, &vp)) {
      goal = id;
      goal_yaw = vy;
      goal_pitch = vp;
      break;
    }
    auto push = [&](const AgentPose& p, double cost, int32_t action) {
      const double g = node.g + cost;
      const double h = heuristic(p.x, p.y);
      const int64_t k = pose_key(p, yaw_step);
      const auto it = best_g.find(k);
      if (it != best_g.end() && it->second <= g + 1e-12) return;
      best_g[k] = g;
      nodes.push_back({p, g, id, action});
      open.push({g + h, static_cast<int>(nodes.size()) - 1});
    };
    AgentPose moved;
    const double d = predict_move(node.pose, &moved);
    if (d > 1e-9) push(moved, d, kNavMoveAhead);
    AgentPose left = node.pose, right = node.pose;
    left.yaw = wrap_angle(left.yaw + yaw_step);
    right.yaw = wrap_angle(right.yaw - yaw_step);
    push(left, kRotateCost, kNavRotateLeft);
    push(right, kRotateCost, kNavRotateRight);
  }
  env_.sim().set_pose(start);  // find_view moved the simulator around
  last_expansions_ = expansions;
  last_found_ = goal >= 0;
  if (goal < 0) return false;

  std::vector<Step> steps;
  for (int id = goal; nodes[id].parent >= 0; id = nodes[id].parent) steps.push_back({nodes[id].action, nodes[id].pose});
  std::reverse(steps.begin(), steps.end());
  AgentPose p = nodes[goal].pose;
  // face the object: rotate the shorter way, then look up/down, then End
  int yaw_now = yaw_index(p.yaw, yaw_step);
  int left_turns = ((goal_yaw - yaw_now) % n_yaw + n_yaw) % n_yaw;
  const bool turn_left = left_turns <= n_yaw - left_turns;
  int turns = turn_left ? left_turns : n_yaw - left_turns;
  for (int t = 0; t < turns; ++t) {
    p.yaw = wrap_angle(p.yaw + (turn_left ? yaw_step : -yaw_step));
    steps.push_back({turn_left ? kNavRotateLeft : kNavRotateRight, p});
  }
  const double look = c.look_degrees * kDeg;
  while (goal_pitch < p.pitch - 1e-6) {
    p.pitch -= look;
    steps.push_back({kNavLookUp, p});
  }
  while (goal_pitch > p.pitch + 1e-6) {
    p.pitch += look;
    steps.push_back({kNavLookDown, p});
  }
  steps.push_back({kNavEnd, p});
  plan_.assign(steps.begin(), steps.end());
  return true;
}

int32_t ObjectNavOracle::next_action() {
  const double yaw_step = env_.config().rotate_degrees * kDeg;
  const AgentPose now = env_.sim().pose();
  if (episode_ != env_.episode_serial()) {
    prepare_episode();
    has_last_ = false;
    if (!plan()) return kNavEnd;
  } else if (has_last_) {
    const AgentPose& want = last_.after;
    const bool off = std::fabs(now.x - want.x) > kPoseTolerance || std::fabs(now.y - want.y) > kPoseTolerance ||
                     yaw_index(now.yaw, yaw_step) != yaw_index(want.yaw, yaw_step) ||
                     std::fabs(now.pitch - want.pitch) > 1e-6;
    if (off) {
      if (last_.action == kNavMoveAhead)
        observed_moves_[pose_key(last_before_, yaw_step)] =
            std::hypot(now.x - last_before_.x, now.y - last_before_.y);
      ++replans_;
      if (!plan()) return kNavEnd;
    }
  }
  if (plan_.empty() && !plan()) return kNavEnd;
  last_ = plan_.front();
  plan_.pop_front();
  last_before_ = now;
  has_last_ = true;
  return last_.action;
}

}  // namespace ember
