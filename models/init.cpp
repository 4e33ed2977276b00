#include "models/init.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

namespace ember {

at::Generator make_generator(uint64_t seed) {
  return at::make_generator<at::CPUGeneratorImpl>(seed);
}

void orthogonal_init_(at::Tensor weight, double gain, at::Generator& gen) {
  torch::NoGradGuard no_grad;
  const int64_t rows = weight.size(0);
  const int64_t cols = weight.numel() / rows;
  // QR of a Gaussian matrix, sign-corrected so the result is uniform over
  // orthogonal matrices
  auto flat = at::empty({rows, cols}, weight.options()).normal_(0.0, 1.0, gen);
  if (rows < cols) flat = flat.t();
  auto qr = torch::linalg_qr(flat);
  auto q = std::get<0>(qr);
  auto d = torch::diagonal(std::get<1>(qr), 0).sign();
  q = q * d.unsqueeze(0);
  if (rows < cols) q = q.t();
  weight.view({rows, cols}).copy_(q * gain);
}

}  // namespace ember

namespace ember {

void default_init_(torch::nn::Module& module, at::Generator& gen) {
  torch::NoGradGuard no_grad;
  for (auto& child : module.modules(/*include_self=*/true)) {
    if (auto* linear = child->as<torch::nn::Linear>()) {
      const double bound = 1.0 / std::sqrt(static_cast<double>(linear->weight.size(1)));
      linear->weight.uniform_(-bound, bound, gen);
      if (linear->bias.defined()) linear->bias.uniform_(-bound, bound, gen);
    } else if (auto* gru = child->as<torch::nn::GRUCell>()) {
      const double bound = 1.0 / std::sqrt(static_cast<double>(gru->options.hidden_size()));
      for (auto& p : gru->parameters(/*recurse=*/false)) p.uniform_(-bound, bound, gen);
    }
  }
}

}  // namespace ember
