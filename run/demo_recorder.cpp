#include "run/demo_recorder.h"

#include <utility>

namespace ember {

DemoRecorder::DemoRecorder(VectorEnv& envs, EpisodeCallback on_episode, const std::atomic<bool>* interrupt)
    : envs_(envs), on_episode_(std::move(on_episode)), interrupt_(interrupt) {
  start();
}

void DemoRecorder::start() {
  const EnvSpec& spec = envs_.spec();
  episode_ = DemoEpisode();
  episode_.env_id = spec.id;
  episode_.description = envs_.env(0).describe();
  episode_.agents = spec.num_agents;
  episode_.discrete_actions = spec.action.is_discrete();
  episode_.action_numel = spec.action_numel();
  for (const ObservationField& f : spec.observation) {
    DemoField field;
    field.name = f.name;
    field.dtype = f.space.dtype;
    field.shape = f.space.shape;
    field.shape.insert(field.shape.begin(), spec.num_agents);
    episode_.fields.push_back(std::move(field));
  }
}

void DemoRecorder::append_observation(const VectorEnv& envs, bool final) {
  for (size_t f = 0; f < episode_.fields.size(); ++f) {
    const auto* data = static_cast<const uint8_t*>(final ? envs.final_field(static_cast<int>(f))
                                                         : envs.field(static_cast<int>(f)));
    DemoField& field = episode_.fields[f];
    field.data.insert(field.data.end(), data, data + field.step_bytes());
  }
}

// The observation the policy acted on, its action and the expert's instruction.
void DemoRecorder::before_step(const VectorEnv& envs) {
  append_observation(envs, /*final=*/false);
  const size_t n = static_cast<size_t>(envs.spec().num_agents * envs.spec().action_numel());
  if (episode_.discrete_actions)
    episode_.discrete.insert(episode_.discrete.end(), envs.discrete_actions(), envs.discrete_actions() + n);
  else
    episode_.continuous.insert(episode_.continuous.end(), envs.continuous_actions(), envs.continuous_actions() + n);
  episode_.step_instructions.push_back(envs_.env(0).expert_instruction());
}

void DemoRecorder::after_step(const VectorEnv& envs) {
  episode_.rewards.insert(episode_.rewards.end(), envs.rewards(), envs.rewards() + envs.spec().num_agents);
  ++episode_.steps;
  if (envs.done()[0]) {
    finish(envs);
    if (!on_episode_(episode_)) stop_ = true;
    start();  // the env has already reset into the next episode
  }
  if (interrupt_ && interrupt_->load()) stop_ = true;
}

void DemoRecorder::finish(const VectorEnv& envs) {
  append_observation(envs, /*final=*/true);
  episode_.terminated = envs.terminated()[0] != 0;
  episode_.metric_names = envs.spec().episode_metrics;
  const double* metrics = envs.episode_metrics(0);
  episode_.metric_values.assign(metrics, metrics + envs.spec().episode_metrics.size());
}

}  // namespace ember
