#include "envs/navigation/house.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <utility>

#include "core/rng.h"

namespace ember {

namespace {

// Room floors: muted, distinct from every object colour.
constexpr std::array<std::array<float, 3>, 6> kFloorPalette = {{
    {0.62f, 0.52f, 0.40f},  // oak
    {0.55f, 0.55f, 0.58f},  // grey tiles
    {0.70f, 0.66f, 0.55f},  // sand
    {0.45f, 0.38f, 0.32f},  // walnut
    {0.60f, 0.63f, 0.55f},  // sage
    {0.68f, 0.58f, 0.58f},  // rose stone
}};
constexpr std::array<float, 3> kWallRgb = {0.86f, 0.85f, 0.80f};

constexpr int kMinRoomSide = 3;          // metres (lattice units)
constexpr double kObjectGap = 0.10;      // free space kept between objects
constexpr double kWallGap = 0.05;        // free space kept between objects and walls
constexpr double kDoorKeepOut = 0.8;     // no object within this depth of a doorway
constexpr double kReach = 0.8;           // each object must be reachable within this distance
constexpr double kGeneratorGrid = 0.1;   // occupancy resolution used while generating
constexpr double kMainComponentShare = 0.9;

struct CellRect {
  int x0, y0, x1, y1;  // [x0, x1) x [y0, y1) lattice cells
  int w() const { return x1 - x0; }
  int h() const { return y1 - y0; }
};

bool overlaps(const Rect& a, const Rect& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

Rect footprint(const HouseObject& o, double pad = 0.0) {
  return Rect{o.x - o.hx - pad, o.y - o.hy - pad, o.x + o.hx + pad, o.y + o.hy + pad};
}

std::array<double, 3> half_extents(const ObjectCategory& c) {
  switch (c.shape) {
    case ShapeKind::kBox: return c.size;
    case ShapeKind::kSphere: return {c.size[0], c.size[0], c.size[0]};
    case ShapeKind::kCylinder: return {c.size[0], c.size[0], c.size[1]};
    case ShapeKind::kCapsule: return {c.size[0], c.size[0], c.size[0] + c.size[1]};
    case ShapeKind::kEllipsoid: return c.size;
  }
  return c.size;
}

const char* shape_name(ShapeKind s) {
  switch (s) {
    case ShapeKind::kBox: return "box";
    case ShapeKind::kSphere: return "sphere";
    case ShapeKind::kCylinder: return "cylinder";
    case ShapeKind::kCapsule: return "capsule";
    case ShapeKind::kEllipsoid: return "ellipsoid";
  }
  return "box";
}

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int a) { return parent[a] == a ? a : parent[a] = find(parent[a]); }
  bool unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    parent[b] = a;
    return true;
  }
};

// Splits the house rectangle into n rooms (binary space partition on the 1 m
// lattice, every room side >= kMinRoomSide). False when it cannot.
bool partition(int W, int H, int n, Rng& rng, std::vector<CellRect>* rooms) {
  rooms->assign(1, CellRect{0, 0, W, H});
  while (static_cast<int>(rooms->size()) < n) {
    int best = -1;
    for (int i = 0; i < static_cast<int>(rooms->size()); ++i) {
      const CellRect& r = (*rooms)[i];
      if (r.w() < 2 * kMinRoomSide && r.h() < 2 * kMinRoomSide) continue;
      if (best < 0 || r.w() * r.h() > (*rooms)[best].w() * (*rooms)[best].h()) best = i;
    }
    if (best < 0) return false;
    CellRect r = (*rooms)[best];
    bool split_x;  // cut with a vertical line (x = c)
    if (r.w() >= 2 * kMinRoomSide && r.h() >= 2 * kMinRoomSide)
      split_x = r.w() == r.h() ? rng.uniform_int(2) == 0 : r.w() > r.h();
    else
      split_x = r.w() >= 2 * kMinRoomSide;
    const int len = split_x ? r.w() : r.h();
    const int c = kMinRoomSide + static_cast<int>(rng.uniform_int(len - 2 * kMinRoomSide + 1));
    CellRect a = r, b = r;
    if (split_x) {
      a.x1 = r.x0 + c;
      b.x0 = r.x0 + c;
    } else {
      a.y1 = r.y0 + c;
      b.y0 = r.y0 + c;
    }
    (*rooms)[best] = a;
    rooms->push_back(b);
  }
  return true;
}

