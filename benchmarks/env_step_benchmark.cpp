// File: benchmarks/env_step_benchmark.cpp
//
// ember_env_bench: how fast envs step, alone and behind the batching layer.
// For each env id it measures, single-threaded and in one run:
//   (a) raw      one Env, env.step() in a tight loop with precomputed random
//                actions, reset on termination or at max_episode_steps;
//   (b) collect  a VectorEnv of N envs (num_threads = 1) driven by
//                ember::collect() with a uniform random policy (fresh draws
//                from an ember::Rng every step) and no sink, counted as env
//                steps (vector steps x N);
//   (c) (b)/(a)  what the batching layer keeps of the raw rate on one core;
// two diagnostic columns that split the gap between (a) and (b):
//   - N raw envs stepped round-robin (the effect of interleaving N envs,
//     without any VectorEnv code), and
//   - VectorEnv::step() alone, fed precomputed actions (VectorEnv's own
//     bookkeeping, without the policy or the collect loop);
// and optionally (d) collect() with a VectorEnv of T threads.
// The columns are timed in alternation, trial by trial, so that a busy spell
// of a shared machine hits all of them alike; every figure is the median of
// the trials after one warm-up. Output is a markdown table (machine, command,
// numbers) on stdout.
//
// Example:
//   ember_env_bench --env CartPole-v1,Pendulum-v1 --num-envs 16 --seconds 0.5 --threads 2
//
// Links ember_envs and ember_core only (no LibTorch); the random policy is
// core's RandomPolicy, the rule of the `random` agent.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "core/config.h"
#include "core/env.h"
#include "core/params.h"
#include "core/random_policy.h"
#include "core/registry.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::vector<std::string> env_ids{"CartPole-v1"};
  int num_envs = 16;
  double seconds = 0.5;  // per trial
  int trials = 5;
  int threads = 0;       // > 1 adds the multi-threaded collect column
  uint64_t seed = 1;
  std::string command;   // argv as typed, for the report
};

void usage(std::ostream& out) {
  out << "usage: ember_env_bench [--env ID[,ID...]] [--num-envs N] [--seconds S]\n"
         "                       [--trials K] [--threads T] [--seed S]\n"
         "  --env       env ids, comma-separated or repeated (default CartPole-v1)\n"
         "  --num-envs  envs in the VectorEnv (default 16)\n"
         "  --seconds   length of one timed trial (default 0.5)\n"
         "  --trials    timed trials per measurement; the median is reported (default 5)\n"
         "  --threads   also time collect() with a VectorEnv of T threads (T > 1; default off)\n"
         "  --seed      seed of envs, actions and policy (default 1)\n";
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

// Whole-string numeric parses: "16x" is an error, not 16.
int to_int(const std::string& s) {
  size_t used = 0;
  const int v = std::stoi(s, &used);
  if (used != s.size()) throw std::invalid_argument(s);
  return v;
}
double to_double(const std::string& s) {
  size_t used = 0;
  const double v = std::stod(s, &used);
  if (used != s.size()) throw std::invalid_argument(s);
  return v;
}
uint64_t to_u64(const std::string& s) {
  size_t used = 0;
  const uint64_t v = std::stoull(s, &used);
  if (used != s.size() || s.find('-') != std::string::npos) throw std::invalid_argument(s);
  return v;
}

Options parse_args(int argc, char** argv) {
  Options o;
  bool env_given = false;
  o.command = "ember_env_bench";
  for (int i = 1; i < argc; ++i) o.command += std::string(" ") + argv[i];
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      usage(std::cout);
      std::exit(0);
    }
    // accept both "--flag value" and "--flag=value"
    std::string key = arg, value;
    const auto eq = arg.find('=');
    if (eq != std::string::npos) {
      key = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    static const char* const kFlags[] = {"--env", "--num-envs", "--seconds",
                                         "--trials", "--threads", "--seed"};
    if (std::find(std::begin(kFlags), std::end(kFlags), key) == std::end(kFlags))
      throw std::invalid_argument("unknown flag " + key);
    if (eq == std::string::npos) {
      if (i + 1 >= argc) throw std::invalid_argument("missing value after " + key);
      value = argv[++i];
    }
    try {
      if (key == "--env") {
        if (!env_given) o.env_ids.clear();
        env_given = true;
        for (auto& id : split_commas(value)) o.env_ids.push_back(id);
      } else if (key == "--num-envs") {
        o.num_envs = to_int(value);
      } else if (key == "--seconds") {
        o.seconds = to_double(value);
      } else if (key == "--trials") {
        o.trials = to_int(value);
      } else if (key == "--threads") {
        o.threads = to_int(value);
      } else {
        o.seed = to_u64(value);
      }
    } catch (const std::logic_error&) {  // std::stoi and friends: invalid_argument, out_of_range
      throw std::invalid_argument("bad value '" + value + "' for " + key);
    }
  }
  if (o.env_ids.empty()) throw std::invalid_argument("--env needs at least one id");
  if (o.num_envs < 1) throw std::invalid_argument("--num-envs must be >= 1");
  if (!(o.seconds > 0.0)) throw std::invalid_argument("--seconds must be > 0");
  if (o.trials < 1) throw std::invalid_argument("--trials must be >= 1");
  return o;
}

