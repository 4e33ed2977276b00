#include "agents/imitation/pick_place_maps.h"

#include <cmath>
#include <stdexcept>

#include "core/env_spec.h"

namespace ember {

std::string pick_place_compatibility(const EnvSpec& spec) {
  const std::string env = "env '" + spec.id + "'";
  const int rgb = spec.field_index("rgb"), height = spec.field_index("height");
  if (rgb < 0 || spec.observation[rgb].space.dtype != DType::kUInt8 ||
      spec.observation[rgb].space.shape.size() != 3 || spec.observation[rgb].space.shape[2] != 3)
    return env + " has no u8 [H, W, 3] 'rgb' map";
  if (height < 0 || spec.observation[height].space.dtype != DType::kFloat32 ||
      spec.observation[height].space.shape.size() != 2 ||
      spec.observation[height].space.shape[0] != spec.observation[rgb].space.shape[0] ||
      spec.observation[height].space.shape[1] != spec.observation[rgb].space.shape[1])
    return env + " has no f32 [H, W] 'height' map of the rgb map's size";
  if (spec.num_agents != 1) return env + " has several agents";
  if (spec.action.kind != SpaceKind::kBox || spec.action.numel() != 6)
    return env + " does not take a Box(6) pick-and-place action (pick x, y, yaw, place x, y, yaw)";
  if (!(spec.action.high[0] > spec.action.low[0]) || !(spec.action.high[1] > spec.action.low[1]))
    return env + "'s action box has no finite pick x/y range for the maps to cover";
  return {};
}

MapGeometry MapGeometry::from_spec(const EnvSpec& spec) {
  const std::string problem = pick_place_compatibility(spec);
  if (!problem.empty()) throw std::invalid_argument(problem);
  const auto& shape = spec.observation[spec.field_index("rgb")].space.shape;
  MapGeometry g;
  g.rows = static_cast<int>(shape[0]);
  g.cols = static_cast<int>(shape[1]);
  g.min_x = spec.action.low[0];
  g.min_y = spec.action.low[1];
  g.pixel_x = (spec.action.high[0] - spec.action.low[0]) / g.cols;
  g.pixel_y = (spec.action.high[1] - spec.action.low[1]) / g.rows;
  return g;
}

std::pair<int, int> MapGeometry::to_pixel(double x, double y) const {
  return {static_cast<int>(std::floor((y - min_y) / pixel_y)), static_cast<int>(std::floor((x - min_x) / pixel_x))};
}

std::pair<double, double> MapGeometry::to_xy(int row, int col) const {
  return {min_x + (col + 0.5) * pixel_x, min_y + (row + 0.5) * pixel_y};
}

}  // namespace ember
