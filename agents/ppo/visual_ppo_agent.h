// File: agents/ppo/visual_ppo_agent.h
//
// The "visual_ppo" agent: the recurrent visual actor-critic of the codebook
// paper trained with PPO (visual_ppo_learner.h), with (`codebook: true`) or
// without the codebook bottleneck — the baseline and the codebook variant
// differ in that one key. Docs: docs/agents/visual_ppo.md.
//
// This header is torch-free.
#pragma once

namespace ember {

class Registry;

void register_visual_ppo(Registry& registry);

}  // namespace ember
