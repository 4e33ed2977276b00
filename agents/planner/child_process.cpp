#include "agents/planner/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ember {

namespace {
constexpr size_t kMaxLine = 1 << 20;

[[noreturn]] void fail(const std::string& command, const std::string& what) {
  throw std::runtime_error("planner command '" + command + "': " + what + ": " + std::strerror(errno));
}
}  // namespace

ChildProcess::ChildProcess(std::string command) : command_(std::move(command)) {
  int in[2], out[2];  // in: we write, the child reads; out: the child writes
  if (pipe2(in, O_CLOEXEC) != 0) fail(command_, "cannot create a pipe");
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    fail(command_, "cannot create a pipe");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // dup2 clears close-on-exec on the new descriptors; the originals close at exec
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  // Its own process group, so that kill() also ends what the shell started.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  const char* argv[] = {"/bin/sh", "-c", command_.c_str(), nullptr};
  const int rc = posix_spawn(&pid_, "/bin/sh", &actions, &attributes, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(in[0]);
  close(out[1]);
  to_child_ = in[1];
  from_child_ = out[0];
  if (rc != 0) {
    close(to_child_);
    close(from_child_);
    errno = rc;
    fail(command_, "cannot start /bin/sh");
  }
}

ChildProcess::~ChildProcess() {
  if (to_child_ >= 0) close(to_child_);
  to_child_ = -1;
  if (exit_description(0.5) == "is still running") kill();
  if (from_child_ >= 0) close(from_child_);
}

bool ChildProcess::write_line(const std::string& line) {
  if (to_child_ < 0) return false;
  // A closed pipe would raise SIGPIPE and end the whole program: block it in
  // this thread, and swallow the one the failed write leaves pending.
  sigset_t pipe_set, old_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
  const std::string data = line + "\n";
  size_t written = 0;
  bool ok = true;
  while (written < data.size()) {
    const ssize_t n = ::write(to_child_, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    written += static_cast<size_t>(n);
  }
  if (!ok) {
    const timespec zero{0, 0};
    sigtimedwait(&pipe_set, nullptr, &zero);
  }
  pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
  return ok;
}

ChildProcess::Read ChildProcess::read_line(std::string& line, double timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  for (;;) {
    const size_t newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return Read::kLine;
    }
    if (buffer_.size() > kMaxLine)
      throw std::runtime_error("planner command '" + command_ + "' printed a line longer than 1 MiB");
    if (from_child_ < 0) return Read::kEnd;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Read::kTimeout;
    pollfd p{from_child_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) fail(command_, "cannot wait for its output");
    if (ready == 0) return Read::kTimeout;
    char chunk[4096];
    const ssize_t n = ::read(from_child_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(from_child_);
      from_child_ = -1;
      if (!buffer_.empty()) {  // a last line without its newline
        line = buffer_;
        buffer_.clear();
        return Read::kLine;
      }
      return Read::kEnd;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

void ChildProcess::kill() {
  if (pid_ <= 0 || reaped_) return;
  ::kill(-pid_, SIGKILL);  // the child's own process group (see the constructor)
  if (waitpid(pid_, &status_, 0) == pid_) reaped_ = true;
}

std::string ChildProcess::exit_description(double wait_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_s);
  while (!reaped_ && pid_ > 0) {
    const pid_t r = waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      break;
    }
    if (r < 0 || std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!reaped_) return "is still running";
  if (WIFEXITED(status_)) return "exited with status " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) return "was killed by signal " + std::to_string(WTERMSIG(status_));
  return "ended";
}

}  // namespace ember
