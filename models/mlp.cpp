#include "models/mlp.h"

#include <cmath>

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

MlpImpl::MlpImpl(int64_t in, const std::vector<int64_t>& hidden, int64_t out, double out_gain,
                 at::Generator& gen) {
  layers_ = register_module("layers", torch::nn::Sequential());
  int64_t width = in;
  auto add_linear = [&](int64_t to, double gain) {
    torch::nn::Linear linear(width, to);
    orthogonal_init_(linear->weight, gain, gen);
    torch::NoGradGuard no_grad;
    linear->bias.zero_();
    layers_->push_back(linear);
    width = to;
  };
  for (int64_t h : hidden) {
    add_linear(h, std::sqrt(2.0));
    layers_->push_back(torch::nn::Tanh());
  }
  add_linear(out, out_gain);
}

at::Tensor MlpImpl::forward(const at::Tensor& x) { return layers_->forward(x); }

}  // namespace ember
