// File: envs/navigation/house.h
//
// Procedural houses for object-goal navigation (env "objectnav"), in pure C++
// (no MuJoCo here): a seeded generator of multi-room floor plans with walls,
// doorways and objects, the house's MJCF text, and an occupancy grid of the
// agent's free space (connectivity checks, geodesic distances for SPL).
//
// Geometry: metres, z up, the house occupies [0, width] x [0, depth]. Rooms
// are axis-aligned rectangles on a 1 m lattice (a binary space partition of
// the house rectangle), so any two rooms that touch share >= 1 m of wall and
// every partition is connected; doors form a random spanning tree of the room
// adjacency graph (plus, sometimes, one extra door). Objects stand on the
// floor, axis-aligned (yaw 0 or 90 degrees), never overlapping each other or
// walls, never in front of a doorway, and every object is reachable.
//
// Seeds: a house is a pure function of (tier, house seed); the splits are
// fixed seed ranges (house_split_range), so test houses are never trained on.
//
// Example:
//   House house = generate_house(/*tier=*/1, house_seed(HouseSplit::kTrain, 17));
//   std::string xml = to_mjcf(house, MjcfOptions{});   // load with MuJoCo
//   OccupancyGrid grid = build_occupancy(house, kAgentRadius, 0.05);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ember {

// ---- the agent (reference/codebook_objectnav.md §4, LoCoBot) ----
constexpr double kAgentRadius = 0.18;          // ember choice (LoCoBot base ~0.35 m wide)
constexpr double kCameraHeight = 0.8698;       // LoCoBot camera height
constexpr double kCameraFovyDegrees = 63.453;  // LoCoBot vertical field of view

// ---- house dimensions ----
constexpr double kWallThickness = 0.10;
constexpr double kWallHeight = 2.5;
constexpr double kDoorWidth = 0.9;  // gap between wall ends (clear width 0.8 m: walls overlap 5 cm at ends)
// 0: one room, 1: 2-3 rooms, 2: 4-6 rooms; 3: the starter tier, one small room
// with 3-4 objects of distinct categories from kStarterCategories (sized for
// learning from pixels on a CPU; numbered last so tiers 0-2 keep their houses).
constexpr int kNumTiers = 4;
constexpr int kStarterTier = 3;
// The starter tier's categories: the five largest, each a distinct colour
// (Bed, Sofa, Chair, GarbageCan, HousePlant).
constexpr std::array<int, 5> kStarterCategories = {0, 1, 3, 4, 8};

// Resolution (m) of the occupancy grid ObjectNavEnv plans, starts and
// measures SPL on (the starter tier's generator checks on the same grid).
constexpr double kOccupancyResolution = 0.05;

// ---- object categories ----
enum class ShapeKind { kBox, kSphere, kCylinder, kCapsule, kEllipsoid };

struct ObjectCategory {
  const char* name;
  ShapeKind shape;
  // MuJoCo geom size: box half extents; sphere {r}; cylinder/capsule {r, half length};
  // ellipsoid radii. Unused entries are 0.
  std::array<double, 3> size;
  std::array<float, 3> rgb;
};

// The fixed category table (index = category id, also the "goal" one-hot index).
const std::vector<ObjectCategory>& object_categories();
int num_object_categories();

// ---- the house ----
struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double depth() const { return y1 - y0; }
};

struct Room {
  Rect rect;  // interior boundary (walls are centred on it)
  std::array<float, 3> floor_rgb{};
};

// A wall is an axis-aligned box standing on the floor.
struct Wall {
  double cx = 0, cy = 0;  // centre on the floor
  double hx = 0, hy = 0;  // half extents in x and y (height kWallHeight)
};

struct Door {
  int room_a = 0, room_b = 0;
  double cx = 0, cy = 0;  // centre of the gap on the shared wall line
  bool vertical = false;  // true: the wall runs along y (x = cx), the door is crossed along x
};

struct HouseObject {
  int category = 0;
  int room = 0;
  double x = 0, y = 0, z = 0;  // geom centre
  bool rotated = false;        // yaw 90 degrees (box / ellipsoid x and y swapped)
  double hx = 0, hy = 0, hz = 0;  // axis-aligned half extents of the bounding box (world frame)
};

struct House {
  int tier = 0;
  uint64_t seed = 0;
  double width = 0, depth = 0;  // x and y extent
  std::vector<Room> rooms;
  std::vector<Door> doors;
  std::vector<Wall> walls;
  std::vector<HouseObject> objects;
};

