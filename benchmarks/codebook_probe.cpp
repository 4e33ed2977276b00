// File: benchmarks/codebook_probe.cpp
//
// ember_codebook_probe: what a trained codebook policy's bottleneck does.
// It loads a visual PPO checkpoint with a codebook, runs its sampling
// evaluation policy for --episodes episodes on unseen test houses (overrides
// env.split=test env.shaping=false; more key=value overrides may follow) and,
// at every step, reads the code probabilities the policy used
// (VisualPpoLearner::code_probabilities). It writes into --out:
//   code_usage.csv    per code: mean probability over all frames, the frames
//                     on which it is the most probable code, and the frames
//                     on which it has more than the uniform 1/K weight;
//   goal_codes.csv    per target category: the mean code probabilities;
//   code_strips.png   --frames frames spread over the run, one row each: the
//                     frame (2x) and the probabilities of the --strip-codes
//                     most used codes as a heat strip (ordered by overall
//                     mean probability, most used on the left; each row
//                     scaled to its own maximum);
//   goal_codes.png    one heat row per target category present, in category
//                     id order (same codes, order and scaling);
// and prints a summary (frames, perplexity of the mean usage, mean per-frame
// entropy, codes holding 90% of the mass). scripts/plot_codebook.sh draws
// code_usage.csv as a histogram.
//
// Example:
//   ember_codebook_probe --checkpoint runs/codebook_bench/codebook_s1/checkpoints/latest.ckpt
//     --out runs/codebook_probe --episodes 30 --frames 8
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

#include "agents/common/learner_policy.h"
#include "agents/ppo/visual_ppo_config.h"
#include "agents/ppo/visual_ppo_learner.h"
#include "agents/register_builtin.h"
#include "benchmarks/tool_main.h"
#include "core/atomic_file.h"
#include "core/checkpoint.h"
#include "core/config.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "envs/common/png.h"
#include "envs/register_builtin.h"
#include "run/build_run.h"

namespace ember {
namespace {

// One recorded step: the frame, its target category and the code probabilities.
struct ProbeFrame {
  std::vector<uint8_t> rgb;
  int goal = 0;
  std::vector<float> probs;
};

// Records every step's frame and code probabilities before the env steps
// (the policy has acted; its previous actions are still the ones it used).
class CodeRecorder : public Sink {
 public:
  CodeRecorder(VisualPpoLearner& learner, int rgb_field, int goal_field)
      : learner_(learner), rgb_field_(rgb_field), goal_field_(goal_field) {}
  void before_step(const VectorEnv& envs) override {
    const std::vector<float> p = learner_.code_probabilities(envs, VisualPpoLearner::Mode::kSample);
    const size_t rows = static_cast<size_t>(envs.num_envs());
    const size_t codes = p.size() / rows;
    const size_t frame_bytes = static_cast<size_t>(envs.spec().observation[rgb_field_].space.numel());
    const size_t goals = static_cast<size_t>(envs.spec().observation[goal_field_].space.numel());
    const auto* rgb = static_cast<const uint8_t*>(envs.field(rgb_field_));
    const float* goal = envs.field_as<float>(goal_field_);
    for (size_t r = 0; r < rows; ++r) {
      ProbeFrame f;
      f.rgb.assign(rgb + r * frame_bytes, rgb + (r + 1) * frame_bytes);
      f.goal = static_cast<int>(std::max_element(goal + r * goals, goal + (r + 1) * goals) - (goal + r * goals));
      f.probs.assign(p.begin() + static_cast<std::ptrdiff_t>(r * codes), p.begin() + static_cast<std::ptrdiff_t>((r + 1) * codes));
      frames.push_back(std::move(f));
    }
  }
  std::vector<ProbeFrame> frames;

