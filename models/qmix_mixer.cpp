#include "models/qmix_mixer.h"

#include <torch/torch.h>

namespace ember {

QmixMixerImpl::QmixMixerImpl(int64_t agents, int64_t state_dim, int64_t embed, int64_t hypernet_embed)
    : agents_(agents), embed_(embed) {
  using namespace torch::nn;
  hyper_w1_ = register_module("hyper_w1", Sequential(Linear(state_dim, hypernet_embed), ReLU(),
                                                     Linear(hypernet_embed, agents * embed)));
  hyper_w2_ = register_module("hyper_w2", Sequential(Linear(state_dim, hypernet_embed), ReLU(),
                                                     Linear(hypernet_embed, embed)));
  hyper_b1_ = register_module("hyper_b1", Linear(state_dim, embed));
  value_ = register_module("value", Sequential(Linear(state_dim, embed), ReLU(), Linear(embed, 1)));
}

at::Tensor QmixMixerImpl::forward(const at::Tensor& q, const at::Tensor& state) {
  const int64_t batch = q.size(0);
  auto w1 = torch::abs(hyper_w1_->forward(state)).view({batch, agents_, embed_});
  auto b1 = hyper_b1_->forward(state).view({batch, 1, embed_});
  auto hidden = torch::elu(torch::bmm(q.view({batch, 1, agents_}), w1) + b1);
  auto w2 = torch::abs(hyper_w2_->forward(state)).view({batch, embed_, 1});
  auto v = value_->forward(state).view({batch, 1, 1});
  return (torch::bmm(hidden, w2) + v).view({batch});
}

}  // namespace ember