struct Adjacency {
  int a, b;
  bool vertical;  // shared boundary is the line x = line
  int line;
  int lo, hi;     // shared interval along the line
};

std::vector<Adjacency> adjacencies(const std::vector<CellRect>& rooms) {
  std::vector<Adjacency> out;
  for (int a = 0; a < static_cast<int>(rooms.size()); ++a) {
    for (int b = a + 1; b < static_cast<int>(rooms.size()); ++b) {
      const CellRect& ra = rooms[a];
      const CellRect& rb = rooms[b];
      if (ra.x1 == rb.x0 || rb.x1 == ra.x0) {
        const int lo = std::max(ra.y0, rb.y0), hi = std::min(ra.y1, rb.y1);
        if (hi - lo >= 1) out.push_back({a, b, true, ra.x1 == rb.x0 ? ra.x1 : rb.x1, lo, hi});
      }
      if (ra.y1 == rb.y0 || rb.y1 == ra.y0) {
        const int lo = std::max(ra.x0, rb.x0), hi = std::min(ra.x1, rb.x1);
        if (hi - lo >= 1) out.push_back({a, b, false, ra.y1 == rb.y0 ? ra.y1 : rb.y1, lo, hi});
      }
    }
  }
  return out;
}

// Wall boxes along one lattice line, from unit wall edges minus door gaps.
void emit_walls(bool vertical, int line, const std::vector<uint8_t>& edge, const std::vector<Door>& doors,
                std::vector<Wall>* walls) {
  const int n = static_cast<int>(edge.size());
  std::vector<std::pair<double, double>> gaps;
  for (const Door& d : doors) {
    if (d.vertical != vertical) continue;
    const double at = vertical ? d.cx : d.cy;
    if (std::fabs(at - line) > 1e-9) continue;
    const double c = vertical ? d.cy : d.cx;
    gaps.emplace_back(c - kDoorWidth / 2, c + kDoorWidth / 2);
  }
  std::sort(gaps.begin(), gaps.end());
  int i = 0;
  while (i < n) {
    if (!edge[i]) {
      ++i;
      continue;
    }
    int j = i;
    while (j < n && edge[j]) ++j;
    // Run [i, j), minus the gaps.
    double start = i;
    const double end = j;
    for (const auto& g : gaps) {
      if (g.second <= start || g.first >= end) continue;
      if (g.first > start) {
        const double a = start, b = g.first;
        Wall w;
        const double mid = (a + b) / 2, half = (b - a) / 2 + kWallThickness / 2;
        if (vertical) w = Wall{static_cast<double>(line), mid, kWallThickness / 2, half};
        else w = Wall{mid, static_cast<double>(line), half, kWallThickness / 2};
        walls->push_back(w);
      }
      start = std::max(start, g.second);
    }
    if (end > start + 1e-9) {
      const double mid = (start + end) / 2, half = (end - start) / 2 + kWallThickness / 2;
      if (vertical) walls->push_back(Wall{static_cast<double>(line), mid, kWallThickness / 2, half});
      else walls->push_back(Wall{mid, static_cast<double>(line), half, kWallThickness / 2});
    }
    i = j;
  }
}

void stamp(OccupancyGrid* g, const Rect& r, double radius) {
  int i0, j0, i1, j1;
  g->cell_of(r.x0 - radius, r.y0 - radius, &i0, &j0);
  g->cell_of(r.x1 + radius, r.y1 + radius, &i1, &j1);
  i0 = std::max(i0, 0);
  j0 = std::max(j0, 0);
  i1 = std::min(i1, g->nx - 1);
  j1 = std::min(j1, g->ny - 1);
  const double r2 = radius * radius;
  for (int j = j0; j <= j1; ++j) {
    const double y = g->cell_y(j);
    const double dy = y < r.y0 ? r.y0 - y : (y > r.y1 ? y - r.y1 : 0.0);
    for (int i = i0; i <= i1; ++i) {
      const double x = g->cell_x(i);
      const double dx = x < r.x0 ? r.x0 - x : (x > r.x1 ? x - r.x1 : 0.0);
      if (dx * dx + dy * dy < r2) g->free[g->index(i, j)] = 0;
    }
  }
}