 private:
  VisualPpoLearner& learner_;
  int rgb_field_, goal_field_;
};

// Black -> red -> yellow -> white for v in [0, 1].
void heat(double v, uint8_t* px) {
  v = std::clamp(v, 0.0, 1.0);
  px[0] = static_cast<uint8_t>(std::lround(255 * std::min(1.0, 3 * v)));
  px[1] = static_cast<uint8_t>(std::lround(255 * std::clamp(3 * v - 1, 0.0, 1.0)));
  px[2] = static_cast<uint8_t>(std::lround(255 * std::clamp(3 * v - 2, 0.0, 1.0)));
}

// A canvas of RGB pixels, white.
struct Canvas {
  int width, height;
  std::vector<uint8_t> px;
  Canvas(int w, int h) : width(w), height(h), px(static_cast<size_t>(w) * h * 3, 255) {}
  uint8_t* at(int x, int y) { return px.data() + (static_cast<size_t>(y) * width + x) * 3; }
  // One heat strip of `probs` in `order`, `cell` px per code, scaled to its maximum.
  void strip(int x0, int y0, int h, int cell, const std::vector<float>& probs, const std::vector<int>& order) {
    const float peak = std::max(*std::max_element(probs.begin(), probs.end()), 1e-12f);
    for (size_t k = 0; k < order.size(); ++k)
      for (int dy = 0; dy < h; ++dy)
        for (int dx = 0; dx < cell; ++dx) heat(probs[order[k]] / peak, at(x0 + static_cast<int>(k) * cell + dx, y0 + dy));
  }
};

struct Args {
  std::string checkpoint, out;
  int episodes = 30, frames = 8, strip_codes = 32;
  std::vector<std::string> overrides{"env.split=test", "env.shaping=false", "train.eval_num_envs=1"};
};

int run(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    if (s == "--checkpoint" && i + 1 < argc) a.checkpoint = argv[++i];
    else if (s == "--out" && i + 1 < argc) a.out = argv[++i];
    else if (s == "--episodes" && i + 1 < argc) a.episodes = std::stoi(argv[++i]);
    else if (s == "--frames" && i + 1 < argc) a.frames = std::stoi(argv[++i]);
    else if (s == "--strip-codes" && i + 1 < argc) a.strip_codes = std::stoi(argv[++i]);
    else if (s.find('=') != std::string::npos) a.overrides.push_back(s);
    else {
      std::cerr << "usage: ember_codebook_probe --checkpoint FILE --out DIR [--episodes N] [--frames N] [--strip-codes N] "
                   "[key=value ...]\n";
      return 2;
    }
  }
  if (a.checkpoint.empty() || a.out.empty() || a.episodes < 1 || a.frames < 1 || a.strip_codes < 1) {
    std::cerr << "ember_codebook_probe: --checkpoint FILE and --out DIR are required; --episodes, --frames, "
                 "--strip-codes >= 1\n";
    return 2;
  }
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  CheckpointReader reader(a.checkpoint);
  const RunConfig config = parse_run_config(reader.config_yaml(), a.checkpoint, a.overrides, registry);
  const VisualPpoConfig vc = VisualPpoConfig::from_params(config.agent);
  if (config.agent_id != "visual_ppo" || !vc.codebook) {
    std::cerr << "ember_codebook_probe: " << a.checkpoint << " is not a visual_ppo policy with a codebook\n";
    return 2;
  }
  Run run = build_run(config, registry, RunUse::kEvaluate);
  VectorEnv& envs = *run.eval_envs;
  // Rows as in training, so the checkpoint's per-env state loads unchanged.
  VisualPpoLearner learner(vc, envs.spec(), static_cast<int>(config.env.get_int("num_envs")), run.seeds.agent);
  reader.read_agent([&learner](std::istream& in) { learner.load(in); });

  const int rgb_index = envs.spec().field_index("rgb"), goal_index = envs.spec().field_index("goal");
  CodeRecorder recorder(learner, rgb_index, goal_index);
  LearnerPolicy<VisualPpoLearner> policy(learner, VisualPpoLearner::Mode::kSample);
  policy.reset_memory(0);
  envs.reset(/*seed=*/1000);
  EpisodeLog log;
  collect(envs, policy, CollectLimit::episodes(a.episodes), &recorder, &log);
  const std::vector<ProbeFrame>& frames = recorder.frames;
  if (frames.empty()) throw std::runtime_error("no steps were recorded");
  const size_t K = frames.front().probs.size();

