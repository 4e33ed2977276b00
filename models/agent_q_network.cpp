#include "models/agent_q_network.h"

#include <torch/torch.h>

#include <algorithm>
#include <vector>

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

at::Tensor AgentQNetworkImpl::forward_sequence(const at::Tensor& x) {
  auto y = torch::relu(fc1_->forward(x));
  if (!recurrent_) return fc2_->forward(torch::relu(fc_mid_->forward(y)));
  auto h0 = torch::zeros({1, x.size(1), hidden_});
  std::vector<at::Tensor> weights = {gru_->weight_ih, gru_->weight_hh, gru_->bias_ih, gru_->bias_hh};
  auto out = std::get<0>(at::gru(y, h0, weights, /*has_biases=*/true, /*num_layers=*/1, /*dropout=*/0.0,
                                 is_training(), /*bidirectional=*/false, /*batch_first=*/false));
  return fc2_->forward(out);
}

at::Tensor AgentQNetworkImpl::forward_sequence(const at::Tensor& x, const at::Tensor& h0, const at::Tensor& starts) {
  const int64_t T = x.size(0), rows = x.size(1);
  if (!recurrent_) return forward_sequence(x);
  // Cut every row into segments that start at step 0 or at a reset.
  auto starts_cpu = starts.to(torch::kBool).contiguous();
  const bool* start = starts_cpu.data_ptr<bool>();
  std::vector<int64_t> seg_row, seg_begin, seg_length;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t begin = 0;
    for (int64_t t = 1; t <= T; ++t)
      if (t == T || start[t * rows + r]) {
        seg_row.push_back(r);
        seg_begin.push_back(begin);
        seg_length.push_back(t - begin);
        begin = t;
      }
  }
  const auto S = static_cast<int64_t>(seg_row.size());
  const int64_t L = *std::max_element(seg_length.begin(), seg_length.end());
  // padded[k, s] reads step begin_s + k of row_s (padding repeats a valid
  // entry: a GRU's outputs never depend on later inputs); out_index maps every
  // (t, r) back to its padded position.
  std::vector<int64_t> in_index(static_cast<size_t>(L * S)), out_index(static_cast<size_t>(T * rows));
  std::vector<float> keep_h0(static_cast<size_t>(S));  // 1: the segment starts from h0
  for (int64_t s = 0; s < S; ++s) {
    const auto i = static_cast<size_t>(s);
    keep_h0[i] = (seg_begin[i] > 0 || start[seg_row[i]]) ? 0.0f : 1.0f;
    for (int64_t k = 0; k < L; ++k) {
      const int64_t t = seg_begin[i] + std::min(k, seg_length[i] - 1);
      in_index[static_cast<size_t>(k * S + s)] = t * rows + seg_row[i];
      if (k < seg_length[i]) out_index[static_cast<size_t>(t * rows + seg_row[i])] = k * S + s;
    }
  }
  auto flat = x.reshape({T * rows, x.size(2)});
  auto padded = flat.index_select(0, torch::tensor(in_index)).view({L, S, x.size(2)});
  auto y = torch::relu(fc1_->forward(padded));
  auto keep = torch::tensor(keep_h0).unsqueeze(1);
  auto initial = (h0.index_select(0, torch::tensor(seg_row)) * keep).unsqueeze(0);
  std::vector<at::Tensor> weights = {gru_->weight_ih, gru_->weight_hh, gru_->bias_ih, gru_->bias_hh};
  auto out = std::get<0>(at::gru(y, initial, weights, /*has_biases=*/true, /*num_layers=*/1, /*dropout=*/0.0,
                                 is_training(), /*bidirectional=*/false, /*batch_first=*/false));
  auto q = fc2_->forward(out).reshape({L * S, -1});
  return q.index_select(0, torch::tensor(out_index)).view({T, rows, -1});
}

}  // namespace ember