// Cells per component of `labels` (label_components' output, -1 = blocked).
std::vector<int> component_sizes(const std::vector<int>& labels, int n) {
  std::vector<int> size(static_cast<size_t>(n), 0);
  for (int l : labels)
    if (l >= 0) ++size[l];
  return size;
}

// The generator's acceptance test: the free space is one main component that
// holds every doorway, nearly all free cells, and a cell within kReach of
// every object.
bool house_is_navigable(const House& h) {
  const OccupancyGrid g = build_occupancy(h, kAgentRadius, kGeneratorGrid);
  std::vector<int> labels;
  const int n = label_components(g, &labels);
  if (n == 0) return false;
  const std::vector<int> size = component_sizes(labels, n);
  const int total = std::accumulate(size.begin(), size.end(), 0);
  const int main = static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());
  if (size[main] < kMainComponentShare * total) return false;
  for (const Door& d : h.doors) {
    int i, j;
    g.cell_of(d.cx, d.cy, &i, &j);
    if (!g.in_bounds(i, j) || labels[g.index(i, j)] != main) return false;
  }
  for (const HouseObject& o : h.objects) {
    const Rect f = footprint(o, kReach);
    int i0, j0, i1, j1;
    g.cell_of(f.x0, f.y0, &i0, &j0);
    g.cell_of(f.x1, f.y1, &i1, &j1);
    bool found = false;
    for (int j = std::max(j0, 0); j <= std::min(j1, g.ny - 1) && !found; ++j)
      for (int i = std::max(i0, 0); i <= std::min(i1, g.nx - 1) && !found; ++i)
        found = labels[g.index(i, j)] == main &&
                distance_to_footprint(o, g.cell_x(i), g.cell_y(j)) <= kReach;
    if (!found) return false;
  }
  return true;
}

// Small rooms leave narrow gaps between large objects, where the generator's
// coarse grid can see a passage that the env's finer one (0.05 m) does not,
// and a large object can come within the success distance of every cell an
// agent can reach. The starter tier therefore checks on the env's grid that
// the main free-space component comes within kReach of every object and has
// cells at least kStartClearance from each one (room for a start).
constexpr double kStartClearance = 1.5;
bool starter_house_is_open(const House& h) {
  const OccupancyGrid g = build_occupancy(h, kAgentRadius, kOccupancyResolution);
  std::vector<int> labels;
  const int n = label_components(g, &labels);
  if (n == 0) return false;
  const std::vector<int> size = component_sizes(labels, n);
  const int main = static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());
  for (const HouseObject& o : h.objects) {
    bool near = false, far = false;
    for (int k = 0; k < g.nx * g.ny && !(near && far); ++k) {
      if (labels[k] != main) continue;
      const double d = distance_to_footprint(o, g.cell_x(k % g.nx), g.cell_y(k / g.nx));
      near = near || d <= kReach;
      far = far || d >= kStartClearance;
    }
    if (!near || !far) return false;
  }
  return true;
}

