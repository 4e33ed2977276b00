#include <ATen/Parallel.h>

#include "agents/register_builtin.h"

namespace ember {

void set_torch_threads(int threads) {
  at::set_num_threads(threads);
  at::set_num_interop_threads(1);
}

}  // namespace ember
