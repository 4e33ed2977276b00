// File: benchmarks/transporter_diagnosis.cpp
//
// ember_transporter_diagnose: where a trained `transporter` checkpoint errs,
// measured against held-out oracle demonstrations (record them with
// `ember demos ... env.split=test`). For every expert step it acts greedily
// on the step's maps and instruction and compares with the expert's labels:
//   pick   distance from the expert's pick pixel (a random visible pixel of
//          the object it picked, so a right pick can be a block's width off),
//   place  distance from the expert's place pixel,
//   yaw    the place yaw error modulo 90 degrees (a block's symmetry),
// and prints, per demonstration folder, the fractions inside the tolerances
// that decide success (pick within half a 4 cm block, place within the
// task's 5 cm, yaw within 15 degrees) and the median errors. It separates
// "picked the wrong thing" from "put it in the wrong place" from "turned it
// wrongly" (benchmarks/results/tabletop_agents.md).
//
// Example:
//   ember_transporter_diagnose --checkpoint runs/transporter_bench/d1000_s1/checkpoints/latest.ckpt
//       --demos demos/test/pick-and-place-primitive-with-size env.downsample=4
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "agents/imitation/pick_place_demos.h"
#include "agents/imitation/transporter_learner.h"
#include "agents/register_builtin.h"
#include "benchmarks/tool_main.h"
#include "core/checkpoint.h"
#include "core/config.h"
#include "core/env_spec.h"
#include "core/registry.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double fraction_at_most(const std::vector<double>& v, double limit) {
  if (v.empty()) return 0;
  return static_cast<double>(std::count_if(v.begin(), v.end(), [&](double x) { return x <= limit; })) /
         static_cast<double>(v.size());
}

// The yaw error of a placement modulo a block's 90-degree symmetry, degrees.
double yaw_error_deg(double predicted, double expert) {
  const double d = std::fmod(std::fabs(predicted - expert) * 180.0 / M_PI, 90.0);
  return std::min(d, 90.0 - d);
}

void diagnose(TransporterLearner& learner, const std::string& folder, const EnvSpec& spec, int64_t max_episodes) {
  const TransporterConfig& tc = learner.config();
  PickPlaceDemos demos({folder}, max_episodes, spec, static_cast<int>(tc.rotations));
  const MapGeometry& g = demos.geometry();
  const double pixel_m = std::sqrt(g.pixel_x * g.pixel_y);
  std::vector<double> pick_m, place_m, yaw_deg, place_when_picked_m, yaw_when_picked_deg, pick_to_place_m;
  for (const PickPlaceSample& s : demos.samples()) {
    float a[6];
    learner.act({{demos.rgb(s), demos.height(s), s.instruction}}, a);
    const auto [ex_pick_x, ex_pick_y] = g.to_xy(s.pick_row, s.pick_col);
    const auto [ex_place_x, ex_place_y] = g.to_xy(s.place_row, s.place_col);
    const double pick = std::hypot(a[0] - ex_pick_x, a[1] - ex_pick_y);
    const double place = std::hypot(a[3] - ex_place_x, a[4] - ex_place_y);
    // the expert's yaw change, as the bin the learner was trained on
    const double yaw = yaw_error_deg(a[5], place_yaw_of_bin(s.rotation, static_cast<int>(tc.rotations)));
    pick_m.push_back(pick);
    pick_to_place_m.push_back(std::hypot(a[0] - ex_place_x, a[1] - ex_place_y));
    place_m.push_back(place);
    yaw_deg.push_back(yaw);
    if (pick <= 0.02) {
      place_when_picked_m.push_back(place);
      yaw_when_picked_deg.push_back(yaw);
    }
  }
  std::printf("%s: %zu steps of %zu episodes, %.1f mm pixels\n", folder.c_str(), demos.samples().size(),
              demos.episodes(), 1000.0 * pixel_m);
  std::printf("  pick  within 2 cm %.3f, within 4 cm %.3f; median %.1f mm\n", fraction_at_most(pick_m, 0.02),
              fraction_at_most(pick_m, 0.04), 1000.0 * median(pick_m));
  std::printf("  pick  within 4 cm of the expert's place (the place target picked) %.3f\n",
              fraction_at_most(pick_to_place_m, 0.04));
  std::printf("  place within 1 cm %.3f, within 5 cm %.3f; median %.1f mm\n", fraction_at_most(place_m, 0.01),
              fraction_at_most(place_m, 0.05), 1000.0 * median(place_m));
  std::printf("  yaw   within 15 deg %.3f; median %.1f deg\n", fraction_at_most(yaw_deg, 15.0), median(yaw_deg));
  std::printf("  given a pick within 2 cm (%zu steps): place within 5 cm %.3f, yaw within 15 deg %.3f\n",
              place_when_picked_m.size(), fraction_at_most(place_when_picked_m, 0.05),
              fraction_at_most(yaw_when_picked_deg, 15.0));
}

int run(int argc, char** argv) {
  std::string checkpoint, config_path = "configs/tabletop/oracle.yaml";
  std::vector<std::string> folders, overrides;
  int64_t episodes = 200;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--checkpoint" && i + 1 < argc) checkpoint = argv[++i];
    else if (a == "--demos" && i + 1 < argc) folders.push_back(argv[++i]);
    else if (a == "--config" && i + 1 < argc) config_path = argv[++i];
    else if (a == "--episodes" && i + 1 < argc) episodes = std::stoll(argv[++i]);
    else if (a.find('=') != std::string::npos) overrides.push_back(a);
    else {
      std::cerr << "usage: ember_transporter_diagnose --checkpoint FILE --demos FOLDER [--demos FOLDER ...]\n"
                   "       [--config FILE (its env, default configs/tabletop/oracle.yaml)] [--episodes N] "
                   "[key=value ...]\n";
      return 2;
    }
  }
  if (checkpoint.empty() || folders.empty() || episodes < 1) {
    std::cerr << "ember_transporter_diagnose: --checkpoint and --demos are required; --episodes >= 1\n";
    return 2;
  }
  Registry registry;
  register_builtin_envs(registry);
  register_builtin_agents(registry);
  const RunConfig config = load_run_config(config_path, overrides, registry);
  const EnvSpec spec = registry.find_env(config.env_id)->make(config.env)->spec();
  std::unique_ptr<TransporterLearner> learner;
  CheckpointReader reader(checkpoint);
  reader.read_agent([&](std::istream& in) {
    learner = TransporterLearner::read_model(in, TransporterConfig{}, MapGeometry::from_spec(spec));
  });
  for (const std::string& folder : folders) diagnose(*learner, folder, spec, episodes);
  return 0;
}

}  // namespace
}  // namespace ember

int main(int argc, char** argv) { return ember::tool_main("ember_transporter_diagnose", ember::run, argc, argv); }
