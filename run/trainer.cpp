#include "run/trainer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.h"
#include "core/binary_io.h"
#include "core/checkpoint.h"
#include "run/build_run.h"
#include "core/evaluator.h"
#include "core/metrics_log.h"
#include "core/plots.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/stats.h"
#include "core/version.h"

namespace ember {

namespace {

using Clock = std::chrono::steady_clock;

bool path_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

void make_dir(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) throw std::runtime_error("cannot create directory '" + path + "': " + error.message());
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long>(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof(buf), "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof(buf), "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// Episodes finished since the last metrics row.
struct EpisodeWindow {
  int64_t count = 0;
  double sum_return = 0, sum_length = 0;
  std::vector<double> sum_metrics;

  void add(const EpisodeResult& e) {
    ++count;
    sum_return += e.ret;
    sum_length += static_cast<double>(e.length);
    sum_metrics.resize(e.metrics.size(), 0.0);
    for (size_t m = 0; m < e.metrics.size(); ++m) sum_metrics[m] += e.metrics[m];
  }
  void save(std::ostream& out) const {
    write_pod(out, count);
    write_pod(out, sum_return);
    write_pod(out, sum_length);
    write_pod(out, static_cast<uint64_t>(sum_metrics.size()));
    for (double v : sum_metrics) write_pod(out, v);
  }
  void load(std::istream& in) {
    count = read_pod<int64_t>(in);
    sum_return = read_pod<double>(in);
    sum_length = read_pod<double>(in);
    sum_metrics.resize(read_pod<uint64_t>(in));
    for (double& v : sum_metrics) v = read_pod<double>(in);
  }
};

}  // namespace

struct Trainer::State {
  RunConfig config;
  std::string run_dir;
  Mode mode;
  std::unique_ptr<VectorEnv> envs, eval_envs;
  std::unique_ptr<Agent> agent;
  RunSeeds seeds;
  std::unique_ptr<MetricsLog> metrics, eval_log;

  int64_t total_steps = 0, log_every = 0, eval_every = 0, checkpoint_every = 0;
  bool tty = false;

  // counters saved in checkpoints
  int64_t env_steps = 0, updates = 0, episodes = 0;
  double wall_before = 0;  // wall seconds spent in earlier sessions of this run
  EpisodeWindow window;
  double last_return = NAN;

  Clock::time_point session_start;
  int64_t session_start_steps = 0;
  double last_sps = 0;
  int64_t last_row_steps = 0;
  Clock::time_point last_row_time;

  double wall() const {
    return wall_before + std::chrono::duration<double>(Clock::now() - session_start).count();
  }
  std::string checkpoint_path() const { return run_dir + "/checkpoints/latest.ckpt"; }

  // The env and agent sections stream straight into the file: a learner's
  // replay can be hundreds of MB, and copies of it in memory would double
  // the run's peak RSS at every checkpoint.
  void save_checkpoint() {
    std::ostringstream trainer;
    write_pod(trainer, env_steps);
    write_pod(trainer, updates);
    write_pod(trainer, episodes);
    write_pod(trainer, wall());
    write_pod(trainer, last_return);
    window.save(trainer);
    CheckpointSection write_envs;
    if (envs->spec().supports_snapshot) write_envs = [this](std::ostream& out) { envs->save(out); };
    write_checkpoint(checkpoint_path(), config.to_yaml(), trainer.str(), write_envs,
                     [this](std::ostream& out) { agent->save(out); });
  }

  void load_checkpoint() {
    CheckpointReader checkpoint(checkpoint_path());
    std::istringstream trainer(checkpoint.trainer_state());
    env_steps = read_pod<int64_t>(trainer);
    updates = read_pod<int64_t>(trainer);
    episodes = read_pod<int64_t>(trainer);
    wall_before = read_pod<double>(trainer);
    last_return = read_pod<double>(trainer);
    window.load(trainer);
    if (checkpoint.has_envs()) {
      checkpoint.read_envs([this](std::istream& in) { envs->load(in); });
    } else {
      // the env cannot snapshot: continue from fresh episodes on a derived seed
      envs->reset(seeds.resumed_train_envs(env_steps));
    }
    try {
      checkpoint.read_agent([this](std::istream& in) { agent->load(in); });
    } catch (const std::exception& e) {
      throw std::runtime_error("checkpoint '" + checkpoint_path() + "' cannot be loaded by this build: " + e.what());
    }
  }

