#include "core/checkpoint.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/binary_io.h"
#include "core/version.h"

namespace ember {

namespace {
constexpr char kMagic[] = "EMBER-CHECKPOINT";
constexpr uint32_t kFormat = 1;
}  // namespace

namespace {

// A length-prefixed section (binary_io's string layout) whose bytes are
// streamed by `write`: the length is patched in once they are written.
void write_streamed_section(std::ostream& out, const CheckpointSection& write) {
  const std::streampos length_at = out.tellp();
  write_pod(out, uint64_t{0});
  const std::streampos start = out.tellp();
  if (write) write(out);
  const std::streampos end = out.tellp();
  if (length_at < 0 || start < 0 || end < 0) throw std::runtime_error("checkpoint stream is not seekable");
  out.seekp(length_at);
  write_pod(out, static_cast<uint64_t>(end - start));
  out.seekp(end);
}

void write_header(std::ostream& out, const std::string& config_yaml, const std::string& trainer_state) {
  write_string(out, kMagic);
  write_pod(out, kFormat);
  write_string(out, EMBER_VERSION);
  write_string(out, config_yaml);
  write_string(out, trainer_state);
}

}  // namespace

void write_checkpoint(const std::string& path, const std::string& config_yaml, const std::string& trainer_state,
                      const CheckpointSection& write_envs, const CheckpointSection& write_agent) {
  write_file_atomic(path, [&](std::ostream& out) {
    write_header(out, config_yaml, trainer_state);
    write_streamed_section(out, write_envs);
    write_streamed_section(out, write_agent);
  });
}

CheckpointData read_checkpoint(const std::string& path) {
  // read section by section from the file: no whole-file copy in memory
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
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
