#include "models/conv_encoder.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

ConvEncoderImpl::ConvEncoderImpl(const ConvEncoderOptions& o, int64_t height, int64_t width, at::Generator& gen) {
  const size_t n = o.channels.size();
  if (n == 0 || o.kernels.size() != n || o.strides.size() != n || o.paddings.size() != n)
    throw std::invalid_argument("ConvEncoder: channels, kernels, strides and paddings need one entry per layer");
  layers_ = register_module("layers", torch::nn::Sequential());
  int64_t in = 3, h = height, w = width;
  torch::NoGradGuard no_grad;
  for (size_t i = 0; i < n; ++i) {
    auto conv = torch::nn::Conv2d(
        torch::nn::Conv2dOptions(in, o.channels[i], o.kernels[i]).stride(o.strides[i]).padding(o.paddings[i]));
    orthogonal_init_(conv->weight, std::sqrt(2.0), gen);
    conv->bias.zero_();
    layers_->push_back(conv);
    layers_->push_back(torch::nn::ReLU());
    h = (h + 2 * o.paddings[i] - o.kernels[i]) / o.strides[i] + 1;
    w = (w + 2 * o.paddings[i] - o.kernels[i]) / o.strides[i] + 1;
    if (h < 1 || w < 1)
      throw std::invalid_argument("ConvEncoder: a " + std::to_string(height) + "x" + std::to_string(width) +
                                  " frame is too small for layer " + std::to_string(i + 1));
    in = o.channels[i];
  }
  out_channels_ = in;
  grid_h_ = h;
  grid_w_ = w;
}

at::Tensor ConvEncoderImpl::forward(const at::Tensor& frames) { return layers_->forward(frames); }

at::Tensor frames_to_float(const at::Tensor& u8_nhwc) {
  return u8_nhwc.permute({0, 3, 1, 2}).to(torch::kFloat).div_(255.0);
}

}  // namespace ember
