#include "envs/navigation/objectnav_oracle.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <queue>

#include "envs/navigation/any_angle.h"
#include "envs/navigation/objectnav_env.h"

namespace ember {

namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSubstep = 0.05;           // the env's MoveAhead substep (NavSim::move_ahead)
constexpr double kClearanceMargin = 0.001;  // beyond the agent radius, against MuJoCo's rounding
constexpr double kReachMargin = 1e-6;       // inside the success distance
constexpr double kTurnCost = 1e-5;          // tie-break; 500 steps x 6 turns x 1e-5 < one 5 cm substep
constexpr int64_t kMaxExpansions = 300000;
constexpr double kPoseTolerance = 1e-4;
constexpr int kHeadings = 12;  // the lattice below is for 30-degree rotations

// Heading k as integer coordinates in the basis 1, w, w^2, w^3 of Z[w],
// w = exp(i 30deg), using w^4 = w^2 - 1 and w^6 = -1.
constexpr std::array<std::array<int, 4>, kHeadings> kHeadingCoords = {{
    {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {-1, 0, 1, 0}, {0, -1, 0, 1},
    {-1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, -1}, {1, 0, -1, 0}, {0, 1, 0, -1},
}};

double wrap_angle(double a) {
  a = std::fmod(a, 2 * M_PI);
  return a < 0 ? a + 2 * M_PI : a;
}

int yaw_index(double yaw) { return static_cast<int>(std::lround(wrap_angle(yaw) / (30.0 * kDeg)) % kHeadings); }

// Positions rounded to 1 mm: the key of an exact pose (observed moves, views).
int64_t position_key(double x, double y) { return std::lround(x * 1000.0) * 65536 + std::lround(y * 1000.0); }

int64_t lattice_key(const std::array<int, 4>& q) {
  int64_t key = 0;
  for (int v : q) key = key * 65536 + (v + 32768);
  return key;
}

int turns_between(int from, int to) {
  const int left = ((to - from) % kHeadings + kHeadings) % kHeadings;
  return std::min(left, kHeadings - left);
}

}  // namespace

double ObjectNavOracle::clearance(double x, double y) const {
  double best = kInf;
  for (size_t k = 0; k < rects_.size(); k += 4) {
    const double dx = std::max({rects_[k] - x, x - rects_[k + 2], 0.0});
    const double dy = std::max({rects_[k + 1] - y, y - rects_[k + 3], 0.0});
    best = std::min(best, dx * dx + dy * dy);
  }
  best = std::sqrt(best);
  for (const RoundObstacle& r : rounds_) best = std::min(best, std::hypot(x - r.x, y - r.y) - r.radius);
  return best;
}

int ObjectNavOracle::predict_substeps(double x, double y, int heading) const {
  const auto it = observed_moves_.find(position_key(x, y) * 16 + heading);
  if (it != observed_moves_.end()) return it->second;
  const double distance = env_.config().move_distance;
  const int n = std::max(1, static_cast<int>(std::ceil(distance / kSubstep - 1e-9)));
  const double step = distance / n;
  const double cx = std::cos(heading * 30.0 * kDeg), sy = std::sin(heading * 30.0 * kDeg);
  double previous = clearance(x, y);
  int done = 0;
  for (int k = 1; k <= n; ++k) {
    const double c = clearance(x + cx * step * k, y + sy * step * k);
    // blocked when too close, unless already too close and moving away
    if (c < kAgentRadius + kClearanceMargin && c <= previous) break;
    previous = c;
    done = k;
  }
  return done;
}

double ObjectNavOracle::heuristic(double x, double y) const {
  // field(p) >= field(c) - |p - c| (12-heading norm, triangle inequality) for
  // the cells c around p; the largest of these bounds.
  const OccupancyGrid& g = env_.grid();
  int i, j;
  g.cell_of(x, y, &i, &j);
  double best = 0;
  for (int dj = -1; dj <= 1; ++dj)
    for (int di = -1; di <= 1; ++di) {
      if (!g.in_bounds(i + di, j + dj)) continue;
      const double f = field_[g.index(i + di, j + dj)];
      if (!std::isfinite(f)) continue;
      best = std::max(best, f - norm_length(AnyAngleNorm::kTwelveHeadings, g.cell_x(i + di) - x, g.cell_y(j + dj) - y));
    }
  return best;
}

void ObjectNavOracle::prepare_episode() {
  episode_ = env_.episode_serial();
  plan_.clear();
  observed_moves_.clear();
  view_cache_.clear();
  view_pitch_.clear();
  rects_.clear();
  rounds_.clear();
  const House& h = env_.house();
  for (const Wall& w : h.walls) rects_.insert(rects_.end(), {w.cx - w.hx, w.cy - w.hy, w.cx + w.hx, w.cy + w.hy});
  for (const HouseObject& o : h.objects) {
    const ShapeKind shape = object_categories()[o.category].shape;
    // Spheres, vertical cylinders and capsules, and ellipsoids with equal x
    // and y radii have circular footprints; MuJoCo collides those shapes.
    if (shape != ShapeKind::kBox && std::fabs(o.hx - o.hy) < 1e-12)
      rounds_.push_back({o.x, o.y, o.hx});
    else
      rects_.insert(rects_.end(), {o.x - o.hx, o.y - o.hy, o.x + o.hx, o.y + o.hy});
  }
  any_angle_field(env_.grid(), env_.goal_cells(), AnyAngleNorm::kTwelveHeadings, &field_);
}

bool ObjectNavOracle::find_view(double x, double y, int yaw_now, double pitch_now, int* view_yaw,
                                double* view_pitch) {
  const int64_t key = position_key(x, y);
  const auto cached = view_cache_.find(key);
  if (cached != view_cache_.end()) {
    *view_yaw = cached->second;
    *view_pitch = view_pitch_[key];
    return cached->second >= 0;
  }
  const ObjectNavConfig& c = env_.config();
  const double aspect = static_cast<double>(c.width) / c.height;
  const double half_fov_x = std::atan(std::tan(0.5 * kCameraFovyDegrees * kDeg) * aspect);
  const double look = c.look_degrees * kDeg;
  std::vector<double> pitches;  // every pitch the agent can reach from pitch_now
  for (double p = pitch_now; p >= -30.0 * kDeg - 1e-9; p -= look) pitches.push_back(p);
  for (double p = pitch_now + look; p <= 60.0 * kDeg + 1e-9; p += look) pitches.push_back(p);
  const House& h = env_.house();
  int best_yaw = -1;
  double best_pitch = 0;
  int best_cost = 1 << 30;
  for (size_t i = 0; i < h.objects.size(); ++i) {
    const HouseObject& o = h.objects[i];
    if (o.category != env_.target()) continue;
    if (distance_to_footprint(o, x, y) > c.success_distance - kReachMargin) continue;
    const double bearing = std::atan2(o.y - y, o.x - x);
    // yaws whose horizontal field of view can hold a part of the object
    const double spread = half_fov_x + std::asin(std::min(1.0, std::hypot(o.hx, o.hy) / std::max(
                                                                     std::hypot(o.x - x, o.y - y), 1e-9))) + 0.05;
    for (int k = 0; k < kHeadings; ++k) {
      const double off = std::fabs(std::remainder(k * 30.0 * kDeg - bearing, 2 * M_PI));
      if (off > spread) continue;
      for (double p : pitches) {
        const int cost = turns_between(yaw_now, k) + static_cast<int>(std::lround(std::fabs(p - pitch_now) / look));
        if (cost >= best_cost) continue;
        env_.sim().set_pose(AgentPose{x, y, k * 30.0 * kDeg, p});
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
  const AgentPose start = env_.sim().pose();
  const double unit = c.move_distance / std::max(1, static_cast<int>(std::ceil(c.move_distance / kSubstep - 1e-9)));
  // The basis 1, w, w^2, w^3 in metres per substep.
  const double bx[4] = {unit, unit * std::cos(30 * kDeg), unit * std::cos(60 * kDeg), 0.0};
  const double by[4] = {0.0, unit * std::sin(30 * kDeg), unit * std::sin(60 * kDeg), unit};
  plan_.clear();

  struct Node {
    std::array<int, 4> q;  // position: start + sum q[k] * basis[k]
    double x, y;
    int heading;     // yaw index on arrival
    int substeps;    // path length so far, in substeps
    double g;        // substeps * unit + kTurnCost * turns
    int parent;
    int move_heading;  // heading of the move that led here (-1 at the start)
  };
  std::vector<Node> nodes;
  std::unordered_map<int64_t, double> best_g;
  using Entry = std::pair<double, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> open;
  nodes.push_back({{0, 0, 0, 0}, start.x, start.y, yaw_index(start.yaw), 0, 0.0, -1, -1});
  best_g[lattice_key(nodes[0].q)] = 0.0;
  open.push({heuristic(start.x, start.y), 0});
  int goal = -1, goal_yaw = -1;
  double goal_pitch = 0;
  int64_t expansions = 0;
  while (!open.empty() && expansions < kMaxExpansions) {
    const int id = open.top().second;
    open.pop();
    const Node node = nodes[id];
    if (node.g > best_g[lattice_key(node.q)] + 1e-12) continue;
    ++expansions;
    int vy;
    double vp;
    if (find_view(node.x, node.y, node.heading, start.pitch, &vy, &vp)) {
      goal = id;
      goal_yaw = vy;
      goal_pitch = vp;
      break;
    }
    for (int k = 0; k < kHeadings; ++k) {
      const int done = predict_substeps(node.x, node.y, k);
      if (done == 0) continue;
      Node next = node;
      for (int b = 0; b < 4; ++b) next.q[b] += done * kHeadingCoords[k][b];
      next.x = start.x + next.q[0] * bx[0] + next.q[1] * bx[1] + next.q[2] * bx[2] + next.q[3] * bx[3];
      next.y = start.y + next.q[0] * by[0] + next.q[1] * by[1] + next.q[2] * by[2] + next.q[3] * by[3];
      next.heading = k;
      next.substeps = node.substeps + done;
      next.g = node.g + done * unit + kTurnCost * turns_between(node.heading, k);
      next.parent = id;
      next.move_heading = k;
      const int64_t key = lattice_key(next.q);
      const auto it = best_g.find(key);
      if (it != best_g.end() && it->second <= next.g + 1e-12) continue;
      best_g[key] = next.g;
      nodes.push_back(next);
      open.push({next.g + heuristic(next.x, next.y), static_cast<int>(nodes.size()) - 1});
    }
  }
  env_.sim().set_pose(start);  // find_view moved the simulator around
  last_expansions_ = expansions;
  last_found_ = goal >= 0;
  if (goal < 0) return false;
  last_length_ = nodes[goal].substeps * unit;

  // Actions: before each move turn the shorter way to its heading; at the
  // goal turn to the view yaw, look up/down, End.
  std::vector<int> chain;
  for (int id = goal; id > 0; id = nodes[id].parent) chain.push_back(id);
  std::reverse(chain.begin(), chain.end());
  std::vector<Step> steps;
  AgentPose p = start;
  int heading = yaw_index(start.yaw);
  auto turn_to = [&](int target_heading) {
    const int left = ((target_heading - heading) % kHeadings + kHeadings) % kHeadings;
    const bool turn_left = left <= kHeadings - left;
    const int turns = turn_left ? left : kHeadings - left;
    for (int t = 0; t < turns; ++t) {
      p.yaw = wrap_angle(p.yaw + (turn_left ? 1 : -1) * c.rotate_degrees * kDeg);
      steps.push_back({turn_left ? kNavRotateLeft : kNavRotateRight, p});
    }
    heading = target_heading;
  };
  for (int id : chain) {
    turn_to(nodes[id].move_heading);
    p.x = nodes[id].x;
    p.y = nodes[id].y;
    steps.push_back({kNavMoveAhead, p});
  }
  turn_to(goal_yaw);
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
  const AgentPose now = env_.sim().pose();
  if (episode_ != env_.episode_serial()) {
    prepare_episode();
    has_last_ = false;
    if (!plan()) return kNavEnd;
  } else if (has_last_) {
    const AgentPose& want = last_.after;
    const bool off = std::fabs(now.x - want.x) > kPoseTolerance || std::fabs(now.y - want.y) > kPoseTolerance ||
                     yaw_index(now.yaw) != yaw_index(want.yaw) || std::fabs(now.pitch - want.pitch) > 1e-6;
    if (off) {
      if (last_.action == kNavMoveAhead) {
        // remember what MuJoCo allowed from that pose, in whole substeps
        const double moved = std::hypot(now.x - last_before_.x, now.y - last_before_.y);
        observed_moves_[position_key(last_before_.x, last_before_.y) * 16 + yaw_index(last_before_.yaw)] =
            static_cast<int>(std::lround(moved / kSubstep));
      }
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
