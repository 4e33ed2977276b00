// File: models/text_encoder.h
//
// ember's own sentence encoder for language-conditioned policies (no CLIP
// weights can be had here): a word embedding and a bidirectional GRU; the
// sentence vector is the forward GRU's state after the last real token next
// to the backward GRU's after the first (dim / 2 each). Word order matters
// to it, which a bag of words would lose ("pick up the red block and place
// it on the blue bowl" vs "... blue block ... red bowl"); the backward half
// keeps the sentence's opening words (what to pick), which a one-way GRU's
// last state, dominated by the closing words (where to place), lost.
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
  // Throws std::invalid_argument unless dim is positive and even.
  TextEncoderImpl(int64_t vocab_size, int64_t dim, at::Generator& gen);
  at::Tensor forward(const at::Tensor& tokens);
  int64_t dim() const { return dim_; }

 private:
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::GRUCell forward_gru_{nullptr}, backward_gru_{nullptr};
  int64_t dim_;
};
TORCH_MODULE(TextEncoder);

}  // namespace ember
