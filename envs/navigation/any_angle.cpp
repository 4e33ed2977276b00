#include "envs/navigation/any_angle.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <queue>
#include <utility>

namespace ember {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kHeadingStep = M_PI / 6;  // 30 degrees

double cell_distance(const OccupancyGrid& g, AnyAngleNorm norm, int a, int b) {
  return norm_length(norm, g.resolution * (b % g.nx - a % g.nx), g.resolution * (b / g.nx - a / g.nx));
}

// Lazy Theta* from `sources`; stops when `target` (>= 0) is expanded, with
// the consistent heuristic norm(target - cell) in that case.
double lazy_theta_star(const OccupancyGrid& g, const std::vector<int>& sources, int target, AnyAngleNorm norm,
                       std::vector<double>* cost) {
  const size_t n = g.free.size();
  cost->assign(n, kInf);
  std::vector<int> parent(n, -1);
  std::vector<uint8_t> closed(n, 0);
  auto heuristic = [&](int c) { return target < 0 ? 0.0 : cell_distance(g, norm, c, target); };
  using Entry = std::pair<double, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> open;
  for (int s : sources) {
    if (!g.free[s] || (*cost)[s] == 0) continue;
    (*cost)[s] = 0;
    parent[s] = s;
    open.push({heuristic(s), s});
  }
  while (!open.empty()) {
    const int c = open.top().second;
    open.pop();
    if (closed[c]) continue;
    // The lazy step: the parent was assumed visible when c was reached; if it
    // is not, c hangs off its best expanded neighbour instead.
    if (parent[c] != c && !line_of_sight(g, parent[c], c)) {
      double best = kInf;
      int via = -1;
      g.for_each_free_neighbour(c, [&](int k, bool) {
        if (!closed[k]) return;
        const double d = (*cost)[k] + cell_distance(g, norm, k, c);
        if (d < best) best = d, via = k;
      });
      (*cost)[c] = best;
      parent[c] = via;
    }
    closed[c] = 1;
    if (c == target) return (*cost)[c];
    const int p = parent[c];
    g.for_each_free_neighbour(c, [&](int k, bool) {
      if (closed[k]) return;
      const double d = (*cost)[p] + cell_distance(g, norm, p, k);
      if (d < (*cost)[k]) {
        (*cost)[k] = d;
        parent[k] = p;
        open.push({d + heuristic(k), k});
      }
    });
  }
  return kInf;  // target not reached (without a target: every reachable cell is expanded)
}

}  // namespace

double norm_length(AnyAngleNorm norm, double dx, double dy) {
  const double r = std::hypot(dx, dy);
  if (norm == AnyAngleNorm::kEuclidean || r == 0) return r;
  // Decompose v into the two headings around it: lengths a and b with
  // a + b = r (sin(30 - t) + sin t) / sin 30, t = angle past the lower heading.
  double t = std::fmod(std::atan2(dy, dx), kHeadingStep);
  if (t < 0) t += kHeadingStep;
  return r * (std::sin(kHeadingStep - t) + std::sin(t)) / std::sin(kHeadingStep);
}

bool line_of_sight(const OccupancyGrid& g, int a, int b) {
  int i = a % g.nx, j = a / g.nx;
  const int ib = b % g.nx, jb = b / g.nx;
  const int nx = std::abs(ib - i), ny = std::abs(jb - j);
  const int sx = ib > i ? 1 : -1, sy = jb > j ? 1 : -1;
  if (!g.free[a]) return false;
  // Supercover walk from centre to centre: step in x or y by comparing where
  // the segment crosses the next vertical and horizontal cell boundaries.
  for (int ix = 0, iy = 0; ix < nx || iy < ny;) {
    const long decision = static_cast<long>(1 + 2 * ix) * ny - static_cast<long>(1 + 2 * iy) * nx;
    if (decision == 0) {  // exactly through a corner: both cells beside it must be free
      if (!g.free[g.index(i + sx, j)] || !g.free[g.index(i, j + sy)]) return false;
      i += sx;
      j += sy;
      ++ix;
      ++iy;
    } else if (decision < 0) {
      i += sx;
      ++ix;
    } else {
      j += sy;
      ++iy;
    }
    if (!g.free[g.index(i, j)]) return false;
  }
  return true;
}

void any_angle_field(const OccupancyGrid& grid, const std::vector<int>& sources, AnyAngleNorm norm,
                     std::vector<double>* field) {
  lazy_theta_star(grid, sources, -1, norm, field);
}

double any_angle_distance(const OccupancyGrid& grid, const std::vector<int>& sources, int target,
                          AnyAngleNorm norm) {
  if (target < 0 || target >= static_cast<int>(grid.free.size()) || !grid.free[target]) return kInf;
  std::vector<double> cost;
  return lazy_theta_star(grid, sources, target, norm, &cost);
}

}  // namespace ember
