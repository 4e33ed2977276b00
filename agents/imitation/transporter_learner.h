// File: agents/imitation/transporter_learner.h
//
// The language-conditioned Transporter (models/transporter.h) as a learner:
// trained by imitation of pick-and-place demonstrations (pick_place_demos.h)
// with Transporter's recipe (reference lohoravens.md §10): cross-entropy of
// the pick logits against the expert's pick pixel and of the place logits
// (every rotation bin and pixel) against its place pixel and bin, the place
// net conditioned on the expert's pick (teacher forcing), Adam, random
// rigid transforms of maps and labels (se2_transform.h) unless the step
// instruction names an absolute place. It acts greedily: the most likely
// pick pixel, then the most likely place bin and pixel for that pick.
//
// Its model section (write_model / read_model) describes itself — network
// options, map size and word vocabulary before the weights — so an actor
// can be rebuilt from a checkpoint alone (transporter_actor.h); the training
// section adds the optimiser and counters.
//
// Example:
//   TransporterLearner learner(config, geometry, vocabulary, seed);
//   Metrics m = learner.train(demos, /*iterations=*/10, rng);
//   learner.act({{rgb, height, "pick up the red block and place it on the blue bowl."}}, actions);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "agents/imitation/pick_place_maps.h"
#include "agents/imitation/transporter_config.h"
#include "agents/imitation/word_vocabulary.h"
#include "core/agent.h"

namespace ember {

class PickPlaceDemos;
class Rng;

struct PickPlaceQuery {
  const uint8_t* rgb = nullptr;  // [H, W, 3]
  const float* height = nullptr;  // [H, W]
  std::string instruction;
};

class TransporterLearner {
 public:
  TransporterLearner(const TransporterConfig& config, const MapGeometry& geometry, WordVocabulary vocabulary,
                     uint64_t init_seed);
  ~TransporterLearner();

  // `iterations` gradient steps on batches drawn from `demos` with `rng`;
  // returns imitation/pick_loss, imitation/place_loss (means over them).
  Metrics train(const PickPlaceDemos& demos, int64_t iterations, Rng& rng);
  // One greedy pick-and-place per query, 6 floats each (pick x, y, yaw 0,
  // place x, y, yaw) into `actions`.
  void act(const std::vector<PickPlaceQuery>& queries, float* actions);
  int64_t iterations() const { return iterations_; }
  int64_t parameter_count() const;
  const MapGeometry& geometry() const { return geometry_; }
  const TransporterConfig& config() const { return config_; }

  void write_model(std::ostream& out) const;
  // Rebuilds a learner from a model section; throws std::runtime_error when
  // the section is damaged or its maps are not `geometry`'s size.
  static std::unique_ptr<TransporterLearner> read_model(std::istream& in, TransporterConfig config,
                                                        const MapGeometry& geometry);
  void write_training(std::ostream& out) const;
  void read_training(std::istream& in);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  TransporterConfig config_;
  MapGeometry geometry_;
  WordVocabulary vocabulary_;
  std::unordered_set<std::string> fixed_frame_words_;  // config_.fixed_frame_words, split once
  int64_t iterations_ = 0;
};

}  // namespace ember