  void log_row(const Metrics& update_metrics) {
    const auto now = Clock::now();
    const double dt = std::chrono::duration<double>(now - last_row_time).count();
    last_sps = dt > 0 ? static_cast<double>(env_steps - last_row_steps) / dt : 0.0;
    last_row_steps = env_steps;
    last_row_time = now;
    const double n = static_cast<double>(window.count);
    if (window.count > 0) last_return = window.sum_return / n;
    Row row = {{"step", static_cast<double>(env_steps)},
               {"wall_time", wall()},
               {"sps", last_sps},
               {"episodes", static_cast<double>(episodes)},
               {"charts/episodic_return", window.count ? window.sum_return / n : NAN},
               {"charts/episodic_length", window.count ? window.sum_length / n : NAN}};
    const auto& names = envs->spec().episode_metrics;
    for (size_t m = 0; m < names.size(); ++m)
      row.emplace_back("env/" + names[m],
                       window.count && m < window.sum_metrics.size() ? window.sum_metrics[m] / n : NAN);
    row.insert(row.end(), update_metrics.begin(), update_metrics.end());
    metrics->write(row);
    window = EpisodeWindow();
    if (!tty) std::cerr << progress_text() << "\n";
  }

  std::string progress_text() const {
    const double elapsed = std::chrono::duration<double>(Clock::now() - session_start).count();
    const double sps = elapsed > 0 ? static_cast<double>(env_steps - session_start_steps) / elapsed : 0;
    const double eta = sps > 0 ? static_cast<double>(total_steps - env_steps) / sps : NAN;
    char buf[256];
    std::snprintf(buf, sizeof(buf), "[%s] step %lld/%lld (%.0f%%) | %.0f steps/s | ETA %s | return %.2f",
                  config.name.c_str(), static_cast<long long>(env_steps), static_cast<long long>(total_steps),
                  100.0 * static_cast<double>(env_steps) / static_cast<double>(total_steps), sps,
                  format_duration(eta).c_str(), last_return);
    return buf;
  }

  EvalResult run_eval(bool final) {
    const EvalResult r = evaluate(agent->evaluation_policy(config.eval.get_bool("deterministic")), *eval_envs,
                                  config.eval.get_int("episodes"),
                                  static_cast<uint64_t>(config.eval.get_int("seed")));
    const Summary s = summarize(r.returns, seeds.eval_bootstrap);
    Row row = {{"step", static_cast<double>(env_steps)},
               {"wall_time", wall()},
               {"eval/return_mean", s.mean},
               {"eval/return_iqm", s.iqm},
               {"eval/return_ci_low", s.ci_low},
               {"eval/return_ci_high", s.ci_high},
               {"eval/return_std", s.std},
               {"eval/length_mean", mean_of(r.lengths)}};
    for (size_t m = 0; m < r.metric_names.size(); ++m)
      row.emplace_back("eval/" + r.metric_names[m], mean_of(r.metrics[m]));
    for (const auto& kv : agent->evaluation_metrics()) row.emplace_back("eval/" + kv.first, kv.second);
    eval_log->write(row);
    if (final) write_eval_json(r, s);
    return r;
  }

