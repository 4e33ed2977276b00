#include "agents/register_builtin.h"

#include "core/registry.h"

namespace ember {

// Each folder's register function (also declared in the folder's header).
#define EMBER_BUILTIN_AGENT(register_fn) void register_fn(Registry& registry);
#include "agents/builtin_agents.inc"
#undef EMBER_BUILTIN_AGENT

void register_builtin_agents(Registry& registry) {
#define EMBER_BUILTIN_AGENT(register_fn) register_fn(registry);
#include "agents/builtin_agents.inc"
#undef EMBER_BUILTIN_AGENT
}

}  // namespace ember
