// File: models/transporter.h
//
// A language-conditioned Transporter (reference lohoravens.md §10; Zeng et
// al.'s Transporter Networks with CLIPort's language fusion), CPU-sized:
//   pick    LangFcn -> one logit per pixel, softmax over all pixels
//   place   a key LangFcn on the scene and a query LangFcn on crops
//           (crop x crop) of the maps around the pick pixel, turned to
//           `rotations` angles (bilinear sampling of the maps, as Ravens
//           crops its rotated image); the place logits are the
//           cross-correlation of the key map with the query's kernels:
//           [rotations, H, W], softmax over all of them.
// One sentence encoder (text_encoder.h) feeds all three FCNs.
//
// Crop rotation r samples the maps at p + R(r * 2pi / rotations) u for the
// crop offsets u around pick pixel p (x along columns, y along rows), so
// rotation bin r means "the picked neighbourhood turned by -r * 2pi /
// rotations matches the place neighbourhood" (Ravens' sign convention).
//
// Inputs: maps float [N, 4, H, W] (transporter_maps()), tokens int64 [N, L]
// (0 = padding), pick pixels int64 [N] rows and cols.
//
// Example:
//   Transporter net(TransporterOptions{}, /*vocab=*/64, gen);
//   at::Tensor maps = transporter_maps(rgb_u8, height);            // [N, 4, H, W]
//   at::Tensor pick = net->pick_logits(maps, tokens);              // [N, H * W]
//   at::Tensor place = net->place_logits(maps, tokens, rows, cols); // [N, R * H * W]
#pragma once

#include <torch/nn/module.h>

#include <cstdint>
#include <vector>

#include "models/lang_fcn.h"
#include "models/text_encoder.h"

namespace ember {

struct TransporterOptions {
  std::vector<int64_t> widths = {16, 32, 64, 64};  // LangFcn widths (all three FCNs)
  int64_t text_dim = 64;
  int64_t rotations = 18;       // place angle bins over 360 degrees
  int64_t crop = 16;            // query crop side in pixels (even)
  int64_t kernel_channels = 3;  // key/query feature channels (Ravens: 3)
};

class TransporterImpl : public torch::nn::Module {
 public:
  // Throws std::invalid_argument for an odd or non-positive crop.
  TransporterImpl(const TransporterOptions& options, int64_t vocab_size, at::Generator& gen);
  at::Tensor pick_logits(const at::Tensor& maps, const at::Tensor& tokens);
  at::Tensor place_logits(const at::Tensor& maps, const at::Tensor& tokens, const at::Tensor& pick_rows,
                          const at::Tensor& pick_cols);
  const TransporterOptions& options() const { return options_; }

 private:
  TransporterOptions options_;
  TextEncoder text_{nullptr};
  LangFcn pick_{nullptr}, key_{nullptr}, query_{nullptr};
};
TORCH_MODULE(Transporter);

// The maps [N, C, H, W] around each pick pixel (rows, cols int64 [N]) at
// every rotation r of `rotations` over 360 degrees: [N * rotations, C, crop,
// crop], sample n's rotations consecutive. Crop pixel u (offsets from
// crop / 2 along columns and rows) samples p + R(r * 2pi / rotations) u,
// bilinearly, zero outside: the crop shows the scene turned by -r * 2pi /
// rotations about the pick pixel's centre.
at::Tensor turned_crops(const at::Tensor& maps, const at::Tensor& rows, const at::Tensor& cols, int64_t rotations,
                        int64_t crop);

// The network's input from the env's maps: u8 color [N, H, W, 3] and f32
// height [N, H, W] (metres) -> float [N, 4, H, W], normalised with the
// Transporter statistics (color mean 0.18877631, std 0.07276466 after /255;
// height mean 0.00509261, std 0.00903967).
at::Tensor transporter_maps(const at::Tensor& rgb_u8, const at::Tensor& height);

}  // namespace ember