  // Usage over all frames, and the order of codes by it.
  std::vector<double> mean(K, 0.0);
  std::vector<int> top(K, 0), above(K, 0);
  double entropy = 0;
  for (const ProbeFrame& f : frames) {
    ++top[std::max_element(f.probs.begin(), f.probs.end()) - f.probs.begin()];
    for (size_t k = 0; k < K; ++k) {
      mean[k] += f.probs[k] / frames.size();
      above[k] += f.probs[k] > 1.0 / K;
      entropy -= f.probs[k] > 0 ? f.probs[k] * std::log(f.probs[k]) / frames.size() : 0.0;
    }
  }
  std::vector<int> order(K);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return mean[x] > mean[y]; });
  double perplexity_log = 0, mass = 0;
  size_t codes_90 = 0;
  for (size_t k = 0; k < K; ++k) perplexity_log -= mean[k] > 0 ? mean[k] * std::log(mean[k]) : 0.0;
  while (codes_90 < K && mass < 0.9) mass += mean[order[codes_90++]];

  const size_t num_goals = static_cast<size_t>(envs.spec().observation[goal_index].space.numel());
  std::vector<std::vector<float>> by_goal(num_goals, std::vector<float>(K, 0.0f));
  std::vector<int> goal_frames(num_goals, 0);
  for (const ProbeFrame& f : frames) {
    ++goal_frames[f.goal];
    for (size_t k = 0; k < K; ++k) by_goal[f.goal][k] += f.probs[k];
  }

  std::string usage = "code,rank,mean_probability,top_frames,frames_above_uniform\n";
  for (size_t r = 0; r < K; ++r) {
    const int k = order[r];
    char line[128];
    std::snprintf(line, sizeof line, "%d,%zu,%.6g,%d,%d\n", k, r, mean[k], top[k], above[k]);
    usage += line;
  }
  std::string goal_csv = "goal,frames";
  for (size_t k = 0; k < K; ++k) goal_csv += ",code" + std::to_string(k);
  goal_csv += "\n";
  for (size_t g = 0; g < num_goals; ++g) {
    if (goal_frames[g] == 0) continue;
    goal_csv += std::to_string(g) + "," + std::to_string(goal_frames[g]);
    for (size_t k = 0; k < K; ++k) {
      by_goal[g][k] /= static_cast<float>(goal_frames[g]);
      char v[32];
      std::snprintf(v, sizeof v, ",%.6g", by_goal[g][k]);
      goal_csv += v;
    }
    goal_csv += "\n";
  }

  // Strips: frames spread evenly over the run.
  const std::vector<int64_t>& frame_shape = envs.spec().observation[rgb_index].space.shape;
  const int H = static_cast<int>(frame_shape[0]), W = static_cast<int>(frame_shape[1]);
  const int rows = std::min<int>(a.frames, static_cast<int>(frames.size()));
  const std::vector<int> shown(order.begin(), order.begin() + std::min<size_t>(K, a.strip_codes));
  const int cell = std::max(2, 512 / static_cast<int>(shown.size())), gap = 8, fh = 2 * H;
  Canvas strips(2 * W + gap + cell * static_cast<int>(shown.size()), rows * (fh + gap) - gap);
  for (int r = 0; r < rows; ++r) {
    const ProbeFrame& f = frames[static_cast<size_t>(r) * frames.size() / rows];
    const int y0 = r * (fh + gap);
    for (int y = 0; y < fh; ++y)
      for (int x = 0; x < 2 * W; ++x) std::copy_n(&f.rgb[(static_cast<size_t>(y / 2) * W + x / 2) * 3], 3, strips.at(x, y0 + y));
    strips.strip(2 * W + gap, y0, fh, cell, f.probs, shown);
  }
  int present = 0;
  for (int n : goal_frames) present += n > 0;
  Canvas goal_map(cell * static_cast<int>(shown.size()), std::max(present, 1) * 24);
  int row = 0;
  for (size_t g = 0; g < num_goals; ++g)
    if (goal_frames[g] > 0) goal_map.strip(0, 24 * row++, 24, cell, by_goal[g], shown);

  write_file_atomic(a.out + "/code_usage.csv", usage);
  write_file_atomic(a.out + "/goal_codes.csv", goal_csv);
  write_png_file(a.out + "/code_strips.png", strips.width, strips.height, 3, strips.px.data());
  write_png_file(a.out + "/goal_codes.png", goal_map.width, goal_map.height, 3, goal_map.px.data());
  std::printf("%zu frames of %d episodes; %zu codes\n", frames.size(), a.episodes, K);
  std::printf("perplexity of the mean usage: %.1f; mean per-frame entropy: %.3f nats (perplexity %.1f)\n",
              std::exp(perplexity_log), entropy, std::exp(entropy));
  std::printf("codes holding 90%% of the mass: %zu; codes ever the most probable: %zu\n", codes_90,
              static_cast<size_t>(std::count_if(top.begin(), top.end(), [](int n) { return n > 0; })));
  std::printf("wrote %s/code_usage.csv, goal_codes.csv, code_strips.png, goal_codes.png\n", a.out.c_str());
  return 0;
}

}  // namespace
}  // namespace ember

int main(int argc, char** argv) { return ember::tool_main("ember_codebook_probe", ember::run, argc, argv); }