// ---- machine description ----

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        auto s = line.substr(colon + 1);
        s.erase(0, s.find_first_not_of(" \t"));
        return s;
      }
    }
  return "unknown";
}

long online_cpus() { return sysconf(_SC_NPROCESSORS_ONLN); }

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
  return buf;
}

// ---- env construction through the registry ----

std::unique_ptr<ember::Env> make_env(const ember::Registry& registry, const std::string& id) {
  const ember::EnvRegistration* reg = registry.find_env(id);
  if (!reg) throw std::invalid_argument("unknown env '" + id + "'");  // main() checks ids first
  // The env's declared defaults plus the common ones (num_envs, num_threads),
  // as a config with no overrides would resolve them.
  ember::Params params = ember::Params::defaults(reg->params);
  const ember::Params common = ember::Params::defaults(ember::common_env_param_specs());
  for (const auto& [name, value] : common.values()) params.set(name, value);
  return reg->make(params);
}

std::vector<std::unique_ptr<ember::Env>> make_envs(const ember::Registry& registry,
                                                   const std::string& id, int n) {
  std::vector<std::unique_ptr<ember::Env>> envs;
  for (int i = 0; i < n; ++i) envs.push_back(make_env(registry, id));
  return envs;
}

// ---- random actions ----

// Precomputed random actions: `rows` rows of one env's actions
// ([agents, action_numel]), drawn like ember::RandomPolicy draws them. For
// envs with action masks, `picks` holds one random number per agent and row
// instead, turned into "the k-th legal action" against the live mask.
struct ActionTable {
  std::vector<int32_t> discrete;
  std::vector<float> continuous;
  std::vector<uint32_t> picks;
  size_t row = 0;  // elements per row
};

ActionTable make_action_table(const ember::EnvSpec& spec, size_t rows, uint64_t seed) {
  ember::Rng rng(seed);
  const ember::Space& space = spec.action;
  ActionTable t;
  t.row = static_cast<size_t>(spec.num_agents) * static_cast<size_t>(spec.action_numel());
  if (space.is_discrete()) {
    t.discrete.resize(rows * t.row);
    const size_t k = space.nvec.size();
    for (size_t j = 0; j < t.discrete.size(); ++j)
      t.discrete[j] = static_cast<int32_t>(rng.uniform_int(space.nvec[j % k]));
    if (spec.has_action_mask) {
      t.picks.resize(rows * static_cast<size_t>(spec.num_agents));
      for (auto& p : t.picks) p = static_cast<uint32_t>(rng.next_u64() >> 32);
    }
  } else {
    t.continuous.resize(rows * t.row);
    const size_t d = static_cast<size_t>(space.numel());
    for (size_t j = 0; j < t.continuous.size(); ++j)
      t.continuous[j] = static_cast<float>(rng.uniform(space.low[j % d], space.high[j % d]));
  }
  return t;
}

// Masked envs: overwrite `out` ([agents]) with legal actions chosen by `picks`.
void choose_legal(const int32_t* mask, int64_t agents, int64_t n, const uint32_t* picks,
                  int32_t* out) {
  for (int64_t r = 0; r < agents; ++r) {
    int64_t legal = 0;
    for (int64_t a = 0; a < n; ++a) legal += mask[r * n + a] != 0;
    if (legal == 0) throw std::runtime_error("an env masked every action of an agent");
    int64_t pick = static_cast<int64_t>(picks[r] % static_cast<uint64_t>(legal));
    for (int64_t a = 0; a < n; ++a)
      if (mask[r * n + a] && pick-- == 0) {
        out[r] = static_cast<int32_t>(a);
        break;
      }
  }
}

