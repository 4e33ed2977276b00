// File: core/checkpoint.h
//
// One checkpoint is one file holding everything needed to continue a run
// exactly: the resolved config, the trainer's counters and log accumulators,
// every env's full state (when the env supports snapshots) and the agent's
// complete state. It is written atomically (core/atomic_file.h), so a run
// killed at any instant keeps its previous checkpoint intact.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>

namespace ember {

// Writes a checkpoint atomically, streaming the env and agent sections
// straight into the file (no in-memory copy of a large replay); `write_envs`
// may be empty (the env cannot snapshot).
using CheckpointSection = std::function<void(std::ostream&)>;
void write_checkpoint(const std::string& path, const std::string& config_yaml, const std::string& trainer_state,
                      const CheckpointSection& write_envs, const CheckpointSection& write_agent);

// Reads a checkpoint the same way round: the small header sections (version,
// config, trainer counters) at once, the env and agent sections, which can
// hold a whole replay, straight from the file into the objects that own that
// state, so resuming never holds a second copy of a replay in memory.
class CheckpointReader {
 public:
  using SectionReader = std::function<void(std::istream&)>;

  // Reads the header and checks every section's extent against the file's
  // size. Throws std::runtime_error naming the path when the file is missing,
  // not a checkpoint, from an incompatible format, or truncated.
  explicit CheckpointReader(const std::string& path);

  const std::string& ember_version() const { return ember_version_; }
  const std::string& config_yaml() const { return config_yaml_; }
  const std::string& trainer_state() const { return trainer_state_; }
  bool has_envs() const { return envs_.length > 0; }  // false when the env cannot snapshot

  // Calls `read` with the file positioned at the start of the section.
  void read_envs(const SectionReader& read) { read_section(envs_, read); }
  void read_agent(const SectionReader& read) { read_section(agent_, read); }

 private:
  struct Extent {
    std::streamoff start = 0;
    uint64_t length = 0;
  };
  Extent skip_section(std::streamoff file_end);
  void read_section(const Extent& section, const SectionReader& read);

  std::string path_;
  std::ifstream in_;
  std::string ember_version_, config_yaml_, trainer_state_;
  Extent envs_, agent_;
};

}  // namespace ember
