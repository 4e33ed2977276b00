#include "models/text_encoder.h"

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

TextEncoderImpl::TextEncoderImpl(int64_t vocab_size, int64_t dim, at::Generator& gen) : dim_(dim) {
  embedding_ = register_module("embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(vocab_size, dim)));
  gru_ = register_module("gru", torch::nn::GRUCell(dim, dim));
  default_init_(*gru_, gen);
  torch::NoGradGuard no_grad;
  embedding_->weight.normal_(0.0, 1.0, gen);  // nn.Embedding's N(0, 1), from ember's generator
}

at::Tensor TextEncoderImpl::forward(const at::Tensor& tokens) {
  const int64_t n = tokens.size(0);
  // stop after the longest sentence: padding would leave every state as it is
  const int64_t length = n == 0 ? 0 : tokens.ne(0).sum(1).max().item<int64_t>();
  auto words = embedding_->forward(tokens);  // [N, L, dim]
  auto real = tokens.ne(0).to(torch::kFloat).unsqueeze(2);  // [N, L, 1]
  auto h = torch::zeros({n, dim_}, words.options());
  // Padding leaves the state as it was, so the result is the state after
  // the last real token whatever the padding length.
  for (int64_t t = 0; t < length; ++t) {
    auto next = gru_->forward(words.select(1, t), h);
    auto m = real.select(1, t);
    h = m * next + (1 - m) * h;
  }
  return h;
}

}  // namespace ember
