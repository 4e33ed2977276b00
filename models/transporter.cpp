#include "models/transporter.h"

#include <cmath>
#include <stdexcept>

#include <torch/torch.h>

namespace ember {
namespace {
constexpr double kColorMean = 0.18877631, kColorStd = 0.07276466;
constexpr double kHeightMean = 0.00509261, kHeightStd = 0.00903967;
constexpr int64_t kMapChannels = 4;  // r, g, b, height
}  // namespace

TransporterImpl::TransporterImpl(const TransporterOptions& options, int64_t vocab_size, at::Generator& gen)
    : options_(options) {
  if (options.crop <= 0 || options.crop % 2 != 0)
    throw std::invalid_argument("Transporter crop must be a positive even number of pixels, got " +
                                std::to_string(options.crop));
  if (options.rotations <= 0) throw std::invalid_argument("Transporter needs at least one rotation");
  text_ = register_module("text", TextEncoder(vocab_size, options.text_dim, gen));
  pick_ = register_module("pick", LangFcn(kMapChannels, 1, options.widths, options.text_dim, gen));
  key_ = register_module("key", LangFcn(kMapChannels, options.kernel_channels, options.widths, options.text_dim, gen));
  query_ = register_module("query",
                           LangFcn(kMapChannels, options.kernel_channels, options.widths, options.text_dim, gen));
}

at::Tensor TransporterImpl::pick_logits(const at::Tensor& maps, const at::Tensor& tokens) {
  return pick_->forward(maps, text_->forward(tokens)).flatten(1);
}

at::Tensor turned_crops(const at::Tensor& maps, const at::Tensor& rows, const at::Tensor& cols, int64_t rotations,
                        int64_t crop) {
  const int64_t n = maps.size(0), c = maps.size(1), h = maps.size(2), w = maps.size(3);
  const int64_t r = rotations, k = crop;
  auto opts = torch::TensorOptions().dtype(torch::kFloat);
  // crop offsets u = j - k/2 along rows (du) and columns (dv)
  auto offsets = torch::arange(k, opts) - static_cast<double>(k / 2);
  auto du = offsets.view({1, k, 1}).expand({r, k, k});
  auto dv = offsets.view({1, 1, k}).expand({r, k, k});
  auto angles = torch::arange(r, opts) * (2.0 * M_PI / static_cast<double>(r));
  auto cos = angles.cos().view({r, 1, 1}), sin = angles.sin().view({r, 1, 1});
  auto rx = cos * dv - sin * du;  // rotated offsets in (x = column, y = row)
  auto ry = sin * dv + cos * du;
  // pixel-centre coordinates of each sample, then grid_sample's [-1, 1] (align_corners false)
  auto cx = cols.to(torch::kFloat).view({n, 1, 1, 1}) + 0.5;
  auto cy = rows.to(torch::kFloat).view({n, 1, 1, 1}) + 0.5;
  auto x = (cx + rx.unsqueeze(0)) * (2.0 / static_cast<double>(w)) - 1.0;  // [N, R, k, k]
  auto y = (cy + ry.unsqueeze(0)) * (2.0 / static_cast<double>(h)) - 1.0;
  auto grid = torch::stack({x, y}, -1).view({n * r, k, k, 2});
  auto repeated = maps.unsqueeze(1).expand({n, r, c, h, w}).reshape({n * r, c, h, w});
  return torch::nn::functional::grid_sample(repeated, grid,
                                            torch::nn::functional::GridSampleFuncOptions()
                                                .mode(torch::kBilinear)
                                                .padding_mode(torch::kZeros)
                                                .align_corners(false));
}

at::Tensor TransporterImpl::place_logits(const at::Tensor& maps, const at::Tensor& tokens, const at::Tensor& rows,
                                         const at::Tensor& cols) {
  const int64_t n = maps.size(0), h = maps.size(2), w = maps.size(3);
  const int64_t c = options_.kernel_channels, r = options_.rotations, k = options_.crop;
  auto sentence = text_->forward(tokens);
  auto key = key_->forward(maps, sentence);  // [N, C, H, W]
  // Ravens' query: the image around the pick turned to every rotation, then
  // the query FCN on each turned crop, so a turn of the object is a turn of
  // the pixels the network sees (an FCN's features do not turn with its input).
  auto crops = turned_crops(maps, rows, cols, r, k);                               // [N * R, 4, k, k]
  auto kernels = query_->forward(crops, sentence.repeat_interleave(r, 0));      // [N * R, C, k, k]
  // pad so that output pixel (i, j) correlates key pixels (i + du, j + dv)
  auto padded = torch::constant_pad_nd(key, {k / 2, k - 1 - k / 2, k / 2, k - 1 - k / 2});
  // one grouped convolution correlates each sample's key with its own kernels
  auto out = torch::conv2d(padded.reshape({1, n * c, h + k - 1, w + k - 1}), kernels, at::Tensor(), at::IntArrayRef{1}, at::IntArrayRef{0}, at::IntArrayRef{1}, n);
  return out.view({n, r * h * w});
}

at::Tensor transporter_maps(const at::Tensor& rgb_u8, const at::Tensor& height) {
  auto color = (rgb_u8.permute({0, 3, 1, 2}).to(torch::kFloat) / 255.0 - kColorMean) / kColorStd;
  auto z = (height.to(torch::kFloat).unsqueeze(1) - kHeightMean) / kHeightStd;
  return torch::cat({color, z}, 1);
}

}  // namespace ember
