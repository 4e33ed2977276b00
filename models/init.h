// File: models/init.h
//
// Weight initialisation from an explicit generator. LibTorch's own init
// functions draw from its global generator; ember has no global RNG, so every
// module is initialised through these with a generator seeded from the run's
// seed tree.
#pragma once

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

namespace ember {

// A CPU generator seeded with `seed`.
at::Generator make_generator(uint64_t seed);

// Fills the 2-D `weight` with a (semi-)orthogonal matrix scaled by `gain`
// (Saxe et al. 2013; as torch.nn.init.orthogonal_), in place, without autograd.
void orthogonal_init_(at::Tensor weight, double gain, at::Generator& gen);

}  // namespace ember

namespace torch::nn {
class Module;
}

namespace ember {

// Re-draws every Linear and GRUCell parameter of `module` (recursively) from
// LibTorch's default distributions — uniform(±1/sqrt(fan_in)) for Linear,
// uniform(±1/sqrt(hidden)) for GRUCell — but from `gen`, not the global RNG.
void default_init_(torch::nn::Module& module, at::Generator& gen);

}  // namespace ember
