// File: agents/pretrain/encoder_pretrain_agent.h
//
// Agent "encoder_pretrain": pretrains the visual PPO agent's CNN inside
// ember, since no pretrained vision weights (the codebook paper's CLIP) can
// be had here. The objective is supervised multi-label prediction of which
// object categories are in view, from the env's own ground truth (objectnav
// with `visible: true`): the CNN (models/conv_encoder.h) plus one linear
// layer over its flattened grid, trained with binary cross-entropy.
//
// It runs through `ember train` like every learner: collect() drives the
// envs with the env's expert (probability expert_prob) or uniform random
// actions, its Sink keeps the rollout's frames and labels, and update()
// fits them. Each update first scores the fresh rollout with the current
// weights (frames not yet trained on: a held-out measure) and logs
// pretrain/held_out_loss, pretrain/held_out_accuracy (per label) and
// pretrain/held_out_f1 (micro, over positive labels), then trains.
// The checkpoint's agent section starts with the CNN in the format of
// pretrained_encoder.h, which is what `encoder_checkpoint` of visual_ppo reads.
//
// Example (configs/navigation/pretrain_encoder.yaml):
//   ember train configs/navigation/pretrain_encoder.yaml
//   ember train configs/navigation/ppo_codebook_frozen.yaml   # reads its latest.ckpt
#pragma once

#include <string>

namespace ember {

class Registry;
struct EnvSpec;

// Empty when the agent can pretrain on envs of `spec`, else the reason (it
// needs a u8 [H, W, 3] "rgb" field, an f32 label field, one agent, Discrete
// actions and an expert).
std::string encoder_pretrain_compatibility(const EnvSpec& spec, const std::string& label_field = "visible");

void register_encoder_pretrain(Registry& registry);

}  // namespace ember
