// File: models/visual_actor_critic.h
//
// The recurrent visual actor-critic of the codebook paper (EmbCLIP and
// EmbCLIP-Codebook; reference codebook_objectnav.md §1), with ember's small
// trainable CNN in place of the frozen CLIP ResNet-50:
//
//   frame [N, 3, H, W] -> ConvEncoder -> grid [N, C, 7, 7]
//   grid + goal id     -> GoalVisualFusion -> [N, 1568]
//   previous action    -> Embedding(actions, 6), zero at an episode's first step
//   e = concat         -> [N, 1574]
//   codebook (optional) e -> e_hat, same width (CodebookBottleneck)
//   GRUCell(1574 -> hidden), orthogonal weights, zero biases
//   actor Linear(hidden -> actions) orthogonal gain 0.01; critic Linear(hidden -> 1) gain 1
//
// The baseline and the codebook variant differ only in the bottleneck.
// None of this knows an env: the caller hands frames, goal ids and actions.
//
// Example:
//   VisualActorCritic net(VisualActorCriticOptions{...}, gen);
//   at::Tensor grid = net->encode(frames);
//   at::Tensor x = net->features(grid, goal_ids, prev_actions, /*dropout=*/&gen);
//   at::Tensor h1 = net->recur(x, h0);
//   auto [logits, value] = net->heads(h1);
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/rnn.h>

#include <cstdint>
#include <utility>

#include "models/codebook_bottleneck.h"
#include "models/conv_encoder.h"
#include "models/goal_visual_fusion.h"

namespace ember {

struct VisualActorCriticOptions {
  int64_t height = 64, width = 64;
  int64_t num_goals = 11;
  int64_t num_actions = 6;
  int64_t prev_action_dim = 6;  // 0: no previous-action input
  int64_t hidden = 512;         // GRU width
  bool codebook = false;
  CodebookOptions codebook_options;
  ConvEncoderOptions encoder;
};

class VisualActorCriticImpl : public torch::nn::Module {
 public:
  VisualActorCriticImpl(const VisualActorCriticOptions& options, at::Generator& gen);

  // The CNN's feature grid [N, C, h, w] of frames float [N, 3, H, W] in
  // [0, 1]. Separate from features() so that a caller with a frozen encoder
  // can encode each frame once and keep the grid instead of the frame.
  at::Tensor encode(const at::Tensor& frames);
  // grid from encode(); goal_ids, prev_actions int64 [N] (prev_actions -1 at
  // an episode's first step). Returns the GRU input (e, or e_hat with the
  // codebook) [N, embed_dim()]. `dropout` is the generator of the codebook's
  // dropout; null = none (evaluation).
  at::Tensor features(const at::Tensor& grid, const at::Tensor& goal_ids, const at::Tensor& prev_actions,
                      at::Generator* dropout);
  // One GRU step: x [N, embed_dim()], h [N, hidden] -> next h.
  at::Tensor recur(const at::Tensor& x, const at::Tensor& h);
  // {logits [N, actions], value [N]} of GRU states h [N, hidden].
  std::pair<at::Tensor, at::Tensor> heads(const at::Tensor& h);
  // The codebook's code probabilities (before dropout) [N, codes]; needs options().codebook.
  at::Tensor code_probabilities(const at::Tensor& grid, const at::Tensor& goal_ids, const at::Tensor& prev_actions);

  int64_t embed_dim() const { return embed_dim_; }
  ConvEncoder& encoder() { return encoder_; }
  const VisualActorCriticOptions& options() const { return options_; }

 private:
  // e = [fusion(grid, goal) | prev-action embedding]
  at::Tensor embedding(const at::Tensor& grid, const at::Tensor& goal_ids, const at::Tensor& prev_actions);

  VisualActorCriticOptions options_;
  int64_t embed_dim_ = 0;
  ConvEncoder encoder_{nullptr};
  GoalVisualFusion fusion_{nullptr};
  torch::nn::Embedding prev_action_{nullptr};
  CodebookBottleneck codebook_{nullptr};
  torch::nn::GRUCell gru_{nullptr};
  torch::nn::Linear actor_{nullptr}, critic_{nullptr};
};
TORCH_MODULE(VisualActorCritic);

}  // namespace ember