// ---- workloads ----
//
// A workload is a callable that advances its own envs by one chunk and
// returns the env steps it took. It owns its state (shared_ptr, because
// std::function must be copyable), so several workloads can be timed in
// alternation.
using Workload = std::function<int64_t()>;

// (a) `count` envs (1 for the raw figure) stepped directly through the Env
// interface, one after another, as tight as the interface allows: each env
// writes into its own slot, laid out as VectorEnv lays out one env, but none
// of VectorEnv's bookkeeping runs. With count = N this separates the cost of
// that bookkeeping from the effect of interleaving N envs on one core
// (branch predictors and caches see N states in turn; independent envs'
// dependency chains overlap).
Workload raw_workload(const Options& o, const ember::Registry& registry, const std::string& id,
                      int count) {
  struct OneEnv {
    std::unique_ptr<ember::Env> env;
    std::vector<std::vector<unsigned char>> fields;
    std::vector<void*> field_ptrs;
    std::vector<float> state, reward;
    std::vector<int32_t> mask, masked_actions;
    uint8_t terminated = 0;
    ember::EnvSlot slot;
    int64_t elapsed = 0;
  };
  struct State {
    std::vector<OneEnv> envs;
    ActionTable table;
    size_t next = 0;
  };
  constexpr size_t kRows = 4096;  // power of two
  auto st = std::make_shared<State>();
  st->envs.resize(static_cast<size_t>(count));
  for (size_t i = 0; i < st->envs.size(); ++i) {
    OneEnv& e = st->envs[i];
    e.env = make_env(registry, id);
    const ember::EnvSpec& spec = e.env->spec();
    const auto agents = static_cast<size_t>(spec.num_agents);
    for (const auto& f : spec.observation) e.fields.emplace_back(agents * f.space.byte_size());
    for (auto& f : e.fields) e.field_ptrs.push_back(f.data());
    e.state.resize(spec.state ? static_cast<size_t>(spec.state->numel()) : 0);
    e.reward.resize(agents);
    if (spec.has_action_mask) {
      e.mask.resize(agents * static_cast<size_t>(spec.action.nvec[0]));
      e.masked_actions.resize(agents);
    }
    e.slot.fields = e.field_ptrs.data();
    e.slot.state = spec.state ? e.state.data() : nullptr;
    e.slot.action_mask = spec.has_action_mask ? e.mask.data() : nullptr;
    e.slot.reward = e.reward.data();
    e.slot.terminated = &e.terminated;
    e.env->seed(ember::derive_seed(o.seed, i));
    e.env->reset(e.slot);
  }
  st->table = make_action_table(st->envs[0].env->spec(), kRows,
                                ember::derive_seed(o.seed, "raw-actions"));

  return [st]() -> int64_t {
    constexpr int64_t kChunk = 8192;  // env steps, rounded up to whole sweeps
    const ember::EnvSpec& spec = st->envs[0].env->spec();
    const int64_t max_steps = spec.max_episode_steps;
    const bool discrete = spec.action.is_discrete(), masked = spec.has_action_mask;
    const auto agents = static_cast<size_t>(spec.num_agents);
    int64_t steps = 0;
    while (steps < kChunk) {
      for (OneEnv& e : st->envs) {
        ember::ActionView actions;
        if (masked) {
          choose_legal(e.mask.data(), spec.num_agents, spec.action.nvec[0],
                       st->table.picks.data() + st->next * agents, e.masked_actions.data());
          actions.discrete = e.masked_actions.data();
        } else if (discrete) {
          actions.discrete = st->table.discrete.data() + st->next * st->table.row;
        } else {
          actions.continuous = st->table.continuous.data() + st->next * st->table.row;
        }
        st->next = (st->next + 1) & (kRows - 1);
        e.terminated = 0;
        e.env->step(actions, e.slot);
        ++e.elapsed;
        if (e.terminated || (max_steps > 0 && e.elapsed >= max_steps)) {
          e.env->reset(e.slot);
          e.elapsed = 0;
        }
      }
      steps += static_cast<int64_t>(st->envs.size());
    }
    return steps;
  };
}

