// File: benchmarks/navigation_benchmark.cpp
//
// ember_navigation_bench: speed and memory of the objectnav env
// (envs/navigation/, docs/envs/navigation.md), recorded in
// benchmarks/results/navigation.md by scripts/bench_navigation.sh. Every
// measurement runs on one thread except --mode vector's threaded column.
//
//   --mode speed   per tier and frame size, one rendering env on the train
//                  split stepped with uniform random actions:
//                  (a) End allowed (episodes of ~6 steps: a reset, usually a
//                      new house, every few steps), steps/s including resets;
//                  (b) End never chosen, 500-step episodes (the step limit),
//                      steps/s including the resets;
//                  plus the mean reset time, split into resets that load a
//                      new house and resets in a house already loaded.
//   --mode memory  resident memory of a process holding 1, then 16 rendering
//                  envs (64 x 64, each reset and stepped): the first env's
//                  cost over the process baseline, and the per-env increment
//                  (RSS(16) - RSS(1)) / 15.
//   --mode vector  16 rendering envs behind a VectorEnv with 1 and 2 threads,
//                  500-step random episodes (End never chosen): env steps/s.
//   --mode oracle  --episodes episodes per tier on the test split (env seed
//                  --seed, rendering off: neither agent looks at frames) of
//                  the oracle (the expert-action hook) and of the uniform
//                  random agent: Success, SPL, episode length; for the
//                  oracle also the SPL bound of its motion lattice (d_opt /
//                  max(lattice-optimal length, d_opt), the first plan's
//                  length from the start), the grid's d_opt against the
//                  any-angle one, search effort and replans.
//
// Example:
//   ember_navigation_bench --mode speed --tiers 0,1,2 --sizes 64,96,128 --steps 3000
//   ember_navigation_bench --mode memory --envs 16
//
// Links ember_envs and ember_core only (no LibTorch). The random actions come
// from an ember::Rng with a fixed seed, so every run steps the same episodes.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/env_buffers.h"
#include "core/rng.h"
#include "core/vector_env.h"
#include "envs/navigation/objectnav_env.h"
#include "envs/navigation/objectnav_oracle.h"

namespace {

using Clock = std::chrono::steady_clock;
using ember::ObjectNavConfig;
using ember::ObjectNavEnv;

struct Options {
  std::string mode = "speed";
  std::vector<int> tiers{0, 1, 2};
  std::vector<int> sizes{64, 96, 128};
  int64_t steps = 3000;  // env steps per speed measurement
  int envs = 16;         // memory and vector modes
  int episodes = 210;    // oracle mode, per tier
  uint64_t seed = 1;
  std::string command;
};

std::vector<int> parse_ints(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(std::stoi(item));
  return out;
}

Options parse(int argc, char** argv) {
  Options o;
  o.command = "ember_navigation_bench";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    o.command += " " + a;
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      o.command += std::string(" ") + argv[i + 1];
      return argv[++i];
    };
    if (a == "--mode") o.mode = value();
    else if (a == "--tiers") o.tiers = parse_ints(value());
    else if (a == "--sizes") o.sizes = parse_ints(value());
    else if (a == "--steps") o.steps = std::stoll(value());
    else if (a == "--envs") o.envs = std::stoi(value());
    else if (a == "--seed") o.seed = std::stoull(value());
    else if (a == "--episodes") o.episodes = std::stoi(value());
    else throw std::invalid_argument("unknown flag " + a +
                                     " (--mode speed|memory|vector|oracle, --tiers, --sizes, --steps, --envs, --episodes, --seed)");
  }
  return o;
}

// ---- machine description ----

std::string first_line_with(const char* path, const char* prefix) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) return line;
  return "";
}

std::string cpu_model() {
  std::string line = first_line_with("/proc/cpuinfo", "model name");
  const auto colon = line.find(':');
  return colon == std::string::npos ? "unknown" : line.substr(line.find_first_not_of(" \t", colon + 1));
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
  return buf;
}

// Resident set size now and at its peak (kB), from /proc/self/status.
int64_t status_kb(const char* key) {
  const std::string line = first_line_with("/proc/self/status", key);
  return line.empty() ? -1 : std::stoll(line.substr(std::strlen(key)));
}
int64_t rss_kb() { return status_kb("VmRSS:"); }
int64_t peak_rss_kb() { return status_kb("VmHWM:"); }

