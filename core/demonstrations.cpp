#include "core/demonstrations.h"

#include <numeric>
#include <sstream>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/binary_io.h"

namespace ember {

namespace {
constexpr const char* kMagic = "ember-demo/1";

int64_t product(const std::vector<int64_t>& shape) {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<int64_t>());
}
}  // namespace

size_t DemoField::step_bytes() const { return static_cast<size_t>(product(shape)) * dtype_size(dtype); }

double DemoEpisode::total_reward() const { return std::accumulate(rewards.begin(), rewards.end(), 0.0); }

void DemoEpisode::validate() const {
  auto fail = [](const std::string& what) { throw std::invalid_argument("demonstration: " + what); };
  if (steps < 0 || agents < 1 || action_numel < 1) fail("bad step, agent or action count");
  const auto T = static_cast<size_t>(steps);
  for (const DemoField& f : fields)
    if (f.data.size() != (T + 1) * f.step_bytes()) fail("field '" + f.name + "' does not hold T + 1 observations");
  const size_t actions = T * static_cast<size_t>(agents) * static_cast<size_t>(action_numel);
  if ((discrete_actions ? discrete.size() : continuous.size()) != actions) fail("action count is not T x agents");
  if (rewards.size() != T * static_cast<size_t>(agents)) fail("reward count is not T x agents");
  if (step_instructions.size() != T) fail("step instruction count is not T");
  if (metric_names.size() != metric_values.size()) fail("metric names and values differ in number");
}

void write_demo_episode(const std::string& path, const DemoEpisode& e) {
  e.validate();
  std::ostringstream out;
  write_string(out, kMagic);
  write_string(out, e.env_id);
  write_string(out, e.description);
  write_pod(out, e.steps);
  write_pod(out, e.agents);
  write_pod(out, static_cast<uint32_t>(e.fields.size()));
  for (const DemoField& f : e.fields) {
    write_string(out, f.name);
    write_pod(out, static_cast<uint8_t>(f.dtype));
    write_vector(out, f.shape);
    write_vector(out, f.data);
  }
  write_pod(out, static_cast<uint8_t>(e.discrete_actions));
  write_pod(out, e.action_numel);
  if (e.discrete_actions)
    write_vector(out, e.discrete);
  else
    write_vector(out, e.continuous);
  write_vector(out, e.rewards);
  for (const std::string& s : e.step_instructions) write_string(out, s);
  write_pod(out, static_cast<uint8_t>(e.terminated));
  write_pod(out, static_cast<uint32_t>(e.metric_names.size()));
  for (size_t i = 0; i < e.metric_names.size(); ++i) {
    write_string(out, e.metric_names[i]);
    write_pod(out, e.metric_values[i]);
  }
  write_file_atomic(path, out.str());
}

namespace {

// read_vector wants the size again in front of the data, so rewind over it.
template <typename T>
std::vector<T> read_array(std::istream& in, uint64_t limit) {
  const auto start = in.tellg();
  const auto size = read_pod<uint64_t>(in);
  if (size > limit) throw std::runtime_error("a stored array is larger than the file");
  in.seekg(start);
  std::vector<T> v(static_cast<size_t>(size));
  read_vector(in, v);
  return v;
}

}  // namespace

DemoEpisode read_demo_episode(const std::string& path) {
  const std::string bytes = read_file(path);
  std::istringstream in(bytes);
  const uint64_t limit = bytes.size();
  DemoEpisode e;
  try {
    if (read_string(in) != kMagic) throw std::runtime_error("not an ember demonstration (expected " + std::string(kMagic) + ")");
    e.env_id = read_string(in);
    e.description = read_string(in);
    e.steps = read_pod<int64_t>(in);
    e.agents = read_pod<int32_t>(in);
    if (e.steps < 0 || static_cast<uint64_t>(e.steps) > limit) throw std::runtime_error("bad step count");
    const auto num_fields = read_pod<uint32_t>(in);
    if (num_fields > 1024) throw std::runtime_error("bad field count");
    for (uint32_t i = 0; i < num_fields; ++i) {
      DemoField f;
      f.name = read_string(in);
      const auto dtype = read_pod<uint8_t>(in);
      if (dtype > static_cast<uint8_t>(DType::kInt32)) throw std::runtime_error("field '" + f.name + "' has an unknown dtype");
      f.dtype = static_cast<DType>(dtype);
      f.shape = read_array<int64_t>(in, limit);
      f.data = read_array<uint8_t>(in, limit);
      e.fields.push_back(std::move(f));
    }
    e.discrete_actions = read_pod<uint8_t>(in) != 0;
    e.action_numel = read_pod<int64_t>(in);
    if (e.discrete_actions)
      e.discrete = read_array<int32_t>(in, limit);
    else
      e.continuous = read_array<float>(in, limit);
    e.rewards = read_array<float>(in, limit);
    for (int64_t t = 0; t < e.steps; ++t) e.step_instructions.push_back(read_string(in));
    e.terminated = read_pod<uint8_t>(in) != 0;
    const auto metrics = read_pod<uint32_t>(in);
    if (metrics > 1024) throw std::runtime_error("bad metric count");
    for (uint32_t i = 0; i < metrics; ++i) {
      e.metric_names.push_back(read_string(in));
      e.metric_values.push_back(read_pod<double>(in));
    }
    if (in.peek() != std::char_traits<char>::eof()) throw std::runtime_error("unexpected bytes after the episode");
    e.validate();
  } catch (const std::exception& error) {
    throw std::runtime_error(path + ": " + error.what());
  }
  return e;
}

}  // namespace ember
