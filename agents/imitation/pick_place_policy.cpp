#include "agents/imitation/pick_place_policy.h"

#include <numeric>

#include "agents/imitation/transporter_learner.h"
#include "core/vector_env.h"

namespace ember {

void act_pick_place(TransporterLearner& learner, VectorEnv& envs, const std::vector<int>& rows,
                    const std::vector<std::string>& instructions) {
  if (rows.empty()) return;
  const EnvSpec& spec = envs.spec();
  const int rgb = spec.field_index("rgb"), height = spec.field_index("height");
  const auto* rgb_data = static_cast<const uint8_t*>(envs.field(rgb));
  const auto* height_data = envs.field_as<float>(height);
  const size_t pixels = static_cast<size_t>(learner.geometry().rows) * learner.geometry().cols;
  std::vector<PickPlaceQuery> queries;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto row = static_cast<size_t>(rows[i]);
    queries.push_back({rgb_data + row * pixels * 3, height_data + row * pixels, instructions[i]});
  }
  std::vector<float> actions(rows.size() * 6);
  learner.act(queries, actions.data());
  float* out = envs.continuous_actions();
  for (size_t i = 0; i < rows.size(); ++i)
    std::copy(actions.begin() + static_cast<std::ptrdiff_t>(i * 6), actions.begin() + static_cast<std::ptrdiff_t>(i * 6 + 6),
              out + static_cast<size_t>(rows[i]) * 6);
}

void act_pick_place(TransporterLearner& learner, VectorEnv& envs, const std::vector<std::string>& instructions) {
  std::vector<int> rows(static_cast<size_t>(envs.num_envs()));
  std::iota(rows.begin(), rows.end(), 0);
  act_pick_place(learner, envs, rows, instructions);
}

}  // namespace ember