bool try_generate(int tier, Rng& rng, House* h) {
  // 1. Footprint and rooms.
  int n_rooms = 1, W = 0, H = 0;
  if (tier == 0) {
    W = 4 + static_cast<int>(rng.uniform_int(4));
    H = 4 + static_cast<int>(rng.uniform_int(4));
  } else if (tier == kStarterTier) {
    W = 3 + static_cast<int>(rng.uniform_int(3));
    H = 3 + static_cast<int>(rng.uniform_int(3));
  } else {
    n_rooms = tier == 1 ? 2 + static_cast<int>(rng.uniform_int(2)) : 4 + static_cast<int>(rng.uniform_int(3));
    double area = 0;
    for (int i = 0; i < n_rooms; ++i) area += rng.uniform(12.0, 24.0);
    const double aspect = rng.uniform(0.6, 1.6);
    W = std::max(kMinRoomSide, static_cast<int>(std::lround(std::sqrt(area * aspect))));
    H = std::max(kMinRoomSide, static_cast<int>(std::lround(area / W)));
  }
  std::vector<CellRect> cells;
  if (!partition(W, H, n_rooms, rng, &cells)) return false;
  h->width = W;
  h->depth = H;
  h->rooms.clear();
  for (const CellRect& c : cells) {
    Room room;
    room.rect = Rect{double(c.x0), double(c.y0), double(c.x1), double(c.y1)};
    room.floor_rgb = kFloorPalette[rng.uniform_int(kFloorPalette.size())];
    h->rooms.push_back(room);
  }

  // 2. Doors: a random spanning tree of the adjacency graph, sometimes one more.
  std::vector<Adjacency> adj = adjacencies(cells);
  for (int i = static_cast<int>(adj.size()) - 1; i > 0; --i)
    std::swap(adj[i], adj[rng.uniform_int(i + 1)]);
  UnionFind uf(n_rooms);
  std::vector<const Adjacency*> chosen, spare;
  for (const Adjacency& a : adj) (uf.unite(a.a, a.b) ? chosen : spare).push_back(&a);
  for (int r = 1; r < n_rooms; ++r)
    if (uf.find(r) != uf.find(0)) return false;  // cannot happen for a partition
  if (!spare.empty() && rng.uniform() < 0.3) chosen.push_back(spare[rng.uniform_int(spare.size())]);
  h->doors.clear();
  for (const Adjacency* a : chosen) {
    const double lo = a->lo + kDoorWidth / 2 + 0.05, hi = a->hi - kDoorWidth / 2 - 0.05;
    const double c = hi > lo ? rng.uniform(lo, hi) : 0.5 * (a->lo + a->hi);
    Door d;
    d.room_a = a->a;
    d.room_b = a->b;
    d.vertical = a->vertical;
    d.cx = a->vertical ? a->line : c;
    d.cy = a->vertical ? c : a->line;
    h->doors.push_back(d);
  }

  // 3. Walls: every lattice edge between different rooms (or the outside).
  std::vector<int> id(static_cast<size_t>(W) * H, -1);
  for (int r = 0; r < n_rooms; ++r)
    for (int y = cells[r].y0; y < cells[r].y1; ++y)
      for (int x = cells[r].x0; x < cells[r].x1; ++x) id[y * W + x] = r;
  auto room_at = [&](int x, int y) { return (x < 0 || y < 0 || x >= W || y >= H) ? -1 : id[y * W + x]; };
  h->walls.clear();
  for (int y = 0; y <= H; ++y) {  // horizontal lines
    std::vector<uint8_t> edge(W);
    for (int x = 0; x < W; ++x) edge[x] = room_at(x, y - 1) != room_at(x, y);
    emit_walls(false, y, edge, h->doors, &h->walls);
  }
  for (int x = 0; x <= W; ++x) {  // vertical lines
    std::vector<uint8_t> edge(H);
    for (int y = 0; y < H; ++y) edge[y] = room_at(x - 1, y) != room_at(x, y);
    emit_walls(true, x, edge, h->doors, &h->walls);
  }

  // 4. Objects.
  const auto& cats = object_categories();
  const bool starter = tier == kStarterTier;
  const int n_objects = tier == 0  ? 6 + static_cast<int>(rng.uniform_int(4))
                        : starter ? 3 + static_cast<int>(rng.uniform_int(2))
                                  : n_rooms * (3 + static_cast<int>(rng.uniform_int(2)));
  // The starter tier draws distinct categories (a shuffled prefix of its set),
  // so the goal is never ambiguous between instances; the others draw with repetition.
  std::array<int, kStarterCategories.size()> starter_order = kStarterCategories;
  if (starter)
    for (int i = static_cast<int>(starter_order.size()) - 1; i > 0; --i)
      std::swap(starter_order[i], starter_order[rng.uniform_int(i + 1)]);
  h->objects.clear();
  for (int k = 0; k < n_objects; ++k) {
    const int cat = starter ? starter_order[k] : static_cast<int>(rng.uniform_int(cats.size()));
    const ObjectCategory& c = cats[cat];
    const std::array<double, 3> he = half_extents(c);
    for (int attempt = 0; attempt < 20; ++attempt) {
      HouseObject o;
      o.category = cat;
      o.room = static_cast<int>(rng.uniform_int(n_rooms));
      o.rotated = (c.shape == ShapeKind::kBox || c.shape == ShapeKind::kEllipsoid) && rng.uniform_int(2) == 1;
      o.hx = o.rotated ? he[1] : he[0];
      o.hy = o.rotated ? he[0] : he[1];
      o.hz = he[2];
      const Rect& room = h->rooms[o.room].rect;
      const double m = kWallThickness / 2 + kWallGap;
      const double xlo = room.x0 + m + o.hx, xhi = room.x1 - m - o.hx;
      const double ylo = room.y0 + m + o.hy, yhi = room.y1 - m - o.hy;
      if (xhi <= xlo || yhi <= ylo) continue;
      o.x = rng.uniform(xlo, xhi);
      o.y = rng.uniform(ylo, yhi);
      o.z = o.hz;
      const Rect f = footprint(o);
      bool ok = true;
      for (const HouseObject& other : h->objects) ok = ok && !overlaps(f, footprint(other, kObjectGap));
      for (const Door& d : h->doors) {
        const double ax = d.vertical ? kDoorKeepOut : kDoorWidth / 2 + 0.1;
        const double ay = d.vertical ? kDoorWidth / 2 + 0.1 : kDoorKeepOut;
        ok = ok && !overlaps(f, Rect{d.cx - ax, d.cy - ay, d.cx + ax, d.cy + ay});
      }
      if (!ok) continue;
      h->objects.push_back(o);
      if (house_is_navigable(*h)) break;
      h->objects.pop_back();
    }
  }
  return h->objects.size() >= 3 && house_is_navigable(*h) && (!starter || starter_house_is_open(*h));
}

