// File: envs/navigation/any_angle.h
//
// Any-angle geodesic distances on the occupancy grid (house.h): paths made of
// straight segments between cell centres, each segment crossing free cells
// only. objectnav's SPL reference d_opt is the Euclidean any-angle distance
// from the start to the goal region (the navmesh-style geodesic of the
// AI2-THOR/ProcTHOR ecosystem, here on the 5 cm grid); the 8-connected grid
// distance overestimates straight lengths by up to 8.2% (at 22.5 degrees), so
// it flattered SPL. The oracle plans with the same fields under the
// "12-heading" norm: the length of the shortest path using only the agent's
// 12 headings (30-degree steps), i.e. |v| (sin(30deg - a) + sin a) / sin 30deg
// with a the angle of v past the nearest heading below it (up to 3.5% longer
// than |v|), a tight lower bound for paths of MoveAhead/Rotate actions.
//
// The search is Lazy Theta* (Nash, Koenig, Tovey 2010) run from a set of
// source cells (the goal region), optionally as A* towards one cell.
//
// Example:
//   std::vector<int> goal = goal_region_cells(house, grid, category, 1.0);
//   double d_opt = any_angle_distance(grid, goal, start_cell, AnyAngleNorm::kEuclidean);
//   std::vector<double> field;
//   any_angle_field(grid, goal, AnyAngleNorm::kTwelveHeadings, &field);  // every cell
#pragma once

#include <vector>

#include "envs/navigation/house.h"

namespace ember {

enum class AnyAngleNorm { kEuclidean, kTwelveHeadings };

// Length of vector (dx, dy) under `norm`.
double norm_length(AnyAngleNorm norm, double dx, double dy);

// True when the straight segment between the centres of cells a and b
// crosses free cells only (every cell it passes through; where it passes
// exactly through a cell corner both cells beside the corner must be free,
// as the grid's 8-connectivity forbids cutting corners).
bool line_of_sight(const OccupancyGrid& grid, int a, int b);

// Any-angle distance from every cell to the nearest source cell (0 at the
// sources, +infinity where unreachable or blocked). `field` is resized.
void any_angle_field(const OccupancyGrid& grid, const std::vector<int>& sources, AnyAngleNorm norm,
                     std::vector<double>* field);

// Any-angle distance from cell `target` to the nearest source cell (A*
// towards target; +infinity when unreachable).
double any_angle_distance(const OccupancyGrid& grid, const std::vector<int>& sources, int target,
                          AnyAngleNorm norm);

}  // namespace ember
