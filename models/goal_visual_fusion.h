// File: models/goal_visual_fusion.h
//
// Fuses a visual feature grid with the goal, as the codebook paper's
// ResnetTensorGoalEncoder (reference codebook_objectnav.md §1, steps 2-5):
//   compressor  Conv1x1 C -> 128, ReLU, Conv1x1 128 -> 32, ReLU
//   goal        Embedding(num_goals, 32), broadcast over the grid
//   combiner    concat -> Conv1x1 64 -> 128, ReLU, Conv1x1 128 -> 32 (no ReLU)
//   flatten     -> [N, 32 * h * w]   (1568 on a 7 x 7 grid)
//
// Example:
//   GoalVisualFusion fuse(/*visual_channels=*/64, /*num_goals=*/11, /*grid=*/7, 7, gen);
//   at::Tensor x = fuse->forward(grid, goal_ids);   // grid [N, 64, 7, 7], goal_ids int64 [N]
#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/embedding.h>

#include <cstdint>

namespace ember {

class GoalVisualFusionImpl : public torch::nn::Module {
 public:
  static constexpr int64_t kHidden = 128;     // the 1x1 convs' inner width
  static constexpr int64_t kChannels = 32;    // compressed visual and goal channels

  GoalVisualFusionImpl(int64_t visual_channels, int64_t num_goals, int64_t grid_height, int64_t grid_width,
                       at::Generator& gen);
  at::Tensor forward(const at::Tensor& grid, const at::Tensor& goal_ids);
  int64_t out_dim() const { return kChannels * grid_h_ * grid_w_; }

 private:
  torch::nn::Sequential compressor_{nullptr}, combiner_{nullptr};
  torch::nn::Embedding goal_{nullptr};
  int64_t grid_h_, grid_w_;
};
TORCH_MODULE(GoalVisualFusion);

}  // namespace ember