void append(std::string* s, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void append(std::string* s, const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  const int n = std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  if (n < 0 || n >= static_cast<int>(sizeof buf)) throw std::logic_error("to_mjcf: line too long");
  s->append(buf, static_cast<size_t>(n));
}

}  // namespace

const std::vector<ObjectCategory>& object_categories() {
  // Names follow robothor_habitat2022 where a primitive can stand in for the object.
  static const std::vector<ObjectCategory> kCategories = {
      {"Bed", ShapeKind::kBox, {0.90, 0.60, 0.25}, {0.70f, 0.12f, 0.12f}},          // dark red slab
      {"Sofa", ShapeKind::kBox, {0.75, 0.32, 0.32}, {0.15f, 0.30f, 0.85f}},         // blue block
      {"Television", ShapeKind::kBox, {0.40, 0.05, 0.30}, {0.08f, 0.08f, 0.08f}},   // black panel
      {"Chair", ShapeKind::kBox, {0.22, 0.22, 0.45}, {0.55f, 0.32f, 0.10f}},        // brown column
      {"GarbageCan", ShapeKind::kCylinder, {0.18, 0.30, 0}, {0.15f, 0.62f, 0.20f}}, // green drum
      {"BasketBall", ShapeKind::kSphere, {0.15, 0, 0}, {1.00f, 0.50f, 0.00f}},      // orange ball
      {"Vase", ShapeKind::kEllipsoid, {0.12, 0.12, 0.25}, {0.60f, 0.20f, 0.78f}},   // purple egg
      {"Toilet", ShapeKind::kCapsule, {0.20, 0.15, 0}, {0.97f, 0.97f, 0.97f}},      // white pill
      {"HousePlant", ShapeKind::kCapsule, {0.14, 0.35, 0}, {0.10f, 0.80f, 0.80f}},  // cyan pillar
      {"Apple", ShapeKind::kSphere, {0.12, 0, 0}, {0.95f, 0.88f, 0.10f}},           // yellow ball
      {"Bowl", ShapeKind::kEllipsoid, {0.25, 0.25, 0.08}, {1.00f, 0.50f, 0.72f}},   // pink disc
  };
  return kCategories;
}

int num_object_categories() { return static_cast<int>(object_categories().size()); }

SeedRange house_split_range(HouseSplit split) {
  switch (split) {
    case HouseSplit::kTrain: return {0, 100000};
    case HouseSplit::kVal: return {1000000, 1000};
    case HouseSplit::kTest: return {2000000, 1000};
  }
  throw std::invalid_argument("house_split_range: bad split");
}

uint64_t house_seed(HouseSplit split, uint64_t index) {
  const SeedRange r = house_split_range(split);
  if (index >= r.count)
    throw std::out_of_range("house_seed: index " + std::to_string(index) + " outside the split's " +
                            std::to_string(r.count) + " houses");
  return r.first + index;
}

HouseSplit parse_house_split(const std::string& name) {
  if (name == "train") return HouseSplit::kTrain;
  if (name == "val") return HouseSplit::kVal;
  if (name == "test") return HouseSplit::kTest;
  throw std::invalid_argument("unknown house split '" + name + "' (train, val or test)");
}

