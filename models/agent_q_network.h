// File: models/agent_q_network.h
//
// The per-agent Q network of EPyMARL's rnn_agent.py, shared across agents:
// Linear(in, h)-ReLU, then a GRUCell(h, h) (recurrent) or Linear(h, h)-ReLU,
// then Linear(h, n_actions). The input is the agent's observation plus a
// one-hot agent id.
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/rnn.h>

namespace ember {

class AgentQNetworkImpl : public torch::nn::Module {
 public:
  AgentQNetworkImpl(int64_t in, int64_t hidden, int64_t actions, bool recurrent);
  // x [rows, in], h [rows, hidden] (ignored by the MLP) -> {q [rows, actions], next h}
  std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& x, const at::Tensor& h);
  // A whole sequence from a zero hidden state: x [T, rows, in] -> q [T, rows, actions].
  // The recurrent path runs LibTorch's fused GRU over T with the same weights
  // as the step-wise GRUCell, which is many times faster than T cell calls.
  at::Tensor forward_sequence(const at::Tensor& x);
  // A sequence whose rows may start new episodes part-way: x [T, rows, in],
  // h0 [rows, hidden] the state before step 0, starts [T, rows] (bool) true
  // where the hidden state is reset to zero before that step. Equals the
  // step-wise loop (tested) but runs LibTorch's fused GRU once over all
  // episode segments, padded to the longest. -> [T, rows, actions]
  at::Tensor forward_sequence(const at::Tensor& x, const at::Tensor& h0, const at::Tensor& starts);
  bool recurrent() const { return recurrent_; }
  int64_t hidden() const { return hidden_; }

 private:
  int64_t hidden_;
  bool recurrent_;
  torch::nn::Linear fc1_{nullptr}, fc_mid_{nullptr}, fc2_{nullptr};
  torch::nn::GRUCell gru_{nullptr};
};
TORCH_MODULE(AgentQNetwork);

}  // namespace ember