// VectorEnv::step() alone, fed precomputed random actions (no policy, no
// collect loop): what the batching layer itself costs.
Workload vector_step_workload(const Options& o, const ember::Registry& registry,
                              const std::string& id) {
  struct State {
    std::unique_ptr<ember::VectorEnv> envs;
    ActionTable table;
    size_t next = 0;
  };
  constexpr size_t kRows = 512;  // vector steps' worth of actions, power of two
  auto st = std::make_shared<State>();
  st->envs = std::make_unique<ember::VectorEnv>(make_envs(registry, id, o.num_envs), 1);
  st->envs->reset(o.seed);
  st->table = make_action_table(st->envs->spec(), kRows * static_cast<size_t>(o.num_envs),
                                ember::derive_seed(o.seed, "vector-actions"));

  return [st]() -> int64_t {
    constexpr int64_t kChunk = 256;
    ember::VectorEnv& envs = *st->envs;
    const ember::EnvSpec& spec = envs.spec();
    const auto n = static_cast<size_t>(envs.num_envs());
    const auto agents = static_cast<size_t>(spec.num_agents);
    const size_t batch = n * st->table.row;  // action elements per vector step
    for (int64_t k = 0; k < kChunk; ++k) {
      if (spec.has_action_mask) {
        const auto actions_per_agent = static_cast<size_t>(spec.action.nvec[0]);
        for (size_t i = 0; i < n; ++i)
          choose_legal(envs.action_mask() + i * agents * actions_per_agent, spec.num_agents,
                       spec.action.nvec[0], st->table.picks.data() + (st->next * n + i) * agents,
                       envs.discrete_actions() + i * agents);
      } else if (spec.action.is_discrete()) {
        std::copy_n(st->table.discrete.data() + st->next * batch, batch, envs.discrete_actions());
      } else {
        std::copy_n(st->table.continuous.data() + st->next * batch, batch, envs.continuous_actions());
      }
      st->next = (st->next + 1) & (kRows - 1);
      envs.step();
    }
    return kChunk * static_cast<int64_t>(n);
  };
}

// (b)/(d) VectorEnv + collect() + random policy, no sink, no episode log.
Workload collect_workload(const Options& o, const ember::Registry& registry, const std::string& id,
                          int threads) {
  struct State {
    std::unique_ptr<ember::VectorEnv> envs;
    std::unique_ptr<ember::RandomPolicy> policy;
  };
  auto st = std::make_shared<State>();
  st->envs = std::make_unique<ember::VectorEnv>(make_envs(registry, id, o.num_envs), threads);
  st->envs->reset(o.seed);
  st->policy = std::make_unique<ember::RandomPolicy>(st->envs->spec(),
                                                     ember::derive_seed(o.seed, "policy"));
  return [st]() -> int64_t {
    constexpr int64_t kChunk = 256;
    const int64_t steps =
        ember::collect(*st->envs, *st->policy, ember::CollectLimit::steps(kChunk), nullptr, nullptr);
    return steps * st->envs->num_envs();
  };
}

// ---- timing ----

// Runs `work` repeatedly for about `seconds`; returns env steps per second.
double time_trial(double seconds, const Workload& work) {
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  int64_t steps = 0;
  Clock::time_point now;
  do {
    steps += work();
    now = Clock::now();
  } while (now < deadline);
  return static_cast<double>(steps) / std::chrono::duration<double>(now - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Times several workloads in alternation (round t times every workload once),
// so that a slow spell of a shared machine hits all of them alike; returns
// each workload's per-trial rates.
std::vector<std::vector<double>> time_interleaved(const Options& o,
                                                  const std::vector<Workload>& works) {
  for (const auto& w : works) time_trial(std::min(0.2, o.seconds), w);  // warm-up
  std::vector<std::vector<double>> rates(works.size());
  for (int t = 0; t < o.trials; ++t)
    for (size_t w = 0; w < works.size(); ++w) rates[w].push_back(time_trial(o.seconds, works[w]));
  return rates;
}

// Median of the per-round ratios num[t] / den[t] (paired, so drift cancels).
double paired_ratio(const std::vector<double>& num, const std::vector<double>& den) {
  std::vector<double> r;
  for (size_t t = 0; t < num.size(); ++t) r.push_back(num[t] / den[t]);
  return median(r);
}

// "24.10 M" style figures keep the table narrow.
std::string rate(double steps_per_s) {
  char buf[32];
  if (steps_per_s >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2f M", steps_per_s / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.0f k", steps_per_s / 1e3);
  return buf;
}

std::string percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * x);
  return buf;
}