House generate_house(int tier, uint64_t seed) {
  if (tier < 0 || tier >= kNumTiers)
    throw std::invalid_argument("generate_house: tier " + std::to_string(tier) + " outside [0, " +
                                std::to_string(kNumTiers - 1) + "]");
  Rng rng(derive_seed(derive_seed(0x65686f757365ULL, "tier", static_cast<uint64_t>(tier)), seed));
  for (int attempt = 0; attempt < 1000; ++attempt) {
    House h;
    h.tier = tier;
    h.seed = seed;
    if (try_generate(tier, rng, &h)) return h;
  }
  throw std::runtime_error("generate_house: no valid house for tier " + std::to_string(tier) +
                           " seed " + std::to_string(seed));
}

std::string object_geom_name(const House& house, int index) {
  return "obj" + std::to_string(index) + "_" + object_categories()[house.objects[index].category].name;
}

std::string to_mjcf(const House& h, const MjcfOptions& opt) {
  const auto& cats = object_categories();
  std::string s;
  s.reserve(8192);
  append(&s, "<mujoco model=\"ember_house_t%d_s%llu\">\n", h.tier, static_cast<unsigned long long>(h.seed));
  s += "  <compiler angle=\"radian\"/>\n";
  s += "  <option timestep=\"0.01\" gravity=\"0 0 0\"/>\n";
  s += "  <visual>\n";
  append(&s, "    <global offwidth=\"%d\" offheight=\"%d\"/>\n", opt.width, opt.height);
  s += "    <quality offsamples=\"0\" shadowsize=\"0\"/>\n";
  s += "    <headlight ambient=\"0.35 0.35 0.35\" diffuse=\"0.45 0.45 0.45\" specular=\"0 0 0\"/>\n";
  s += "    <map znear=\"0.002\" zfar=\"5\"/>\n";
  s += "  </visual>\n";
  append(&s, "  <statistic extent=\"%.4f\" center=\"%.4f %.4f 1\"/>\n", std::max(h.width, h.depth) + 2.0,
         h.width / 2, h.depth / 2);
  s += "  <default>\n";
  s += "    <geom contype=\"0\" conaffinity=\"0\"/>\n";
  s += "  </default>\n";
  s += "  <worldbody>\n";
  append(&s,
         "    <light name=\"sun\" directional=\"true\" castshadow=\"false\" pos=\"%.4f %.4f 6\" "
         "dir=\"0.3 0.2 -1\" diffuse=\"0.45 0.45 0.45\" specular=\"0 0 0\"/>\n",
         h.width / 2, h.depth / 2);
  for (size_t r = 0; r < h.rooms.size(); ++r) {
    const Room& room = h.rooms[r];
    append(&s,
           "    <geom name=\"floor%zu\" type=\"box\" pos=\"%.4f %.4f -0.025\" size=\"%.4f %.4f 0.025\" "
           "rgba=\"%.3f %.3f %.3f 1\"/>\n",
           r, (room.rect.x0 + room.rect.x1) / 2, (room.rect.y0 + room.rect.y1) / 2, room.rect.width() / 2,
           room.rect.depth() / 2, room.floor_rgb[0], room.floor_rgb[1], room.floor_rgb[2]);
  }
  for (size_t w = 0; w < h.walls.size(); ++w) {
    const Wall& wall = h.walls[w];
    append(&s,
           "    <geom name=\"wall%zu\" type=\"box\" pos=\"%.4f %.4f %.4f\" size=\"%.4f %.4f %.4f\" "
           "rgba=\"%.3f %.3f %.3f 1\" conaffinity=\"1\"/>\n",
           w, wall.cx, wall.cy, kWallHeight / 2, wall.hx, wall.hy, kWallHeight / 2, kWallRgb[0], kWallRgb[1],
           kWallRgb[2]);
  }
  for (size_t i = 0; i < h.objects.size(); ++i) {
    const HouseObject& o = h.objects[i];
    const ObjectCategory& c = cats[o.category];
    std::string size;
    char buf[96];
    switch (c.shape) {
      case ShapeKind::kBox:
      case ShapeKind::kEllipsoid:
        std::snprintf(buf, sizeof buf, "%.4f %.4f %.4f", c.size[0], c.size[1], c.size[2]);
        break;
      case ShapeKind::kSphere: std::snprintf(buf, sizeof buf, "%.4f", c.size[0]); break;
      case ShapeKind::kCylinder:
      case ShapeKind::kCapsule: std::snprintf(buf, sizeof buf, "%.4f %.4f", c.size[0], c.size[1]); break;
    }
    size = buf;
    append(&s,
           "    <geom name=\"%s\" type=\"%s\" pos=\"%.4f %.4f %.4f\" euler=\"0 0 %s\" size=\"%s\" "
           "rgba=\"%.3f %.3f %.3f 1\" conaffinity=\"1\"/>\n",
           object_geom_name(h, static_cast<int>(i)).c_str(), shape_name(c.shape), o.x, o.y, o.z,
           o.rotated ? "1.5707963" : "0", size.c_str(), c.rgb[0], c.rgb[1], c.rgb[2]);
  }
  // The agent: planar joints on the base, a pitch hinge on the head. The
  // collider is in geom group 3, which the renderer hides.
  append(&s, "    <body name=\"%s\" pos=\"0 0 0\">\n", kAgentBodyName);
  s += "      <joint name=\"agent_x\" type=\"slide\" axis=\"1 0 0\" limited=\"false\"/>\n";
  s += "      <joint name=\"agent_y\" type=\"slide\" axis=\"0 1 0\" limited=\"false\"/>\n";
  s += "      <joint name=\"agent_yaw\" type=\"hinge\" axis=\"0 0 1\" limited=\"false\"/>\n";
  append(&s,
         "      <geom name=\"%s\" type=\"cylinder\" size=\"%.4f 0.44\" pos=\"0 0 0.46\" contype=\"1\" "
         "conaffinity=\"0\" group=\"3\" rgba=\"0.3 0.3 0.3 1\"/>\n",
         kAgentGeomName, kAgentRadius);
  append(&s, "      <body name=\"head\" pos=\"0 0 %.4f\">\n", kCameraHeight);
  s += "        <inertial pos=\"0 0 0\" mass=\"0.1\" diaginertia=\"0.001 0.001 0.001\"/>\n";
  s += "        <joint name=\"agent_pitch\" type=\"hinge\" axis=\"0 1 0\" limited=\"false\"/>\n";
  append(&s, "        <camera name=\"%s\" pos=\"0 0 0\" xyaxes=\"0 -1 0 0 0 1\" fovy=\"%.4f\"/>\n", kCameraName,
         kCameraFovyDegrees);
  s += "      </body>\n";
  s += "    </body>\n";
  s += "  </worldbody>\n";
  s += "</mujoco>\n";
  return s;
}

