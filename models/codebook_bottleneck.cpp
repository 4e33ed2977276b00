#include "models/codebook_bottleneck.h"

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

CodebookBottleneckImpl::CodebookBottleneckImpl(int64_t embed_dim, const CodebookOptions& o, at::Generator& gen)
    : dropout_(o.dropout) {
  codebook_ = register_parameter("codebook", torch::empty({o.codes, o.code_dim}));
  indexer_ = register_module("indexer", torch::nn::Linear(embed_dim, o.codes));
  upsample_ = register_module("upsample", torch::nn::Linear(o.code_dim, embed_dim));
  default_init_(*indexer_, gen);  // nn.Linear's defaults, drawn from `gen`
  default_init_(*upsample_, gen);
  torch::NoGradGuard no_grad;
  codebook_.normal_(0.0, 1.0, gen);
}

at::Tensor CodebookBottleneckImpl::probabilities(const at::Tensor& embedding) {
  return torch::softmax(indexer_->forward(torch::relu(embedding)), 1);
}

at::Tensor CodebookBottleneckImpl::forward(const at::Tensor& embedding, at::Generator* dropout_generator) {
  auto p = probabilities(embedding);
  if (dropout_generator && dropout_ > 0) {
    // inverted dropout, as nn.Dropout: keep with probability 1 - rate, scale by 1 / (1 - rate)
    auto keep = at::empty_like(p).bernoulli_(1.0 - dropout_, *dropout_generator);
    p = p * keep / (1.0 - dropout_);
  }
  return upsample_->forward(torch::matmul(p, codebook_));
}

}  // namespace ember
