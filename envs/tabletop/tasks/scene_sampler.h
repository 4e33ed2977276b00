// File: envs/tabletop/tasks/scene_sampler.h
//
// Puts objects on free table space at reset: uniform position, uniform yaw in
// [0, 2pi), no overlap with anything already placed, fully inside the
// workspace. Tasks call it in the reference's object order (§3, §7).
//
// Ember choice (docs/envs/tabletop_tasks.md): the reference samples a pixel
// of the oracle camera's free-space mask eroded by the object's diagonal.
// Ember instead rejection-samples the object's exact footprint — an oriented
// rectangle — against the footprints placed so far, each grown by
// kSamplerClearance, and against the workspace bounds. Uniform proposals with
// rejection are uniform over the free set, as the mask sampler is, without
// rendering anything. After kSamplerAttempts rejected proposals the sampler
// reports failure and the caller retries the scene or skips the object, as
// the reference's callers do.
//
// Zones are footprints like any other object: nothing placed later overlaps
// them (the reference's zones appear in the segmentation mask, so later
// objects avoid them too). A zone reserves max(drawn outline, reward zone)
// so that its whole scoring area starts empty.
//
// Example:
//   SceneSampler sampler(scene, rng);
//   int id = sampler.place(ObjectKind::kBlock, color, kBigBlock);   // -1: no room
//   int zone = sampler.place(ObjectKind::kZone, color, kZoneSize, /*footprint=*/0.15);
#pragma once

#include <optional>
#include <vector>

#include "core/rng.h"
#include "envs/tabletop/scene.h"

namespace ember::tabletop {

constexpr int kSamplerAttempts = 1000;
constexpr double kSamplerClearance = 0.005;  // each footprint grows by this (m): >= 1 cm gaps

// An oriented rectangle on the table plane.
struct Footprint {
  double x = 0, y = 0, yaw = 0;
  double half_x = 0, half_y = 0;
};

// The square an object covers: blocks their edge, bowls their 0.12 m
// footprint, zones their drawn side.
Footprint footprint_of(const SceneObject& object);
// Separating-axis test of two rectangles, each grown by `clearance`.
bool footprints_overlap(const Footprint& a, const Footprint& b, double clearance = 0.0);
bool footprint_inside_workspace(const Footprint& f);
bool footprint_contains(const Footprint& f, double x, double y);

class SceneSampler {
 public:
  // Registers the footprints of every object already in `scene`.
  SceneSampler(Scene& scene, Rng& rng);

  // A free pose for a footprint of the given extents at height z (nothing is
  // added), or nullopt after kSamplerAttempts rejected proposals.
  std::optional<Pose> sample_free_pose(double footprint_x, double footprint_y, double z);
  // Samples a pose and adds the object (blocks rest at z = size / 2, bowls
  // and zones at z = 0). `footprint` (square side) overrides the area it
  // reserves, 0 = its own size. Returns the new id, or -1 when no room.
  int place(ObjectKind kind, int color, double size, double footprint = 0.0);
  // Keeps an area free for the rest of the episode's sampling.
  void reserve(const Footprint& footprint) { occupied_.push_back(footprint); }
  // Empties the scene and every reservation (a fresh attempt).
  void clear();

 private:
  Scene& scene_;
  Rng& rng_;
  std::vector<Footprint> occupied_;
};

}  // namespace ember::tabletop
