// File: models/text_encoder.h
//
// ember's own sentence encoder for language-conditioned policies (no CLIP
// weights can be had here): a word embedding and a GRU run over the tokens;
// the sentence vector is the GRU state after the last real token. Word order
// matters to it, which a bag of words would lose ("pick up the red block and
// place it on the blue bowl" vs "... blue block ... red bowl").
//
// Input: int64 token ids [N, L], 0 = padding (trailing). Output: [N, dim].
//
// Example:
//   TextEncoder text(/*vocab=*/64, /*dim=*/64, gen);
//   at::Tensor s = text->forward(tokens);   // [N, 64]
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/rnn.h>

#include <cstdint>

namespace ember {

class TextEncoderImpl : public torch::nn::Module {
 public:
  TextEncoderImpl(int64_t vocab_size, int64_t dim, at::Generator& gen);
  at::Tensor forward(const at::Tensor& tokens);
  int64_t dim() const { return dim_; }

 private:
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::GRUCell gru_{nullptr};
  int64_t dim_;
};
TORCH_MODULE(TextEncoder);

}  // namespace ember
