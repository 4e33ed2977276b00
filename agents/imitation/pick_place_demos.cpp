#include "agents/imitation/pick_place_demos.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "agents/common/scene_description.h"
#include "core/env_spec.h"

namespace ember {
namespace {

int field_of(const DemoEpisode& e, const std::string& name) {
  for (size_t i = 0; i < e.fields.size(); ++i)
    if (e.fields[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::vector<std::string> demo_files(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw std::invalid_argument("agent.demos: no demonstrations folder '" + folder + "'");
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".demo") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::invalid_argument("agent.demos: folder '" + folder + "' holds no .demo files");
  return files;
}

}  // namespace

int rotation_bin(double pick_yaw, double place_yaw, int rotations) {
  const double step = 2.0 * M_PI / rotations;
  const auto bin = static_cast<int64_t>(std::llround((pick_yaw - place_yaw) / step));
  return static_cast<int>(((bin % rotations) + rotations) % rotations);
}

double place_yaw_of_bin(int bin, int rotations) {
  double yaw = -bin * 2.0 * M_PI / rotations;
  if (yaw < -M_PI) yaw += 2.0 * M_PI;  // stay inside the action box's [-pi, pi]
  return yaw;
}

PickPlaceDemos::PickPlaceDemos(const std::vector<std::string>& folders, int64_t max_per_folder, const EnvSpec& spec,
                               int rotations)
    : geometry_(MapGeometry::from_spec(spec)) {
  if (folders.empty()) throw std::invalid_argument("agent.demos: names no demonstrations folder");
  for (const std::string& folder : folders) {
    std::vector<std::string> files = demo_files(folder);
    if (static_cast<int64_t>(files.size()) > max_per_folder) files.resize(static_cast<size_t>(max_per_folder));
    for (const std::string& path : files) {
      DemoEpisode episode;
      try {
        episode = read_demo_episode(path);
      } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("agent.demos: ") + e.what());
      }
      add_episode(path, std::move(episode), spec, rotations);
    }
  }
  if (samples_.empty()) throw std::invalid_argument("agent.demos: no usable pick-and-place step in the demonstrations");
}

void PickPlaceDemos::add_episode(const std::string& path, DemoEpisode e, const EnvSpec& spec, int rotations) {
  const std::string where = "agent.demos: '" + path + "' ";
  if (e.env_id != spec.id) throw std::invalid_argument(where + "was recorded in env '" + e.env_id + "', not '" + spec.id + "'");
  const int rgb = field_of(e, "rgb"), height = field_of(e, "height");
  const std::vector<int64_t> rgb_shape = {1, geometry_.rows, geometry_.cols, 3};
  const std::vector<int64_t> height_shape = {1, geometry_.rows, geometry_.cols};
  if (rgb < 0 || height < 0) throw std::invalid_argument(where + "has no rgb and height maps");
  if (e.fields[rgb].shape != rgb_shape || e.fields[rgb].dtype != DType::kUInt8 ||
      e.fields[height].shape != height_shape || e.fields[height].dtype != DType::kFloat32)
    throw std::invalid_argument(where + "has rgb maps " + shape_text(e.fields[rgb].shape) + "; the env's are " +
                                shape_text(rgb_shape) + " (recorded at another downsample?)");
  if (e.discrete_actions || e.action_numel != 6)
    throw std::invalid_argument(where + "does not hold 6-number pick-and-place actions");
  const std::string first_line = description_instruction(e.description);
  const size_t index = episodes_.size();
  for (int64_t t = 0; t < e.steps; ++t) {
    const float* a = e.continuous.data() + t * 6;
    PickPlaceSample s;
    s.episode = index;
    s.step = t;
    s.instruction = t < static_cast<int64_t>(e.step_instructions.size()) && !e.step_instructions[t].empty()
                        ? e.step_instructions[t]
                        : first_line;
    std::tie(s.pick_row, s.pick_col) = geometry_.to_pixel(a[0], a[1]);
    std::tie(s.place_row, s.place_col) = geometry_.to_pixel(a[3], a[4]);
    s.rotation = rotation_bin(a[2], a[5], rotations);
    if (!geometry_.contains(s.pick_row, s.pick_col) || !geometry_.contains(s.place_row, s.place_col)) {
      ++skipped_;
      continue;
    }
    samples_.push_back(std::move(s));
  }
  episodes_.push_back(std::move(e));
  rgb_field_.push_back(rgb);
  height_field_.push_back(height);
}

const uint8_t* PickPlaceDemos::rgb(const PickPlaceSample& s) const {
  return episodes_[s.episode].observation<uint8_t>(static_cast<size_t>(rgb_field_[s.episode]), s.step);
}

const float* PickPlaceDemos::height(const PickPlaceSample& s) const {
  return episodes_[s.episode].observation<float>(static_cast<size_t>(height_field_[s.episode]), s.step);
}

}  // namespace ember
