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

namespace ember {

at::Tensor AgentQNetworkImpl::forward_sequence(const at::Tensor& x) {
  auto y = torch::relu(fc1_->forward(x));
  if (!recurrent_) return fc2_->forward(torch::relu(fc_mid_->forward(y)));
  auto h0 = torch::zeros({1, x.size(1), hidden_});
  std::vector<at::Tensor> weights = {gru_->weight_ih, gru_->weight_hh, gru_->bias_ih, gru_->bias_hh};
  auto out = std::get<0>(at::gru(y, h0, weights, /*has_biases=*/true, /*num_layers=*/1, /*dropout=*/0.0,
                                 is_training(), /*bidirectional=*/false, /*batch_first=*/false));
  return fc2_->forward(out);
}

}  // namespace ember
