// File: models/qmix_mixer.h
//
// The QMIX monotonic mixing network (Rashid et al. 2018), as in EPyMARL's
// src/modules/mixers/qmix.py with hypernet_layers = 2: hypernetworks of the
// global state produce non-negative mixing weights, so Q_tot is monotonic in
// every agent's Q.
//
//   w1 = |Linear(s,64)-ReLU-Linear(64, n*E)|   b1 = Linear(s, E)
//   h  = ELU(q . w1 + b1)                      w2 = |Linear(s,64)-ReLU-Linear(64, E)|
//   V  = Linear(s,E)-ReLU-Linear(E,1)          Q_tot = h . w2 + V
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>

namespace ember {

class QmixMixerImpl : public torch::nn::Module {
 public:
  QmixMixerImpl(int64_t agents, int64_t state_dim, int64_t embed = 32, int64_t hypernet_embed = 64);
  // q [batch, agents], state [batch, state_dim] -> [batch]
  at::Tensor forward(const at::Tensor& q, const at::Tensor& state);

 private:
  int64_t agents_, embed_;
  torch::nn::Sequential hyper_w1_{nullptr}, hyper_w2_{nullptr}, value_{nullptr};
  torch::nn::Linear hyper_b1_{nullptr};
};
TORCH_MODULE(QmixMixer);

}  // namespace ember
