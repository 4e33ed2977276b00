#include "envs/register_builtin.h"

#include "envs/classic/register.h"
#include "envs/lbf/register.h"
#include "envs/navigation/register.h"
#include "envs/tabletop/register.h"

namespace ember {

void register_builtin_envs(Registry& registry) {
  register_classic_envs(registry);
  register_lbf_envs(registry);
  register_navigation_envs(registry);
  register_tabletop_envs(registry);
}

}  // namespace ember
