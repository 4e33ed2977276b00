#include "models/agent_q_network.h"

#include <torch/torch.h>

namespace ember {

AgentQNetworkImpl::AgentQNetworkImpl(int64_t in, int64_t hidden, int64_t actions, bool recurrent)
    : hidden_(hidden), recurrent_(recurrent) {
  fc1_ = register_module("fc1", torch::nn::Linear(in, hidden));
  if (recurrent)
    gru_ = register_module("gru", torch::nn::GRUCell(hidden, hidden));
  else
    fc_mid_ = register_module("fc_mid", torch::nn::Linear(hidden, hidden));
  fc2_ = register_module("fc2", torch::nn::Linear(hidden, actions));
}

std::pair<at::Tensor, at::Tensor> AgentQNetworkImpl::forward(const at::Tensor& x, const at::Tensor& h) {
  auto y = torch::relu(fc1_->forward(x));
  at::Tensor next = recurrent_ ? gru_->forward(y, h) : torch::relu(fc_mid_->forward(y));
  return {fc2_->forward(next), recurrent_ ? next : h};
}

}  // namespace ember
