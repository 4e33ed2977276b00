// File: agents/register_builtin.h
//
// Registers the built-in agents (the list is agents/builtin_agents.inc), and
// the LibTorch runtime settings the apps need — a torch-free header, so the CLI does not compile LibTorch.
#pragma once

namespace ember {

class Registry;

void register_builtin_agents(Registry& registry);

// Sets LibTorch's intra-op thread count (it detects 1 core on some VMs; small
// networks are fastest on one thread).
void set_torch_threads(int threads);

}  // namespace ember
