// File: agents/imitation/pick_place_demos.h
//
// The training set of a pick-and-place imitation learner: `ember demos`
// folders (docs/demonstrations.md) read into memory and turned into one
// labelled sample per expert step: the rgb and height maps the expert acted
// on, its step instruction, the pick and place pixels and the place rotation
// bin (Transporter's labels, reference lohoravens.md §10):
//   bin = round((pick yaw - place yaw) / (2 pi / rotations)) mod rotations
// (models/transporter.h's sign convention; the learner acts with pick yaw 0
// and place yaw -bin * 2 pi / rotations).
//
// Every file is checked against the env the learner acts in: the same env
// id, maps of the same size (demos recorded at another `downsample` are
// refused), a 6-number continuous action. Steps whose pick or place falls
// outside the maps are left out and counted.
//
// Example:
//   PickPlaceDemos demos({"demos/primitive"}, /*max_per_folder=*/100, envs.spec(), /*rotations=*/18);
//   const PickPlaceSample& s = demos.samples()[0];
//   const uint8_t* rgb = demos.rgb(s);   // [H, W, 3]
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agents/imitation/pick_place_maps.h"
#include "core/demonstrations.h"

namespace ember {

struct PickPlaceSample {
  size_t episode = 0;
  int64_t step = 0;
  std::string instruction;
  int pick_row = 0, pick_col = 0, place_row = 0, place_col = 0, rotation = 0;
};

// The rotation bin of a pick/place yaw pair, and the place yaw of a bin.
int rotation_bin(double pick_yaw, double place_yaw, int rotations);
double place_yaw_of_bin(int bin, int rotations);

class PickPlaceDemos {
 public:
  // Throws std::invalid_argument naming `agent.demos` and the folder or file
  // that is missing, damaged or from another env or map size.
  PickPlaceDemos(const std::vector<std::string>& folders, int64_t max_per_folder, const EnvSpec& spec,
                 int rotations);

  const std::vector<PickPlaceSample>& samples() const { return samples_; }
  const uint8_t* rgb(const PickPlaceSample& s) const;
  const float* height(const PickPlaceSample& s) const;
  size_t episodes() const { return episodes_.size(); }
  int64_t skipped_steps() const { return skipped_; }
  const MapGeometry& geometry() const { return geometry_; }

 private:
  void add_episode(const std::string& path, DemoEpisode episode, const EnvSpec& spec, int rotations);

  MapGeometry geometry_;
  std::vector<DemoEpisode> episodes_;
  std::vector<int> rgb_field_, height_field_;  // per episode
  std::vector<PickPlaceSample> samples_;
  int64_t skipped_ = 0;
};

}  // namespace ember
