// File: core/checkpoint.h
//
// One checkpoint is one file holding everything needed to continue a run
// exactly: the resolved config, the trainer's counters and log accumulators,
// every env's full state (when the env supports snapshots) and the agent's
// complete state. It is written atomically (core/atomic_file.h), so a run
// killed at any instant keeps its previous checkpoint intact.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

namespace ember {

struct CheckpointData {
  std::string ember_version;
  std::string config_yaml;
  std::string trainer_state;
  std::string envs_state;  // empty when the env cannot snapshot
  std::string agent_state;
};

// Writes a checkpoint atomically, streaming the env and agent sections
// straight into the file (no in-memory copy of a large replay); `write_envs`
// may be empty (the env cannot snapshot).
using CheckpointSection = std::function<void(std::ostream&)>;
void write_checkpoint(const std::string& path, const std::string& config_yaml, const std::string& trainer_state,
                      const CheckpointSection& write_envs, const CheckpointSection& write_agent);
// Throws std::runtime_error naming the path when it is missing, not a
// checkpoint, from an incompatible format, or truncated.
CheckpointData read_checkpoint(const std::string& path);

}  // namespace ember
