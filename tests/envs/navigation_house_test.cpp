// Tests of the procedural house generator (envs/navigation/house.h): seeds
// and splits, determinism of the MJCF text, room counts per tier, object
// placement, and that every house is connected with every object reachable.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "envs/navigation/house.h"
#include "envs/navigation/nav_sim.h"

namespace ember {
namespace {

// The category table has >= 8 categories, each a distinct (shape, colour).
TEST(NavigationHouse, AtLeastEightDistinctCategories) {
  const auto& cats = object_categories();
  ASSERT_GE(cats.size(), 8u);
  std::set<std::tuple<int, float, float, float>> looks;
  std::set<int> shapes;
  for (const ObjectCategory& c : cats) {
    looks.insert({static_cast<int>(c.shape), c.rgb[0], c.rgb[1], c.rgb[2]});
    shapes.insert(static_cast<int>(c.shape));
  }
  EXPECT_EQ(looks.size(), cats.size());
  EXPECT_EQ(shapes.size(), 5u);  // box, sphere, cylinder, capsule, ellipsoid
}

// The train, val and test seed ranges are fixed and disjoint.
TEST(NavigationHouse, SplitsAreFixedAndDisjoint) {
  const SeedRange tr = house_split_range(HouseSplit::kTrain);
  const SeedRange va = house_split_range(HouseSplit::kVal);
  const SeedRange te = house_split_range(HouseSplit::kTest);
  EXPECT_EQ(tr.first, 0u);
  EXPECT_EQ(tr.count, 100000u);
  EXPECT_EQ(va.first, 1000000u);
  EXPECT_EQ(te.first, 2000000u);
  EXPECT_LE(tr.first + tr.count, va.first);
  EXPECT_LE(va.first + va.count, te.first);
  EXPECT_EQ(house_seed(HouseSplit::kTest, 5), 2000005u);
  EXPECT_THROW(house_seed(HouseSplit::kVal, 1000), std::out_of_range);
  EXPECT_THROW(parse_house_split("dev"), std::invalid_argument);
}

// Same (tier, seed) -> the same MJCF text; another seed -> another house.
TEST(NavigationHouse, GeneratorIsDeterministic) {
  for (int tier = 0; tier < kNumTiers; ++tier) {
    for (uint64_t seed : {0ull, 7ull, 2000003ull}) {
      const std::string a = to_mjcf(generate_house(tier, seed), MjcfOptions{});
      const std::string b = to_mjcf(generate_house(tier, seed), MjcfOptions{});
      EXPECT_EQ(a, b) << "tier " << tier << " seed " << seed;
      EXPECT_NE(a, to_mjcf(generate_house(tier, seed + 1), MjcfOptions{}));
    }
  }
}

// Room counts follow the tiers; rooms tile the house; objects stay inside
// their room, off each other, with at least three objects per house.
TEST(NavigationHouse, TiersRoomsAndObjects) {
  const int lo[kNumTiers] = {1, 2, 4, 1}, hi[kNumTiers] = {1, 3, 6, 1};
  for (int tier = 0; tier < kNumTiers; ++tier) {
    std::set<size_t> counts;
    for (uint64_t i = 0; i < 40; ++i) {
      const House h = generate_house(tier, house_seed(HouseSplit::kTrain, i));
      const int n = static_cast<int>(h.rooms.size());
      ASSERT_GE(n, lo[tier]);
      ASSERT_LE(n, hi[tier]);
      counts.insert(h.rooms.size());
      EXPECT_EQ(h.doors.size() >= static_cast<size_t>(n - 1), true);
      double area = 0;
      for (const Room& r : h.rooms) {
        EXPECT_GE(r.rect.width(), 3.0);
        EXPECT_GE(r.rect.depth(), 3.0);
        area += r.rect.width() * r.rect.depth();
      }
      EXPECT_DOUBLE_EQ(area, h.width * h.depth);
      ASSERT_GE(h.objects.size(), 3u);
      for (size_t a = 0; a < h.objects.size(); ++a) {
        const HouseObject& o = h.objects[a];
        const Rect& r = h.rooms[o.room].rect;
        EXPECT_GE(o.x - o.hx, r.x0 + kWallThickness / 2);
        EXPECT_LE(o.x + o.hx, r.x1 - kWallThickness / 2);
        EXPECT_GE(o.y - o.hy, r.y0 + kWallThickness / 2);
        EXPECT_LE(o.y + o.hy, r.y1 - kWallThickness / 2);
        EXPECT_NEAR(o.z, o.hz, 1e-12);  // standing on the floor
        for (size_t b = a + 1; b < h.objects.size(); ++b) {
          const HouseObject& p = h.objects[b];
          const bool apart = std::fabs(o.x - p.x) >= o.hx + p.hx || std::fabs(o.y - p.y) >= o.hy + p.hy;
          EXPECT_TRUE(apart) << "objects " << a << " and " << b << " overlap in house " << h.seed;
        }
      }
    }
    if (tier == 1 || tier == 2) {
      EXPECT_GT(counts.size(), 1u) << "tier " << tier << " always has the same room count";
    }
  }
}

// The starter tier: one room of 3-5 m per side holding 3-4 objects, each of
// a different category from kStarterCategories, and over many houses every
// starter category and both object counts occur.
TEST(NavigationHouse, StarterTierIsSmallWithDistinctCategories) {
  std::set<int> categories_seen;
  std::set<size_t> counts_seen;
  for (uint64_t i = 0; i < 60; ++i) {
    const House h = generate_house(kStarterTier, house_seed(HouseSplit::kTrain, i));
    ASSERT_EQ(h.rooms.size(), 1u);
    EXPECT_GE(h.width, 3.0);
    EXPECT_LE(h.width, 5.0);
    EXPECT_GE(h.depth, 3.0);
    EXPECT_LE(h.depth, 5.0);
    ASSERT_GE(h.objects.size(), 3u);
    ASSERT_LE(h.objects.size(), 4u);
    counts_seen.insert(h.objects.size());
    std::set<int> in_house;
    for (const HouseObject& o : h.objects) {
      EXPECT_NE(std::find(kStarterCategories.begin(), kStarterCategories.end(), o.category),
                kStarterCategories.end())
          << "category " << o.category << " in starter house " << h.seed;
      EXPECT_TRUE(in_house.insert(o.category).second) << "repeated category in starter house " << h.seed;
      categories_seen.insert(o.category);
    }
  }
  EXPECT_EQ(categories_seen.size(), kStarterCategories.size());
  EXPECT_EQ(counts_seen.size(), 2u);
}

// Every house of every tier is connected: one free-space component reaches
// every room and comes within 1.0 m (the success distance) of every object.
TEST(NavigationHouse, EveryHouseConnectedAndEveryTargetReachable) {
  for (int tier = 0; tier < kNumTiers; ++tier) {
    for (uint64_t i = 0; i < 25; ++i) {
      const House h = generate_house(tier, house_seed(HouseSplit::kTest, i));
      const OccupancyGrid g = build_occupancy(h, kAgentRadius, 0.05);
      std::vector<int> labels;
      const int n = label_components(g, &labels);
      std::vector<int> size(n, 0);
      for (int l : labels)
        if (l >= 0) ++size[l];
      int main = 0;
      for (int c = 1; c < n; ++c)
        if (size[c] > size[main]) main = c;
      for (size_t r = 0; r < h.rooms.size(); ++r) {
        bool in_room = false;
        for (int k = 0; k < g.nx * g.ny && !in_room; ++k) {
          const double x = g.cell_x(k % g.nx), y = g.cell_y(k / g.nx);
          const Rect& rr = h.rooms[r].rect;
          in_room = labels[k] == main && x > rr.x0 && x < rr.x1 && y > rr.y0 && y < rr.y1;
        }
        EXPECT_TRUE(in_room) << "room " << r << " unreachable, tier " << tier << " house " << h.seed << "\n"
                             << house_ascii(h);
      }
      std::set<int> cats;
      for (const HouseObject& o : h.objects) cats.insert(o.category);
      std::vector<double> dist;
      for (int c : cats) {
        geodesic_to_category(h, g, c, 1.0, &dist);
        // Every object of the category has a goal cell (distance 0) in the main component.
        for (const HouseObject& o : h.objects) {
          if (o.category != c) continue;
          bool reachable = false;
          for (int k = 0; k < g.nx * g.ny && !reachable; ++k)
            reachable = labels[k] == main && dist[k] == 0.0 &&
                        distance_to_footprint(o, g.cell_x(k % g.nx), g.cell_y(k / g.nx)) <= 1.0;
          EXPECT_TRUE(reachable) << object_categories()[c].name << " unreachable in tier " << tier
                                 << " house " << h.seed << "\n" << house_ascii(h);
        }
      }
    }
  }
}

// The goal region stops at walls: cells within reach of a target but behind
// the wall it stands against are not goal cells (here they are not even
// reachable: the wall has no door).
TEST(NavigationHouse, GoalRegionNeedsLineOfSightPastWalls) {
  House h;
  h.width = 4.0;
  h.depth = 2.0;
  h.rooms = {Room{Rect{0, 0, 2, 2}, {}}, Room{Rect{2, 0, 4, 2}, {}}};
  h.walls = {Wall{2.0, 1.0, 0.05, 1.05}, Wall{2.0, -0.0, 2.05, 0.05}, Wall{2.0, 2.0, 2.05, 0.05},
             Wall{0.0, 1.0, 0.05, 1.05}, Wall{4.0, 1.0, 0.05, 1.05}};
  HouseObject apple;
  apple.category = 9;
  apple.x = 1.7;
  apple.y = 1.0;
  apple.z = 0.12;
  apple.hx = apple.hy = apple.hz = 0.12;
  h.objects = {apple};
  const OccupancyGrid g = build_occupancy(h, kAgentRadius, 0.05);
  std::vector<double> dist;
  geodesic_to_category(h, g, 9, 1.0, &dist);
  int i, j;
  g.cell_of(1.2, 1.0, &i, &j);  // in front of the apple: a goal cell
  EXPECT_EQ(dist[g.index(i, j)], 0.0);
  g.cell_of(2.35, 1.0, &i, &j);  // 0.53 m from it, behind the wall
  ASSERT_TRUE(g.free[g.index(i, j)]);
  EXPECT_LT(distance_to_footprint(apple, g.cell_x(i), g.cell_y(j)), 1.0);
  EXPECT_NE(dist[g.index(i, j)], 0.0);
}

// The MJCF of every tier loads in MuJoCo, and the agent starts collision-free
// on a free grid cell.
TEST(NavigationHouse, MjcfLoadsInMujoco) {
  for (int tier = 0; tier < kNumTiers; ++tier) {
    const House h = generate_house(tier, house_seed(HouseSplit::kVal, 3));
    NavSim sim;
    ASSERT_NO_THROW(sim.load(h, MjcfOptions{}));
    const OccupancyGrid g = build_occupancy(h, kAgentRadius, 0.05);
    int free_cell = -1;
    for (int k = 0; k < g.nx * g.ny && free_cell < 0; ++k)
      if (g.free[k]) free_cell = k;
    ASSERT_GE(free_cell, 0);
    sim.set_pose({g.cell_x(free_cell % g.nx), g.cell_y(free_cell / g.nx), 0.0, 0.0});
    EXPECT_FALSE(sim.in_collision());
  }
}

}  // namespace
}  // namespace ember