// ---- one env with the buffers a VectorEnv would own ----

struct EnvWithBuffers {
  explicit EnvWithBuffers(const ObjectNavConfig& c) : env(c), out(env.spec()) {}
  ember::EnvSlot slot() { return out.slot(); }
  bool terminated() const { return out.terminated(); }
  ObjectNavEnv env;
  ember::EnvBuffers out;
};

ObjectNavConfig bench_config(int tier, int size) {
  ObjectNavConfig c;
  c.tier = tier;
  c.width = c.height = size;
  c.shaping = false;
  return c;
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// ---- --mode speed ----

struct SpeedResult {
  double steps_per_second = 0;       // including resets
  double step_only_per_second = 0;   // time in step() alone
  int64_t episodes = 0;
  double new_house_reset_ms = 0;     // mean over resets that loaded another house
  int64_t new_house_resets = 0;
  double same_house_reset_ms = 0;    // mean over resets in the house already loaded
  int64_t same_house_resets = 0;
};

// Steps one env for `steps` env steps with uniform random actions (End
// excluded when allow_end is false), resetting after End or at the step limit.
SpeedResult run_speed(int tier, int size, int64_t steps, bool allow_end, uint64_t seed) {
  EnvWithBuffers e(bench_config(tier, size));
  e.env.seed(seed);
  e.env.reset(e.slot());  // warm-up: the GL context and the first render are not timed
  ember::Rng rng(ember::derive_seed(seed, "actions"));
  const int limit = e.env.config().max_episode_steps;
  SpeedResult r;
  double step_seconds = 0, new_house_seconds = 0, same_house_seconds = 0;
  int episode_steps = 0;
  const auto t0 = Clock::now();
  for (int64_t s = 0; s < steps; ++s) {
    int32_t a = static_cast<int32_t>(rng.uniform_int(allow_end ? ember::kNavNumActions : ember::kNavNumActions - 1));
    if (!allow_end && a >= ember::kNavEnd) ++a;  // the five actions other than End
    const auto ts = Clock::now();
    e.env.step(ember::ActionView{&a, nullptr}, e.slot());
    step_seconds += seconds_since(ts);
    if (e.terminated() || ++episode_steps >= limit) {
      const uint64_t house_before = e.env.house().seed;
      const auto tr = Clock::now();
      e.env.reset(e.slot());
      const double dt = seconds_since(tr);
      if (e.env.house().seed != house_before) {
        new_house_seconds += dt;
        ++r.new_house_resets;
      } else {
        same_house_seconds += dt;
        ++r.same_house_resets;
      }
      ++r.episodes;
      episode_steps = 0;
    }
  }
  const double total = seconds_since(t0);
  r.steps_per_second = steps / total;
  r.step_only_per_second = steps / step_seconds;
  r.new_house_reset_ms = r.new_house_resets ? 1e3 * new_house_seconds / r.new_house_resets : 0;
  r.same_house_reset_ms = r.same_house_resets ? 1e3 * same_house_seconds / r.same_house_resets : 0;
  return r;
}

// Mean time of resets that stay in one house (houses = 1: the model is
// loaded once; each reset draws a target, a start and renders).
double same_house_reset_ms(int tier, int size, int resets, uint64_t seed) {
  ObjectNavConfig c = bench_config(tier, size);
  c.houses = 1;
  EnvWithBuffers e(c);
  e.env.seed(seed);
  e.env.reset(e.slot());
  const auto t0 = Clock::now();
  for (int k = 0; k < resets; ++k) e.env.reset(e.slot());
  return 1e3 * seconds_since(t0) / resets;
}

void mode_speed(const Options& o) {
  std::cout << "| tier | frame | steps/s, random actions incl. End (resets included) | episodes | "
               "steps/s, step() only | reset ms, new house | reset ms, same house | "
               "steps/s, 500-step episodes (resets included) |\n"
               "|---|---|---:|---:|---:|---:|---:|---:|\n";
  for (int tier : o.tiers) {
    for (int size : o.sizes) {
      const SpeedResult with_end = run_speed(tier, size, o.steps, /*allow_end=*/true, o.seed);
      const SpeedResult no_end = run_speed(tier, size, o.steps, /*allow_end=*/false, o.seed);
      const double same_ms = same_house_reset_ms(tier, size, 200, o.seed);
      char line[512];
      std::snprintf(line, sizeof line, "| %d | %d x %d | %.0f | %lld | %.0f | %.2f | %.2f | %.0f |\n", tier, size, size,
                    with_end.steps_per_second, static_cast<long long>(with_end.episodes),
                    with_end.step_only_per_second, with_end.new_house_reset_ms, same_ms, no_end.steps_per_second);
      std::cout << line << std::flush;
    }
  }
}

// ---- --mode memory ----

void step_a_little(EnvWithBuffers& e, uint64_t seed) {
  e.env.seed(seed);
  e.env.reset(e.slot());
  for (int k = 0; k < 20; ++k) {
    int32_t a = k % 5 == 4 ? ember::kNavRotateLeft : ember::kNavMoveAhead;
    e.env.step(ember::ActionView{&a, nullptr}, e.slot());
  }
}

void mode_memory(const Options& o) {
  const int size = o.sizes.empty() ? 64 : o.sizes.front();
  const int tier = o.tiers.empty() ? 0 : o.tiers.front();
  const int64_t baseline = rss_kb();
  std::vector<std::unique_ptr<EnvWithBuffers>> envs;
  envs.push_back(std::make_unique<EnvWithBuffers>(bench_config(tier, size)));
  step_a_little(*envs.back(), o.seed);
  const int64_t one = rss_kb(), one_peak = peak_rss_kb();
  for (int i = 1; i < o.envs; ++i) {
    envs.push_back(std::make_unique<EnvWithBuffers>(bench_config(tier, size)));
    step_a_little(*envs.back(), o.seed + i);
  }
  const int64_t many = rss_kb(), many_peak = peak_rss_kb();
  const double per_env = o.envs > 1 ? static_cast<double>(many - one) / (o.envs - 1) : 0.0;
  std::printf("| tier | frame | process baseline | RSS with 1 env (peak) | first env over baseline | RSS with %d envs (peak) | per-env increment (RSS(%d) - RSS(1)) / %d |\n",
              o.envs, o.envs, o.envs - 1);
  std::printf("|---|---|---:|---:|---:|---:|---:|\n");
  std::printf("| %d | %d x %d | %.1f MB | %.1f MB (%.1f) | %.1f MB | %.1f MB (%.1f) | %.1f MB |\n", tier, size, size,
              baseline / 1024.0, one / 1024.0, one_peak / 1024.0, (one - baseline) / 1024.0, many / 1024.0,
              many_peak / 1024.0, per_env / 1024.0);
}

// ---- --mode vector ----

double vector_steps_per_second(int envs, int threads, int tier, int size, int64_t steps, uint64_t seed) {
  std::vector<std::unique_ptr<ember::Env>> list;
  for (int i = 0; i < envs; ++i) list.push_back(std::make_unique<ObjectNavEnv>(bench_config(tier, size)));
  ember::VectorEnv vec(std::move(list), threads);
  vec.reset(seed);
  ember::Rng rng(ember::derive_seed(seed, "actions"));
  const int64_t vector_steps = std::max<int64_t>(1, steps / envs);
  const auto t0 = Clock::now();
  for (int64_t s = 0; s < vector_steps; ++s) {
    int32_t* a = vec.discrete_actions();
    for (int i = 0; i < envs; ++i) {
      a[i] = static_cast<int32_t>(rng.uniform_int(ember::kNavNumActions - 1));
      if (a[i] >= ember::kNavEnd) ++a[i];
    }
    vec.step();
  }
  return vector_steps * envs / seconds_since(t0);
}

void mode_vector(const Options& o) {
  std::printf("| tier | frame | envs | steps/s, 1 thread | steps/s, 2 threads |\n|---|---|---:|---:|---:|\n");
  for (int tier : o.tiers)
    for (int size : o.sizes) {
      const double one = vector_steps_per_second(o.envs, 1, tier, size, o.steps, o.seed);
      const double two = vector_steps_per_second(o.envs, 2, tier, size, o.steps, o.seed);
      std::printf("| %d | %d x %d | %d | %.0f | %.0f |\n", tier, size, size, o.envs, one, two);
      std::fflush(stdout);
    }
}

// ---- --mode oracle ----

struct AgentTotals {
  double success = 0, spl = 0, length = 0;
};

void mode_oracle(const Options& o) {
  std::printf("| tier | agent | episodes | Success | SPL | episode length | SPL bound of the lattice | "
              "mean d_opt (m) | mean lattice-optimal length (m) | mean path (m) | grid d_opt / any-angle d_opt | "
              "grid d_opt < any-angle d_opt | replans per episode | max A* expansions |\n"
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (int tier : o.tiers) {
    ObjectNavConfig c = bench_config(tier, 64);
    c.split = ember::HouseSplit::kTest;
    c.render = false;
    // the oracle
    EnvWithBuffers e(c);
    e.env.seed(o.seed);
    AgentTotals oracle;
    double bound = 0, d_opt = 0, lattice = 0, path = 0, ratio = 0, replans = 0;
    int grid_below = 0;
    int64_t max_expansions = 0;
    double m[4];
    for (int k = 0; k < o.episodes; ++k) {
      e.env.reset(e.slot());
      const double d = e.env.optimal_distance(), d_grid = e.env.grid_geodesic_to_goal();
      grid_below += d_grid < d - 1e-9;
      ratio += d_grid / d;
      int steps = 0;
      double first_plan = -1;
      const int64_t replans_before = e.env.oracle() ? e.env.oracle()->replans() : 0;
      while (!e.terminated() && steps < c.max_episode_steps) {
        int32_t a = e.env.expert_action();
        if (first_plan < 0) {
          first_plan = e.env.oracle()->last_plan_length();
          max_expansions = std::max(max_expansions, e.env.oracle()->last_expansions());
        }
        e.env.step(ember::ActionView{&a, nullptr}, e.slot());
        ++steps;
      }
      replans += e.env.oracle()->replans() - replans_before;
      e.env.episode_metrics(m);
      oracle.success += m[0];
      oracle.spl += m[1];
      oracle.length += m[2];
      bound += d / std::max(first_plan, d);
      d_opt += d;
      lattice += first_plan;
      path += e.env.path_length();
    }
    // the uniform random agent, on the same episodes (same env seed)
    EnvWithBuffers r(c);
    r.env.seed(o.seed);
    ember::Rng rng(ember::derive_seed(o.seed, "random agent"));
    AgentTotals random;
    for (int k = 0; k < o.episodes; ++k) {
      r.env.reset(r.slot());
      int steps = 0;
      while (!r.terminated() && steps < c.max_episode_steps) {
        int32_t a = static_cast<int32_t>(rng.uniform_int(ember::kNavNumActions));
        r.env.step(ember::ActionView{&a, nullptr}, r.slot());
        ++steps;
      }
      r.env.episode_metrics(m);
      random.success += m[0];
      random.spl += m[1];
      random.length += m[2];
    }
    const double n = o.episodes;
    std::printf("| %d | oracle | %d | %.3f | %.3f | %.1f | %.3f | %.3f | %.3f | %.3f | %.4f | %d | %.2f | %lld |\n", tier,
                o.episodes, oracle.success / n, oracle.spl / n, oracle.length / n, bound / n, d_opt / n, lattice / n,
                path / n, ratio / n, grid_below, replans / n, static_cast<long long>(max_expansions));
    std::printf("| %d | random | %d | %.3f | %.3f | %.1f | | | | | | | | |\n", tier, o.episodes, random.success / n,
                random.spl / n, random.length / n);
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    std::cout << "<!-- " << o.command << " -->\n"
              << "Machine: " << cpu_model() << ", " << sysconf(_SC_NPROCESSORS_ONLN) << " online CPUs; "
              << utc_now() << "; load average before: " << load_average() << "; renderer: "
              << (std::getenv("LP_NUM_THREADS") ? std::string("LP_NUM_THREADS=") + std::getenv("LP_NUM_THREADS")
                                                : std::string("LP_NUM_THREADS unset (the env sets 1)"))
              << "\n\n";
    if (o.mode == "speed") mode_speed(o);
    else if (o.mode == "memory") mode_memory(o);
    else if (o.mode == "vector") mode_vector(o);
    else if (o.mode == "oracle") mode_oracle(o);
    else throw std::invalid_argument("unknown mode " + o.mode);
    std::cout << "\nLoad average after: " << load_average() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "ember_navigation_bench: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
