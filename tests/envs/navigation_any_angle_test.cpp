// Tests of any-angle geodesics on the occupancy grid (envs/navigation/any_angle.h):
// the 12-heading norm, line of sight through free cells, and distances that
// are straight lines in the open and bend around a wall.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "envs/navigation/any_angle.h"

namespace ember {
namespace {

constexpr double kPi = 3.14159265358979323846;

// An all-free grid of nx x ny 5 cm cells.
OccupancyGrid open_grid(int nx, int ny) {
  OccupancyGrid g;
  g.resolution = 0.05;
  g.nx = nx;
  g.ny = ny;
  g.free.assign(static_cast<size_t>(nx) * ny, 1);
  return g;
}

// Along a heading the 12-heading norm is the Euclidean length; halfway
// between two headings it is longest, by 1 / cos(15 deg).
TEST(NavigationAnyAngle, TwelveHeadingNorm) {
  for (int k = 0; k < 12; ++k)
    EXPECT_NEAR(norm_length(AnyAngleNorm::kTwelveHeadings, std::cos(k * kPi / 6), std::sin(k * kPi / 6)), 1.0, 1e-12);
  EXPECT_NEAR(norm_length(AnyAngleNorm::kTwelveHeadings, std::cos(kPi / 12), std::sin(kPi / 12)),
              1.0 / std::cos(kPi / 12), 1e-12);
  EXPECT_NEAR(norm_length(AnyAngleNorm::kEuclidean, 3.0, -4.0), 5.0, 1e-12);
}

// Line of sight fails through a blocked cell and through a blocked corner.
TEST(NavigationAnyAngle, LineOfSightNeedsFreeCells) {
  OccupancyGrid g = open_grid(10, 10);
  EXPECT_TRUE(line_of_sight(g, g.index(0, 0), g.index(9, 4)));
  g.free[g.index(5, 2)] = 0;
  EXPECT_FALSE(line_of_sight(g, g.index(0, 2), g.index(9, 2)));
  EXPECT_TRUE(line_of_sight(g, g.index(0, 3), g.index(9, 3)));
  // The diagonal (0,0)-(3,3) passes exactly through the corner between (1,0)... and (0,1)...
  OccupancyGrid d = open_grid(4, 4);
  d.free[d.index(1, 0)] = 0;
  EXPECT_FALSE(line_of_sight(d, d.index(0, 0), d.index(3, 3)));
}

// In the open the any-angle distance is the straight line (the 8-connected
// grid path is longer); a wall with a gap makes it bend through the gap.
TEST(NavigationAnyAngle, StraightInTheOpenBentAroundAWall) {
  OccupancyGrid g = open_grid(40, 40);
  const std::vector<int> source = {g.index(0, 0)};
  EXPECT_NEAR(any_angle_distance(g, source, g.index(30, 10), AnyAngleNorm::kEuclidean), 0.05 * std::hypot(30, 10),
              1e-9);
  for (int j = 0; j < 35; ++j) g.free[g.index(20, j)] = 0;  // a wall at x = 20 with a gap at the top
  const double bent = any_angle_distance(g, source, g.index(30, 0), AnyAngleNorm::kEuclidean);
  const double via_gap = 0.05 * (std::hypot(19, 35) + std::hypot(2, 0) + std::hypot(9, 35));  // lower bound-ish
  EXPECT_GT(bent, 0.05 * 30);
  EXPECT_NEAR(bent, via_gap, 0.1);
  std::vector<double> field;
  any_angle_field(g, source, AnyAngleNorm::kEuclidean, &field);
  EXPECT_NEAR(field[g.index(30, 0)], bent, 0.05);
  EXPECT_TRUE(std::isinf(field[g.index(20, 0)]));  // blocked
}

}  // namespace
}  // namespace ember
