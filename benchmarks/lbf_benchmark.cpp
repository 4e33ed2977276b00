// File: benchmarks/lbf_benchmark.cpp
//
// ember_lbf_bench: stepping speed of Level-Based Foraging (envs/lbf) on the
// EPyMARL tasks, on one core. For each task it times, in alternation trial by
// trial (median of the trials after a warm-up):
//   raw        one LbfEnv, env.step() in a tight loop with precomputed uniform
//              random actions (invalid ones included, as a random policy
//              sends them); observations, state and action mask are written
//              every step; reset on termination or at the 50-step limit;
//   VectorEnv  VectorEnv::step() over N envs on one thread with precomputed
//              actions (adds action validation, autoreset, final-observation
//              copies and episode bookkeeping), counted as env steps.
// (ember_env_bench cannot pass env parameters, hence this separate tool.)
//
// Example:
//   ember_lbf_bench                                 # the 7 EPyMARL tasks
//   ember_lbf_bench --task Foraging-8x8-2p-2f-coop-v3 --seconds 1 --trials 7
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/rng.h"
#include "core/vector_env.h"
#include "envs/lbf/lbf_env.h"

namespace {

using Clock = std::chrono::steady_clock;
using ember::LbfConfig;
using ember::LbfEnv;

struct Options {
  std::vector<std::string> tasks = {
      "Foraging-8x8-2p-2f-coop-v3",  "Foraging-2s-8x8-2p-2f-coop-v3", "Foraging-10x10-3p-3f-v3",
      "Foraging-2s-10x10-3p-3f-v3",  "Foraging-15x15-3p-5f-v3",       "Foraging-15x15-4p-3f-v3",
      "Foraging-15x15-4p-5f-v3"};
  double seconds = 0.5;
  int trials = 5;
  int num_envs = 16;
  std::string command = "ember_lbf_bench";
};

// Random actions, precomputed so that the timed loop measures the env only.
struct ActionTable {
  explicit ActionTable(uint64_t seed) : values(1 << 16) {
    ember::Rng rng(seed);
    for (auto& v : values) v = static_cast<int32_t>(rng.uniform_int(ember::kLbfNumActions));
  }
  const int32_t* next(int n) {
    if (pos + static_cast<size_t>(n) > values.size()) pos = 0;
    const int32_t* p = values.data() + pos;
    pos += static_cast<size_t>(n);
    return p;
  }
  std::vector<int32_t> values;
  size_t pos = 0;
};

// One env with its own buffers, stepped directly.
class RawRunner {
 public:
  explicit RawRunner(const LbfConfig& c)
      : env_(c),
        obs_(static_cast<size_t>(c.players * c.obs_dim())),
        state_(obs_.size()),
        mask_(static_cast<size_t>(c.players * ember::kLbfNumActions)),
        reward_(static_cast<size_t>(c.players)),
        actions_(7),
        players_(c.players),
        limit_(c.max_episode_steps) {
    fields_[0] = obs_.data();
    slot_.fields = fields_;
    slot_.state = state_.data();
    slot_.action_mask = mask_.data();
    slot_.reward = reward_.data();
    slot_.terminated = &terminated_;
    env_.seed(1);
    env_.reset(slot_);
  }
  // Steps for about `seconds`; returns steps per second.
  double run(double seconds) {
    int64_t steps = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    while (elapsed < seconds) {
      for (int k = 0; k < 4096; ++k) {
        env_.step(ember::ActionView{actions_.next(players_), nullptr}, slot_);
        if (terminated_ || ++t_ >= limit_) {
          env_.reset(slot_);
          t_ = 0;
        }
      }
      steps += 4096;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return static_cast<double>(steps) / elapsed;
  }
  float checksum() const { return obs_[0] + reward_[0]; }

 private:
  LbfEnv env_;
  std::vector<float> obs_, state_;
  std::vector<int32_t> mask_;
  std::vector<float> reward_;
  uint8_t terminated_ = 0;
  void* fields_[1];
  ember::EnvSlot slot_;
  ActionTable actions_;
  int players_, limit_;
  int t_ = 0;
};

class VectorRunner {
 public:
  VectorRunner(const LbfConfig& c, int num_envs) : actions_(11), per_step_(num_envs * c.players) {
    std::vector<std::unique_ptr<ember::Env>> envs;
    for (int i = 0; i < num_envs; ++i) envs.push_back(std::make_unique<LbfEnv>(c));
    venv_ = std::make_unique<ember::VectorEnv>(std::move(envs), 1);
    venv_->reset(1);
  }
  double run(double seconds) {
    int64_t steps = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    int32_t* dst = venv_->discrete_actions();
    while (elapsed < seconds) {
      for (int k = 0; k < 256; ++k) {
        std::copy_n(actions_.next(per_step_), per_step_, dst);
        venv_->step();
      }
      steps += 256LL * venv_->num_envs();
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return static_cast<double>(steps) / elapsed;
  }

 private:
  std::unique_ptr<ember::VectorEnv> venv_;
  ActionTable actions_;
  int per_step_;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown";
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string fmt_rate(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f M", r / 1e6);
  return buf;
}

Options parse(int argc, char** argv) {
  Options o;
  bool task_given = false;
  for (int i = 1; i < argc; ++i) o.command += std::string(" ") + argv[i];
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << "usage: ember_lbf_bench [--task ID[,ID...]] [--seconds S] [--trials K] [--num-envs N]\n"
                   "  --task      upstream ids (default: the 7 EPyMARL tasks)\n"
                   "  --seconds   length of one timed trial (default 0.5)\n"
                   "  --trials    timed trials; the median is reported (default 5)\n"
                   "  --num-envs  envs in the VectorEnv column (default 16)\n";
      std::exit(0);
    }
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + arg);
    const std::string value = argv[++i];
    if (arg == "--task") {
      if (!task_given) o.tasks.clear();
      task_given = true;
      std::stringstream ss(value);
      std::string id;
      while (std::getline(ss, id, ','))
        if (!id.empty()) o.tasks.push_back(id);
    } else if (arg == "--seconds") {
      o.seconds = std::stod(value);
    } else if (arg == "--trials") {
      o.trials = std::stoi(value);
    } else if (arg == "--num-envs") {
      o.num_envs = std::stoi(value);
    } else {
      throw std::invalid_argument("unknown flag " + arg);
    }
  }
  if (o.seconds <= 0 || o.trials < 1 || o.num_envs < 1)
    throw std::invalid_argument("--seconds, --trials and --num-envs must be positive");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  try {
    o = parse(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ember_lbf_bench: " << e.what() << "\n";
    return 2;
  }
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::localtime(&now));
  std::cout << "command: `" << o.command << "`\n\n"
            << "machine: " << cpu_model() << ", " << sysconf(_SC_NPROCESSORS_ONLN)
            << " online CPUs; compiler: " << __VERSION__ << "; date: " << date << "\n"
            << "load average before: " << load_average() << "\n";
#ifndef NDEBUG
  std::cout << "WARNING: assertions on (not a Release build); numbers are not meaningful\n";
#endif
  std::cout << "\n| task | raw Env::step, 1 env (steps/s) | VectorEnv::step, " << o.num_envs
            << " envs, 1 thread (steps/s) |\n|---|---|---|\n";
  float sink = 0;
  for (const std::string& id : o.tasks) {
    LbfConfig c;
    try {
      c = LbfConfig::from_upstream_id(id);
    } catch (const std::exception& e) {
      std::cerr << "ember_lbf_bench: " << e.what() << "\n";
      return 2;
    }
    RawRunner raw(c);
    VectorRunner vec(c, o.num_envs);
    raw.run(0.1);  // warm-up
    vec.run(0.1);
    std::vector<double> r, v;
    for (int t = 0; t < o.trials; ++t) {
      r.push_back(raw.run(o.seconds));
      v.push_back(vec.run(o.seconds));
    }
    sink += raw.checksum();
    std::cout << "| " << id << " | " << fmt_rate(median(r)) << " | " << fmt_rate(median(v)) << " |\n"
              << std::flush;
  }
  std::cout << "\nload average after: " << load_average() << (sink == 12345.0f ? " " : "") << "\n";
  return 0;
}