  void write_eval_json(const EvalResult& r, const Summary& s) {
    nlohmann::ordered_json j;
    j["env"] = config.env_id;
    j["agent"] = config.agent_id;
    j["step"] = env_steps;
    j["episodes"] = r.returns.size();
    j["eval_seed"] = config.eval.get_int("seed");
    j["return"] = {{"mean", s.mean}, {"iqm", s.iqm}, {"std", s.std}, {"ci95", {s.ci_low, s.ci_high}}};
    j["length_mean"] = mean_of(r.lengths);
    for (size_t m = 0; m < r.metric_names.size(); ++m) j["metrics"][r.metric_names[m]] = mean_of(r.metrics[m]);
    for (const auto& kv : agent->evaluation_metrics()) j["agent_metrics"][kv.first] = kv.second;
    j["returns"] = r.returns;
    write_file_atomic(run_dir + "/eval.json", j.dump(2) + "\n");
  }
};

Trainer::Trainer(RunConfig config, const Registry& registry, std::string run_dir, Mode mode)
    : s_(std::make_unique<State>()) {
  State& s = *s_;
  Run run = build_run(std::move(config), registry, RunUse::kTrain);
  s.config = std::move(run.config);
  s.envs = std::move(run.envs);
  s.eval_envs = std::move(run.eval_envs);
  s.agent = std::move(run.agent);
  s.seeds = run.seeds;
  s.run_dir = std::move(run_dir);
  s.mode = mode;
  const Params& train = s.config.train;
  s.total_steps = train.get_int("steps");
  s.log_every = train.get_int("log_every");
  s.eval_every = train.get_int("eval_every");
  s.checkpoint_every = train.get_int("checkpoint_every");
  s.tty = ::isatty(STDERR_FILENO) != 0;
}

Trainer::~Trainer() = default;

TrainSummary Trainer::run(const std::atomic<bool>* interrupt) {
  State& s = *s_;
  s.session_start = s.last_row_time = Clock::now();
  if (s.mode == Mode::kFresh) {
    make_dir(s.run_dir);
    make_dir(s.run_dir + "/checkpoints");
    write_file_atomic(s.run_dir + "/config.yaml", s.config.to_yaml());
    s.envs->reset(s.seeds.train_envs);
    s.metrics = std::make_unique<MetricsLog>(s.run_dir + "/metrics.csv");
    s.eval_log = std::make_unique<MetricsLog>(s.run_dir + "/eval.csv");
  } else {
    s.load_checkpoint();
    s.metrics = std::make_unique<MetricsLog>(s.run_dir + "/metrics.csv", s.env_steps);
    s.eval_log = std::make_unique<MetricsLog>(s.run_dir + "/eval.csv", s.env_steps);
    std::cerr << "[" << s.config.name << "] resumed from step " << s.env_steps << "\n";
  }
  s.session_start_steps = s.last_row_steps = s.env_steps;

  const int64_t per_update = s.agent->rollout_length() * s.envs->num_envs();
  EpisodeLog episodes;
  TrainSummary summary;
  while (s.env_steps < s.total_steps) {
    if (interrupt && interrupt->load()) {
      summary.interrupted = true;
      break;
    }
    const int64_t before = s.env_steps;
    episodes.clear();
    collect(*s.envs, s.agent->behaviour_policy(), CollectLimit::steps(s.agent->rollout_length()),
            s.agent->sink(), &episodes);
    s.env_steps += per_update;
    for (const auto& e : episodes.episodes) s.window.add(e);
    s.episodes += static_cast<int64_t>(episodes.episodes.size());
    const Metrics update_metrics = s.agent->update({s.env_steps, s.total_steps});
    ++s.updates;

    // a threshold is crossed when this update moved past a multiple of it
    auto crossed = [&](int64_t every) { return every > 0 && before / every != s.env_steps / every; };
    const bool last = s.env_steps >= s.total_steps;
    if (crossed(s.log_every) || last) s.log_row(update_metrics);
    if (crossed(s.eval_every) && !last) s.run_eval(false);
    if (crossed(s.checkpoint_every) && !last) s.save_checkpoint();
    if (s.tty) std::cerr << "\r" << s.progress_text() << "\x1b[K" << std::flush;
  }
  if (s.tty) std::cerr << "\n";
  if (!summary.interrupted) {
    const EvalResult r = s.run_eval(true);
    summary.final_eval_mean = mean_of(r.returns);
  }
  s.save_checkpoint();
  const std::string warning = plot_run(s.run_dir, s.config.name);
  if (!warning.empty()) std::cerr << "warning: " << warning << "\n";
  summary.env_steps = s.env_steps;
  summary.wall_seconds = s.wall();
  return summary;
}

std::string unique_run_dir(const std::string& runs_dir, const std::string& name) {
  std::string dir = runs_dir + "/" + name;
  for (int k = 2; path_exists(dir); ++k) dir = runs_dir + "/" + name + "-" + std::to_string(k);
  return dir;
}

}  // namespace ember
