#include "models/lang_fcn.h"

#include <cmath>
#include <stdexcept>

#include <torch/torch.h>

#include "models/init.h"

namespace ember {
namespace {

torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel, int64_t stride, double gain, at::Generator& gen) {
  auto c = torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2));
  torch::NoGradGuard no_grad;
  orthogonal_init_(c->weight, gain, gen);
  c->bias.zero_();
  return c;
}

torch::nn::Sequential conv_relu(int64_t in, int64_t out, int64_t stride, at::Generator& gen) {
  return torch::nn::Sequential(conv(in, out, 3, stride, std::sqrt(2.0), gen), torch::nn::ReLU());
}

// conv3x3 (stride) -> ReLU -> conv3x3 -> ReLU
torch::nn::Sequential two_convs(int64_t in, int64_t out, int64_t stride, at::Generator& gen) {
  return torch::nn::Sequential(conv(in, out, 3, stride, std::sqrt(2.0), gen), torch::nn::ReLU(),
                               conv(out, out, 3, 1, std::sqrt(2.0), gen), torch::nn::ReLU());
}

}  // namespace

LangFcnImpl::LangFcnImpl(int64_t in_channels, int64_t out_channels, const std::vector<int64_t>& w,
                         int64_t text_dim, at::Generator& gen) {
  if (w.size() != 4) throw std::invalid_argument("LangFcn needs 4 widths, got " + std::to_string(w.size()));
  stem_ = register_module("stem", two_convs(in_channels, w[0], 1, gen));
  down_ = register_module("down", torch::nn::ModuleList());
  for (int i = 1; i <= 3; ++i)
    down_->push_back(two_convs(w[i - 1], w[i], 2, gen));
  up_ = register_module("up", torch::nn::ModuleList());
  for (int i = 2; i >= 0; --i) up_->push_back(conv_relu(w[i + 1] + w[i], w[i], 1, gen));
  // FiLM on the bottleneck (w3) and after the first two decoder stages (w2, w1)
  film_ = register_module("film", torch::nn::ModuleList());
  for (int64_t c : {w[3], w[2], w[1]}) film_->push_back(torch::nn::Linear(text_dim, 2 * c));
  for (const auto& f : *film_) default_init_(*f, gen);
  head_ = register_module("head", conv(w[0], out_channels, 1, 1, 1.0, gen));
}

at::Tensor LangFcnImpl::film(int index, const at::Tensor& x, const at::Tensor& sentence) {
  auto gb = film_->ptr<torch::nn::LinearImpl>(index)->forward(sentence);  // [N, 2C]
  auto parts = gb.unsqueeze(2).unsqueeze(3).chunk(2, 1);
  return x * (1 + parts[0]) + parts[1];
}

at::Tensor LangFcnImpl::forward(const at::Tensor& maps, const at::Tensor& sentence) {
  std::vector<at::Tensor> skips{stem_->forward(maps)};
  for (const auto& d : *down_) skips.push_back(d->as<torch::nn::SequentialImpl>()->forward(skips.back()));
  at::Tensor x = film(0, skips.back(), sentence);
  for (int stage = 0; stage < 3; ++stage) {
    const at::Tensor& skip = skips[2 - stage];
    x = torch::nn::functional::interpolate(
        x, torch::nn::functional::InterpolateFuncOptions()
               .size(std::vector<int64_t>{skip.size(2), skip.size(3)})
               .mode(torch::kBilinear)
               .align_corners(false));
    x = up_->ptr<torch::nn::SequentialImpl>(stage)->forward(torch::cat({x, skip}, 1));
    if (stage < 2) x = film(stage + 1, x, sentence);
  }
  return head_->forward(x);
}

}  // namespace ember
