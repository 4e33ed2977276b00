// File: models/mlp.h
//
// A multi-layer perceptron with tanh hidden activations, orthogonally
// initialised (hidden gain sqrt(2), output gain chosen by the caller, biases
// zero) — the PPO implementation-detail defaults (Huang et al., "The 37
// Implementation Details of PPO").
//
// Example:
//   Mlp actor(/*in=*/4, /*hidden=*/{64, 64}, /*out=*/2, /*out_gain=*/0.01, gen);
//   at::Tensor logits = actor->forward(obs);   // obs [B, 4] -> [B, 2]
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>

#include <vector>

namespace ember {

class MlpImpl : public torch::nn::Module {
 public:
  MlpImpl(int64_t in, const std::vector<int64_t>& hidden, int64_t out, double out_gain,
          at::Generator& gen);
  at::Tensor forward(const at::Tensor& x);

 private:
  torch::nn::Sequential layers_{nullptr};
};
TORCH_MODULE(Mlp);

}  // namespace ember