void OccupancyGrid::cell_of(double x, double y, int* i, int* j) const {
  *i = static_cast<int>(std::floor(x / resolution));
  *j = static_cast<int>(std::floor(y / resolution));
}

bool OccupancyGrid::free_at(double x, double y) const {
  int i, j;
  cell_of(x, y, &i, &j);
  return in_bounds(i, j) && free[index(i, j)] != 0;
}

OccupancyGrid build_occupancy(const House& h, double radius, double resolution) {
  OccupancyGrid g;
  g.resolution = resolution;
  g.nx = static_cast<int>(std::ceil(h.width / resolution));
  g.ny = static_cast<int>(std::ceil(h.depth / resolution));
  g.free.assign(static_cast<size_t>(g.nx) * g.ny, 1);
  // Outside the house (cells whose centre is beyond the outer wall lines) is blocked
  // by the outer walls' stamps; cells partly outside do not exist.
  for (const Wall& w : h.walls) stamp(&g, Rect{w.cx - w.hx, w.cy - w.hy, w.cx + w.hx, w.cy + w.hy}, radius);
  for (const HouseObject& o : h.objects) stamp(&g, footprint(o), radius);
  return g;
}

double distance_to_footprint(const HouseObject& o, double x, double y) {
  const double dx = std::max(std::fabs(x - o.x) - o.hx, 0.0);
  const double dy = std::max(std::fabs(y - o.y) - o.hy, 0.0);
  return std::sqrt(dx * dx + dy * dy);
}

