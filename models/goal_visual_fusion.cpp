#include "models/goal_visual_fusion.h"

#include <cmath>

#include <torch/torch.h>

#include "models/init.h"

namespace ember {

namespace {
torch::nn::Conv2d conv1x1(int64_t in, int64_t out, at::Generator& gen) {
  auto conv = torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1));
  torch::NoGradGuard no_grad;
  orthogonal_init_(conv->weight, std::sqrt(2.0), gen);
  conv->bias.zero_();
  return conv;
}
}  // namespace

GoalVisualFusionImpl::GoalVisualFusionImpl(int64_t visual_channels, int64_t num_goals, int64_t grid_height,
                                           int64_t grid_width, at::Generator& gen)
    : grid_h_(grid_height), grid_w_(grid_width) {
  compressor_ = register_module(
      "compressor", torch::nn::Sequential(conv1x1(visual_channels, kHidden, gen), torch::nn::ReLU(),
                                          conv1x1(kHidden, kChannels, gen), torch::nn::ReLU()));
  goal_ = register_module("goal", torch::nn::Embedding(num_goals, kChannels));
  {
    torch::NoGradGuard no_grad;
    goal_->weight.normal_(0.0, 1.0, gen);  // nn.Embedding's N(0, 1), from ember's generator
  }
  combiner_ = register_module("combiner", torch::nn::Sequential(conv1x1(2 * kChannels, kHidden, gen),
                                                                torch::nn::ReLU(), conv1x1(kHidden, kChannels, gen)));
}

at::Tensor GoalVisualFusionImpl::forward(const at::Tensor& grid, const at::Tensor& goal_ids) {
  auto visual = compressor_->forward(grid);
  auto goal = goal_->forward(goal_ids).view({-1, kChannels, 1, 1}).expand({-1, kChannels, grid_h_, grid_w_});
  return combiner_->forward(torch::cat({visual, goal}, 1)).flatten(1);
}

}  // namespace ember
