// File: core/checkpoint.h
//
// One checkpoint is one file holding everything needed to continue a run
// exactly: the resolved config, the trainer's counters and log accumulators,
// every env's full state (when the env supports snapshots) and the agent's
// complete state. It is written atomically (core/atomic_file.h), so a run
// killed at any instant keeps its previous checkpoint intact.
#pragma once

#include <string>

namespace ember {

struct CheckpointData {
  std::string ember_version;
  std::string config_yaml;
  std::string trainer_state;
  std::string envs_state;  // empty when the env cannot snapshot
  std::string agent_state;
};

void write_checkpoint(const std::string& path, const CheckpointData& data);
// Throws std::runtime_error naming the path when it is missing, not a
// checkpoint, from an incompatible format, or truncated.
CheckpointData read_checkpoint(const std::string& path);

}  // namespace ember