int label_components(const OccupancyGrid& g, std::vector<int>* labels) {
  labels->assign(g.free.size(), -1);
  int n = 0;
  std::vector<int> stack;
  for (int start = 0; start < static_cast<int>(g.free.size()); ++start) {
    if (!g.free[start] || (*labels)[start] >= 0) continue;
    (*labels)[start] = n;
    stack.push_back(start);
    while (!stack.empty()) {
      const int c = stack.back();
      stack.pop_back();
      g.for_each_free_neighbour(c, [&](int k, bool) {
        if ((*labels)[k] >= 0) return;
        (*labels)[k] = n;
        stack.push_back(k);
      });
    }
    ++n;
  }
  return n;
}

namespace {

// True when the segment (ax, ay) -> (bx, by) passes through no wall box (slab test).
bool clear_of_walls(const House& h, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  for (const Wall& w : h.walls) {
    double t0 = 0, t1 = 1;
    const double lo[2] = {w.cx - w.hx, w.cy - w.hy}, hi[2] = {w.cx + w.hx, w.cy + w.hy};
    const double o[2] = {ax, ay}, d[2] = {dx, dy};
    bool hit = true;
    for (int k = 0; k < 2 && hit; ++k) {
      if (std::fabs(d[k]) < 1e-12) {
        hit = o[k] > lo[k] && o[k] < hi[k];
      } else {
        double ta = (lo[k] - o[k]) / d[k], tb = (hi[k] - o[k]) / d[k];
        if (ta > tb) std::swap(ta, tb);
        t0 = std::max(t0, ta);
        t1 = std::min(t1, tb);
        hit = t0 < t1;
      }
    }
    if (hit) return false;
  }
  return true;
}

}  // namespace

std::vector<int> goal_region_cells(const House& h, const OccupancyGrid& g, int category, double reach) {
  std::vector<int> cells;
  std::vector<uint8_t> taken(g.free.size(), 0);
  for (const HouseObject& o : h.objects) {
    if (o.category != category) continue;
    int i0, j0, i1, j1;
    g.cell_of(o.x - o.hx - reach, o.y - o.hy - reach, &i0, &j0);
    g.cell_of(o.x + o.hx + reach, o.y + o.hy + reach, &i1, &j1);
    for (int j = std::max(j0, 0); j <= std::min(j1, g.ny - 1); ++j) {
      for (int i = std::max(i0, 0); i <= std::min(i1, g.nx - 1); ++i) {
        const int k = g.index(i, j);
        const double x = g.cell_x(i), y = g.cell_y(j);
        if (!g.free[k] || taken[k] || distance_to_footprint(o, x, y) > reach) continue;
        // no wall between the cell and the object (its nearest point within 70% of its half extents)
        const double px = std::clamp(x, o.x - 0.7 * o.hx, o.x + 0.7 * o.hx);
        const double py = std::clamp(y, o.y - 0.7 * o.hy, o.y + 0.7 * o.hy);
        if (clear_of_walls(h, x, y, px, py)) {
          taken[k] = 1;
          cells.push_back(k);
        }
      }
    }
  }
  return cells;
}

void geodesic_to_category(const House& h, const OccupancyGrid& g, int category, double reach,
                          std::vector<double>* dist) {
  const double inf = std::numeric_limits<double>::infinity();
  dist->assign(g.free.size(), inf);
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  for (const int k : goal_region_cells(h, g, category, reach)) {
    (*dist)[k] = 0;
    queue.push({0.0, k});
  }
  const double r = g.resolution, rd = r * std::sqrt(2.0);
  while (!queue.empty()) {
    const auto [d, c] = queue.top();
    queue.pop();
    if (d > (*dist)[c]) continue;
    g.for_each_free_neighbour(c, [&](int k, bool diagonal) {
      const double nd = d + (diagonal ? rd : r);
      if (nd < (*dist)[k]) {
        (*dist)[k] = nd;
        queue.push({nd, k});
      }
    });
  }
}

std::string house_ascii(const House& h, double resolution) {
  const OccupancyGrid g = build_occupancy(h, kAgentRadius, resolution);
  std::vector<std::string> rows(g.ny, std::string(g.nx, '.'));
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i)
      if (!g.free[g.index(i, j)]) rows[j][i] = '#';
  for (const HouseObject& o : h.objects) {
    int i, j;
    g.cell_of(o.x, o.y, &i, &j);
    if (g.in_bounds(i, j)) rows[j][i] = static_cast<char>('0' + o.category % 10);
  }
  std::string out;
  for (int j = g.ny - 1; j >= 0; --j) out += rows[j] + "\n";  // north up
  return out;
}

}  // namespace ember