std::string trial_list(const std::vector<double>& rates) {
  std::string s;
  for (double r : rates) s += (s.empty() ? "" : ", ") + rate(r);
  return s;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  double one = 0, five = 0, fifteen = 0;
  if (!(in >> one >> five >> fifteen)) return "unknown";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", one, five, fifteen);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  try {
    o = parse_args(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ember_env_bench: " << e.what() << "\n";
    usage(std::cerr);
    return 2;
  }

  ember::Registry registry;
  ember::register_builtin_envs(registry);

  // Per env: rates of raw, raw round-robin, vector step, collect (1 thread) and, optionally,
  // collect (T threads), in that order.
  enum { kRaw, kRawRoundRobin, kVectorStep, kCollect, kCollectThreads };
  struct Row {
    std::string id;
    std::vector<std::vector<double>> rates;
  };
  for (const auto& id : o.env_ids)
    if (!registry.find_env(id)) {
      std::string known;
      for (const auto& k : registry.env_ids()) known += (known.empty() ? "" : ", ") + k;
      std::cerr << "ember_env_bench: unknown env '" << id << "' (known: " << known << ")\n";
      return 2;
    }
  std::vector<Row> rows;
  const std::string load_before = load_average();
  try {
    for (const auto& id : o.env_ids) {
      std::cerr << "ember_env_bench: " << id << " ..." << std::flush;
      std::vector<Workload> works = {raw_workload(o, registry, id, 1),
                                     raw_workload(o, registry, id, o.num_envs),
                                     vector_step_workload(o, registry, id),
                                     collect_workload(o, registry, id, 1)};
      if (o.threads > 1) works.push_back(collect_workload(o, registry, id, o.threads));
      rows.push_back({id, time_interleaved(o, works)});
      std::cerr << " done\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "\nember_env_bench: " << e.what() << "\n";
    return 1;
  }
  const std::string load_after = load_average();

#ifdef NDEBUG
  const char* build = "optimised (NDEBUG)";
#else
  const char* build = "assertions on (not a Release build?)";
#endif
  std::cout << "- Machine: " << cpu_model() << ", " << online_cpus() << " online CPU(s)\n"
            << "- Compiler: " << __VERSION__ << ", " << build << "\n"
            << "- Date: " << utc_now() << "\n"
            << "- Load average (1/5/15 min) before: " << load_before << "; after: " << load_after
            << "\n"
            << "- Command: `" << o.command << "`\n"
            << "- Method: N = " << o.num_envs << " envs per VectorEnv; " << o.trials
            << " trials of " << o.seconds
            << " s per column after a warm-up, columns timed in alternation; one thread unless"
               " stated; figures are medians of env steps per second; ratios are medians of"
               " per-trial ratios.\n\n";

  const bool mt = o.threads > 1;
  std::cout << "| env | (a) raw `Env::step`, 1 env | N raw envs, round-robin "
               "| `VectorEnv::step` only | (b) VectorEnv + `collect()` + random policy "
               "| (c) = (b)/(a)";
  if (mt) std::cout << " | (d) `collect()`, " << o.threads << " threads | (d)/(a)";
  std::cout << " |\n|---|---:|---:|---:|---:|---:" << (mt ? "|---:|---:" : "") << "|\n";
  for (const auto& r : rows) {
    const auto& v = r.rates;
    std::cout << "| " << r.id << " | " << rate(median(v[kRaw])) << " | "
              << rate(median(v[kRawRoundRobin])) << " | " << rate(median(v[kVectorStep])) << " | " << rate(median(v[kCollect])) << " | "
              << percent(paired_ratio(v[kCollect], v[kRaw]));
    if (mt)
      std::cout << " | " << rate(median(v[kCollectThreads])) << " | "
                << percent(paired_ratio(v[kCollectThreads], v[kRaw]));
    std::cout << " |\n";
  }

  std::cout << "\nPer-trial rates (env steps/s):\n\n";
  for (const auto& r : rows) {
    const auto& v = r.rates;
    std::cout << "- " << r.id << ": raw [" << trial_list(v[kRaw]) << "]; raw round-robin ["
              << trial_list(v[kRawRoundRobin]) << "]; vector step ["
              << trial_list(v[kVectorStep]) << "]; collect [" << trial_list(v[kCollect]) << "]";
    if (mt) std::cout << "; collect " << o.threads << "T [" << trial_list(v[kCollectThreads]) << "]";
    std::cout << "\n";
  }
  return 0;
}
