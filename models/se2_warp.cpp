#include "models/se2_warp.h"

#include <torch/torch.h>

namespace ember {

at::Tensor se2_warp(const at::Tensor& maps, const at::Tensor& angles, const at::Tensor& shift_rows,
                    const at::Tensor& shift_cols) {
  const int64_t n = maps.size(0), h = maps.size(2), w = maps.size(3);
  auto opts = torch::TensorOptions().dtype(torch::kFloat);
  // each output pixel's centre, relative to the map centre and the shift
  auto xs = (torch::arange(w, opts) + 0.5 - w / 2.0).view({1, 1, w});
  auto ys = (torch::arange(h, opts) + 0.5 - h / 2.0).view({1, h, 1});
  auto dx = xs - shift_cols.to(torch::kFloat).view({n, 1, 1});
  auto dy = ys - shift_rows.to(torch::kFloat).view({n, 1, 1});
  auto cos = angles.to(torch::kFloat).cos().view({n, 1, 1}), sin = angles.to(torch::kFloat).sin().view({n, 1, 1});
  // source = R(-angle) (dst - centre - shift) + centre, in grid_sample's [-1, 1]
  auto src_x = (cos * dx + sin * dy) * (2.0 / w);
  auto src_y = (-sin * dx + cos * dy) * (2.0 / h);
  auto grid = torch::stack({src_x.expand({n, h, w}), src_y.expand({n, h, w})}, -1);
  return torch::nn::functional::grid_sample(maps, grid,
                                            torch::nn::functional::GridSampleFuncOptions()
                                                .mode(torch::kBilinear)
                                                .padding_mode(torch::kZeros)
                                                .align_corners(false));
}

}  // namespace ember
