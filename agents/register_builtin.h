// File: agents/register_builtin.h
//
// The one list of built-in agents, and the LibTorch runtime settings the
// apps need — a torch-free header, so the CLI does not compile LibTorch.
#pragma once

namespace ember {

class Registry;

void register_builtin_agents(Registry& registry);

// Sets LibTorch's intra-op thread count (it detects 1 core on some VMs; small
// networks are fastest on one thread).
void set_torch_threads(int threads);

}  // namespace ember
