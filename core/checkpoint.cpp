#include "core/checkpoint.h"

#include <sstream>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/binary_io.h"
#include "core/version.h"

namespace ember {

namespace {
constexpr char kMagic[] = "EMBER-CHECKPOINT";
constexpr uint32_t kFormat = 1;
}  // namespace

void write_checkpoint(const std::string& path, const CheckpointData& data) {
  std::ostringstream out;
  write_string(out, kMagic);
  write_pod(out, kFormat);
  write_string(out, EMBER_VERSION);
  write_string(out, data.config_yaml);
  write_string(out, data.trainer_state);
  write_string(out, data.envs_state);
  write_string(out, data.agent_state);
  write_file_atomic(path, out.str());
}

CheckpointData read_checkpoint(const std::string& path) {
  std::istringstream in(read_file(path));
  try {
    if (read_string(in) != kMagic) throw std::runtime_error("not an ember checkpoint");
    const auto format = read_pod<uint32_t>(in);
    if (format != kFormat)
      throw std::runtime_error("checkpoint format " + std::to_string(format) + " is not supported (expected " +
                               std::to_string(kFormat) + ")");
    CheckpointData data;
    data.ember_version = read_string(in);
    data.config_yaml = read_string(in);
    data.trainer_state = read_string(in);
    data.envs_state = read_string(in);
    data.agent_state = read_string(in);
    return data;
  } catch (const std::exception& e) {
    throw std::runtime_error("'" + path + "': " + e.what());
  }
}

}  // namespace ember
