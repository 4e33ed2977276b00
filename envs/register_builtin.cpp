#include "envs/register_builtin.h"

#include "envs/classic/register.h"

namespace ember {

void register_builtin_envs(Registry& registry) {
  register_classic_envs(registry);
}

}  // namespace ember
