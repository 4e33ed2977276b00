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

CheckpointReader::CheckpointReader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
  if (!in_) throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
  try {
    in_.seekg(0, std::ios::end);
    const std::streamoff file_end = in_.tellg();
    in_.seekg(0);
    if (file_end < 0) throw std::runtime_error("checkpoint file is not seekable");
    if (read_string(in_) != kMagic) throw std::runtime_error("not an ember checkpoint");
    const auto format = read_pod<uint32_t>(in_);
    if (format != kFormat)
      throw std::runtime_error("checkpoint format " + std::to_string(format) + " is not supported (expected " +
                               std::to_string(kFormat) + ")");
    ember_version_ = read_string(in_);
    config_yaml_ = read_string(in_);
    trainer_state_ = read_string(in_);
    envs_ = skip_section(file_end);
    agent_ = skip_section(file_end);
  } catch (const std::exception& e) {
    throw std::runtime_error("'" + path + "': " + e.what());
  }
}

// Notes where a length-prefixed section lies and moves past it without
// reading it; a section running past the end of the file means truncation.
CheckpointReader::Extent CheckpointReader::skip_section(std::streamoff file_end) {
  Extent section;
  section.length = read_pod<uint64_t>(in_);
  section.start = in_.tellg();
  if (section.start < 0 || section.length > static_cast<uint64_t>(file_end - section.start))
    throw std::runtime_error("stored data ends early");
  in_.seekg(section.start + static_cast<std::streamoff>(section.length));
  return section;
}

void CheckpointReader::read_section(const Extent& section, const SectionReader& read) {
  in_.clear();
  in_.seekg(section.start);
  if (!in_) throw std::runtime_error("'" + path_ + "': cannot seek to a checkpoint section");
  read(in_);
}

}  // namespace ember
