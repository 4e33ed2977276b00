// File: core/thread_pool.h
//
// A fixed pool for fork-join loops over env indices: parallel_for(n, fn)
// splits [0, n) into one contiguous chunk per thread, runs the chunks (the
// calling thread takes the first) and returns when all are done. Chunks are
// fixed by n and the thread count, so each env always runs on the same
// thread — an env's GL context or cache stays on one thread.
//
// Example:
//   ThreadPool pool(4);
//   pool.parallel_for(num_envs, [&](int begin, int end) { step envs [begin, end) });
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ember {

class ThreadPool {
 public:
  explicit ThreadPool(int num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return num_threads_; }
  // Runs fn(begin, end) over the chunks of [0, n). Rethrows the first
  // exception a chunk threw, after every chunk has finished.
  void parallel_for(int n, const std::function<void(int, int)>& fn);

 private:
  void worker_loop(int worker);
  void run_chunk(int chunk);

  int num_threads_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable start_cv_, done_cv_;
  const std::function<void(int, int)>* task_ = nullptr;
  int task_n_ = 0;
  long generation_ = 0;
  int pending_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
};

}  // namespace ember
