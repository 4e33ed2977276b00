#include "models/text_encoder.h"

#include <stdexcept>
#include <string>

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

TextEncoderImpl::TextEncoderImpl(int64_t vocab_size, int64_t dim, at::Generator& gen) : dim_(dim) {
  if (dim <= 0 || dim % 2 != 0)
    throw std::invalid_argument("TextEncoder dim must be a positive even number, got " + std::to_string(dim));
  embedding_ = register_module("embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(vocab_size, dim)));
  forward_gru_ = register_module("forward_gru", torch::nn::GRUCell(dim, dim / 2));
  backward_gru_ = register_module("backward_gru", torch::nn::GRUCell(dim, dim / 2));
  default_init_(*forward_gru_, gen);
  default_init_(*backward_gru_, gen);
  torch::NoGradGuard no_grad;
  embedding_->weight.normal_(0.0, 1.0, gen);  // nn.Embedding's N(0, 1), from ember's generator
}

at::Tensor TextEncoderImpl::forward(const at::Tensor& tokens) {
  const int64_t n = tokens.size(0);
  // stop after the longest sentence: padding would leave every state as it is
  const int64_t length = n == 0 ? 0 : tokens.ne(0).sum(1).max().item<int64_t>();
  auto words = embedding_->forward(tokens);  // [N, L, dim]
  auto real = tokens.ne(0).to(torch::kFloat).unsqueeze(2);  // [N, L, 1]
  // Padding leaves a state as it was, so each direction's result is its
  // state after the sentence's last (first) real token whatever the padding.
  auto run = [&](torch::nn::GRUCell& gru, int64_t t, at::Tensor h) {
    auto m = real.select(1, t);
    return m * gru->forward(words.select(1, t), h) + (1 - m) * h;
  };
  auto forwards = torch::zeros({n, dim_ / 2}, words.options());
  auto backwards = torch::zeros({n, dim_ / 2}, words.options());
  for (int64_t t = 0; t < length; ++t) forwards = run(forward_gru_, t, forwards);
  for (int64_t t = length - 1; t >= 0; --t) backwards = run(backward_gru_, t, backwards);
  return torch::cat({forwards, backwards}, 1);
}

}  // namespace ember
