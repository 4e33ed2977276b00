// File: models/lang_fcn.h
//
// A language-conditioned fully convolutional network: the hourglass that
// gives Transporter's per-pixel maps (reference lohoravens.md §10, a CPU-sized
// stand-in for ResNet43_8s), with the sentence vector fused in as CLIPort
// fuses language (`lang_fusion_type = mult`), here as FiLM: x * (1 + g(s)) + b(s)
// after the bottleneck and after each of the two coarser decoder stages.
//
//   stem    2 x conv3x3 -> w0                  full resolution   (skip 0)
//   down    3 x [conv3x3/2, conv3x3] -> w1, w2, w3   1/2, 1/4, 1/8 (skips 1, 2)
//   FiLM    on the 1/8 features
//   up      3 x [bilinear x2 to the skip's size, concat skip, conv3x3] -> w2, w1, w0
//           (FiLM after the first two)
//   head    conv1x1 -> out_channels (no activation: logits or features)
// ReLU after every conv but the head. No batch norm (batch sizes of 1).
//
// Input: [N, in_channels, H, W] (any H, W), the sentence [N, text_dim].
// Output: [N, out_channels, H, W].
//
// Example:
//   LangFcn pick(/*in=*/4, /*out=*/1, {16, 32, 64, 64}, /*text_dim=*/64, gen);
//   at::Tensor logits = pick->forward(maps, sentence);   // [N, 1, H, W]
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

#include <cstdint>
#include <vector>

namespace ember {

class LangFcnImpl : public torch::nn::Module {
 public:
  // `widths` has 4 entries (w0..w3). Throws std::invalid_argument otherwise.
  LangFcnImpl(int64_t in_channels, int64_t out_channels, const std::vector<int64_t>& widths, int64_t text_dim,
              at::Generator& gen);
  at::Tensor forward(const at::Tensor& maps, const at::Tensor& sentence);

 private:
  at::Tensor film(int index, const at::Tensor& x, const at::Tensor& sentence);

  torch::nn::Sequential stem_{nullptr};
  torch::nn::ModuleList down_{nullptr}, up_{nullptr}, film_{nullptr};
  torch::nn::Conv2d head_{nullptr};
};
TORCH_MODULE(LangFcn);

}  // namespace ember
