// File: models/conv_encoder.h
//
// A small trainable CNN that turns an RGB frame into a grid of visual
// features — ember's stand-in for the frozen CLIP ResNet-50 grid of the
// codebook paper (reference codebook_objectnav.md §1, step 1), sized for a
// CPU: at 64 x 64 the default layers (32 8x8/4, 64 3x3/2, 64 3x3/1 padded)
// give a 64 x 7 x 7 grid, the same 7 x 7 layout as the reference's 2048 x 7 x 7.
//
// Input: float [N, 3, H, W] in [0, 1]. Output: [N, channels.back(), h, w],
// every layer followed by ReLU. Weights orthogonal with gain sqrt(2), biases
// zero (the Atari-CNN convention of PPO implementations).
//
// Example:
//   ConvEncoder cnn(ConvEncoderOptions{}, /*height=*/64, /*width=*/64, gen);
//   at::Tensor grid = cnn->forward(frames);           // [N, 64, 7, 7]
//   cnn->grid_height(), cnn->grid_width(), cnn->out_channels()
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>

#include <cstdint>
#include <vector>

namespace ember {

struct ConvEncoderOptions {
  std::vector<int64_t> channels = {32, 64, 64};
  std::vector<int64_t> kernels = {8, 3, 3};
  std::vector<int64_t> strides = {4, 2, 1};
  std::vector<int64_t> paddings = {0, 0, 1};
};

class ConvEncoderImpl : public torch::nn::Module {
 public:
  // Throws std::invalid_argument when the layer lists differ in length or the
  // frame is too small for the layers.
  ConvEncoderImpl(const ConvEncoderOptions& options, int64_t height, int64_t width, at::Generator& gen);
  at::Tensor forward(const at::Tensor& frames);
  int64_t out_channels() const { return out_channels_; }
  int64_t grid_height() const { return grid_h_; }
  int64_t grid_width() const { return grid_w_; }

 private:
  torch::nn::Sequential layers_{nullptr};
  int64_t out_channels_ = 0, grid_h_ = 0, grid_w_ = 0;
};
TORCH_MODULE(ConvEncoder);

// An env's u8 frames [N, H, W, 3] as the encoder's input: float [N, 3, H, W]
// in [0, 1] (a permuted view converted once; no other copy).
at::Tensor frames_to_float(const at::Tensor& u8_nhwc);

}  // namespace ember