// ---- seeds and splits ----
enum class HouseSplit { kTrain, kVal, kTest };
struct SeedRange {
  uint64_t first = 0;
  uint64_t count = 0;
};
// train: [0, 100000); val: [1000000, 1001000); test: [2000000, 2001000).
SeedRange house_split_range(HouseSplit split);
// The seed of house `index` of a split (index < count).
uint64_t house_seed(HouseSplit split, uint64_t index);
// "train" / "val" / "test"; parse throws std::invalid_argument.
HouseSplit parse_house_split(const std::string& name);

// Generates the house (tier in [0, kNumTiers)). Deterministic in (tier, seed).
House generate_house(int tier, uint64_t seed);

// ---- MJCF ----
struct MjcfOptions {
  int width = 64, height = 64;  // offscreen buffer size
};
// Names used in the MJCF (looked up by the simulator).
constexpr const char* kAgentBodyName = "agent";
constexpr const char* kAgentGeomName = "agent_collider";
constexpr const char* kCameraName = "egocentric";
// Geom name of object i: "obj<i>_<category>".
std::string object_geom_name(const House& house, int index);

// The MJCF text: floors (box per room), walls (boxes), objects (primitives),
// lights, and the agent (slide x, slide y, hinge yaw on the body; a pitch
// hinge on the head carrying the camera). Only the agent's collider collides
// (contype 1 / conaffinity 0 vs walls and objects contype 0 / conaffinity 1).
// Text formatting is fixed-precision, so equal houses give equal text.
std::string to_mjcf(const House& house, const MjcfOptions& options);

// ---- occupancy grid of the agent centre's free space ----
struct OccupancyGrid {
  double resolution = 0.05;
  int nx = 0, ny = 0;          // cells along x and y; cell (i, j) centre ((i+0.5) r, (j+0.5) r)
  std::vector<uint8_t> free;   // nx * ny, 1 when a disc of the agent radius fits there

  int index(int i, int j) const { return j * nx + i; }
  bool in_bounds(int i, int j) const { return i >= 0 && j >= 0 && i < nx && j < ny; }
  // Cell containing point (x, y) (may be out of bounds).
  void cell_of(double x, double y, int* i, int* j) const;
  double cell_x(int i) const { return (i + 0.5) * resolution; }
  double cell_y(int j) const { return (j + 0.5) * resolution; }
  bool free_at(double x, double y) const;
  // Calls fn(k, diagonal) for every free 8-connected neighbour k of cell c
  // that the agent can step to; a diagonal step needs both orthogonal
  // neighbours free (no cutting corners). Neighbours in row-major order.
  template <typename Fn>
  void for_each_free_neighbour(int c, Fn&& fn) const {
    const int ci = c % nx, cj = c / nx;
    for (int dj = -1; dj <= 1; ++dj)
      for (int di = -1; di <= 1; ++di) {
        const int i = ci + di, j = cj + dj;
        if ((di == 0 && dj == 0) || !in_bounds(i, j) || !free[index(i, j)]) continue;
        const bool diagonal = di != 0 && dj != 0;
        if (diagonal && (!free[index(ci + di, cj)] || !free[index(ci, cj + dj)])) continue;
        fn(index(i, j), diagonal);
      }
  }
};

// Free when the agent disc of `radius` centred on the cell overlaps no wall and
// no object (the house's own geometry, the same boxes the MJCF contains).
OccupancyGrid build_occupancy(const House& house, double radius, double resolution);

// Distance (xy) from point (x, y) to object `o`'s footprint rectangle (0 inside).
double distance_to_footprint(const HouseObject& o, double x, double y);

// The goal region of `category`: free cells whose centre lies within `reach`
// of a footprint of an object of that category and sees it past the walls
// (the segment from the cell centre to the object's nearest point within 70%
// of its half extents crosses no wall box; objects may still occlude). Cell
// indices in the order objects and rows are scanned, each cell once.
std::vector<int> goal_region_cells(const House& house, const OccupancyGrid& grid, int category, double reach);

// 8-connected geodesic distances (metres) over free cells from every free cell
// whose centre lies within `reach` of a footprint of an object of `category`
// and sees it past the walls (the segment from the cell centre to the
// object's nearest point within 70% of its half extents crosses no wall box;
// objects may still occlude) -- those cells get 0. Unreachable or blocked cells get +infinity.
// `distance` is resized to the grid (its storage is reused between calls).
void geodesic_to_category(const House& house, const OccupancyGrid& grid, int category,
                          double reach, std::vector<double>* distance);

// Connected components (8-connected) of free cells: component id per cell
// (-1 when blocked); returns the number of components.
int label_components(const OccupancyGrid& grid, std::vector<int>* labels);

// A coarse picture of the plan for people and test failures: '#' blocked for
// the agent, '.' free, digits = object categories (mod 10) at object centres.
std::string house_ascii(const House& house, double resolution = 0.25);

}  // namespace ember
