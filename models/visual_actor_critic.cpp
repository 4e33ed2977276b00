#include "models/visual_actor_critic.h"

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

VisualActorCriticImpl::VisualActorCriticImpl(const VisualActorCriticOptions& o, at::Generator& gen) : options_(o) {
  encoder_ = register_module("encoder", ConvEncoder(o.encoder, o.height, o.width, gen));
  fusion_ = register_module("fusion", GoalVisualFusion(encoder_->out_channels(), o.num_goals, encoder_->grid_height(),
                                                       encoder_->grid_width(), gen));
  embed_dim_ = fusion_->out_dim() + o.prev_action_dim;
  torch::NoGradGuard no_grad;
  if (o.prev_action_dim > 0) {
    prev_action_ = register_module("prev_action", torch::nn::Embedding(o.num_actions, o.prev_action_dim));
    prev_action_->weight.normal_(0.0, 1.0, gen);
  }
  if (o.codebook) codebook_ = register_module("codebook", CodebookBottleneck(embed_dim_, o.codebook_options, gen));
  gru_ = register_module("gru", torch::nn::GRUCell(embed_dim_, o.hidden));
  orthogonal_init_(gru_->weight_ih, 1.0, gen);
  orthogonal_init_(gru_->weight_hh, 1.0, gen);
  gru_->bias_ih.zero_();
  gru_->bias_hh.zero_();
  actor_ = register_module("actor", torch::nn::Linear(o.hidden, o.num_actions));
  orthogonal_init_(actor_->weight, 0.01, gen);
  actor_->bias.zero_();
  critic_ = register_module("critic", torch::nn::Linear(o.hidden, 1));
  orthogonal_init_(critic_->weight, 1.0, gen);
  critic_->bias.zero_();
}

at::Tensor VisualActorCriticImpl::encode(const at::Tensor& frames) { return encoder_->forward(frames); }

at::Tensor VisualActorCriticImpl::embedding(const at::Tensor& grid, const at::Tensor& goal_ids,
                                            const at::Tensor& prev_actions) {
  auto visual_goal = fusion_->forward(grid, goal_ids);
  if (prev_action_.is_empty()) return visual_goal;
  // an episode's first step has no previous action: its embedding is zero
  auto valid = (prev_actions >= 0).to(torch::kFloat).unsqueeze(1);
  auto prev = prev_action_->forward(prev_actions.clamp_min(0)) * valid;
  return torch::cat({visual_goal, prev}, 1);
}

at::Tensor VisualActorCriticImpl::features(const at::Tensor& grid, const at::Tensor& goal_ids,
                                           const at::Tensor& prev_actions, at::Generator* dropout) {
  auto e = embedding(grid, goal_ids, prev_actions);
  return codebook_.is_empty() ? e : codebook_->forward(e, dropout);
}

at::Tensor VisualActorCriticImpl::recur(const at::Tensor& x, const at::Tensor& h) { return gru_->forward(x, h); }

std::pair<at::Tensor, at::Tensor> VisualActorCriticImpl::heads(const at::Tensor& h) {
  return {actor_->forward(h), critic_->forward(h).squeeze(1)};
}

at::Tensor VisualActorCriticImpl::code_probabilities(const at::Tensor& grid, const at::Tensor& goal_ids,
                                                     const at::Tensor& prev_actions) {
  if (codebook_.is_empty()) throw std::logic_error("code_probabilities: this network has no codebook");
  return codebook_->probabilities(embedding(grid, goal_ids, prev_actions));
}

}  // namespace ember
