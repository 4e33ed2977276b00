// File: models/codebook_bottleneck.h
//
// The task-conditioned codebook bottleneck of "Selective Visual
// Representations Improve Convergence and Generalization for Embodied AI"
// (Eftekhar et al., ICLR 2024), exactly as the reference implementation's
// default path (reference codebook_objectnav.md §2):
//
//   scores  s = Linear(E -> K)(ReLU(e))            goal-conditioned: e holds visual + goal + previous action
//   probs   p = softmax(s)                         no temperature
//   dropout p <- Dropout(0.1)(p)                   kept entries scaled by 1/0.9, not renormalised
//   mix     h = p . C                              C: K x d learnable codes, init N(0, 1)
//   up      e_hat = Linear(d -> E)(h)              no activation
//
// With K = 256, d = 10 and E = 1574 it has 423,074 parameters
// (parameter_count(E, K, d) = K*d + (E+1)*K + (d+1)*E).
//
// Dropout draws its mask from a generator the caller passes (ember has no
// global RNG; torch::nn::Dropout would draw from LibTorch's); without one,
// e.g. in evaluation, there is no dropout.
//
// Example:
//   CodebookBottleneck codebook(/*embed_dim=*/1574, CodebookOptions{}, gen);
//   at::Tensor e_hat = codebook->forward(e, &train_gen);   // [N, 1574] -> [N, 1574]
//   at::Tensor p = codebook->probabilities(e);      // [N, 256], which codes the goal selects
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

#include <cstdint>

namespace ember {

struct CodebookOptions {
  int64_t codes = 256;    // K
  int64_t code_dim = 10;  // d
  double dropout = 0.1;   // on the code probabilities
};

class CodebookBottleneckImpl : public torch::nn::Module {
 public:
  CodebookBottleneckImpl(int64_t embed_dim, const CodebookOptions& options, at::Generator& gen);
  // `dropout_generator` null: no dropout.
  at::Tensor forward(const at::Tensor& embedding, at::Generator* dropout_generator);
  // softmax(scores) before dropout: each row a distribution over the codes.
  at::Tensor probabilities(const at::Tensor& embedding);
  static int64_t parameter_count(int64_t embed_dim, int64_t codes, int64_t code_dim) {
    return codes * code_dim + (embed_dim + 1) * codes + (code_dim + 1) * embed_dim;
  }

 private:
  at::Tensor codebook_;  // [K, d]
  torch::nn::Linear indexer_{nullptr}, upsample_{nullptr};
  double dropout_;
};
TORCH_MODULE(CodebookBottleneck);

}  // namespace ember
