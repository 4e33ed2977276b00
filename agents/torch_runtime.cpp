#include <ATen/Parallel.h>
#include <dlfcn.h>

#include <mutex>

#include "agents/register_builtin.h"

namespace ember {

void set_torch_threads(int threads) {
  at::set_num_threads(threads);
  // LibTorch refuses a second interop setting once it has been used
  static std::once_flag interop_once;
  std::call_once(interop_once, [] { at::set_num_interop_threads(1); });
  // OpenBLAS keeps its own thread pool, sized to the machine at load time;
  // with small matrices its threads only spin and contend with ours. Look
  // the setter up at run time so ember links whichever BLAS Debian provides.
  using SetThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(threads);
}

}  // namespace ember
