// File: agents/imitation/transporter_config.h
//
// Settings of the language-conditioned Transporter imitation agent
// ("transporter", transporter_agent.h), declared once in a ParamTable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/param_table.h"
#include "core/params.h"

namespace ember {

struct TransporterConfig {
  std::string demos;                         // comma-separated `ember demos` folders
  int64_t max_demos = 1000;                  // episodes read from each folder (file-name order)
  std::vector<int64_t> widths = {16, 32, 64, 64};
  int64_t text_dim = 64;
  int64_t rotations = 18;
  int64_t crop = 16;
  int64_t max_tokens = 32;
  double lr = 1e-4;
  int64_t batch_size = 1;
  int64_t iterations_per_update = 10;        // gradient steps per collected env step
  bool augment = true;
  double augment_angle_deg = 60.0;           // std of the rotation
  double augment_shift = 1.0 / 6.0;          // std of the shift, as a share of the map's shorter side
  // A sample whose instruction has one of these words is not augmented: a
  // rigid transform would contradict words about absolute places.
  std::string fixed_frame_words = "area center";

  static const ParamTable<TransporterConfig>& param_table();
  // Throws std::invalid_argument naming the key of an inconsistent setting.
  static TransporterConfig from_params(const Params& params);
  std::vector<std::string> demo_folders() const;
};

std::vector<ParamSpec> transporter_param_specs();

}  // namespace ember
