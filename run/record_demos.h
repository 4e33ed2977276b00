// File: run/record_demos.h
//
// Records a run's scripted-expert demonstrations into a folder: drives the
// run's oracle agent (build_run(..., RunUse::kRecord)) through collect()
// with a DemoRecorder as the sink, writes one file per kept episode
// (episode_000000.demo, ...) and an index.json listing them. Like the
// reference's demo collection, only successful episodes are kept unless
// `keep_all` (the env's "success" metric, or a positive return when it has
// none); at most 4x the asked episodes are tried, so an expert that always
// fails ends.
//
// Example:
//   Run run = build_run(config, registry, RunUse::kRecord);
//   DemoSummary s = record_demos(run, {/*episodes=*/100, /*keep_all=*/false, "demos/x"}, &interrupted);
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "run/build_run.h"

namespace ember {

struct DemoOptions {
  int64_t episodes = 1;  // demonstrations to keep
  bool keep_all = false;  // keep failed episodes too
  std::string dir;        // exists already
};

struct DemoSummary {
  int64_t kept = 0, attempted = 0;
  bool interrupted = false;
};

// `run` needs its agent (the env has an expert). Resets the env with the
// run's demos seed.
DemoSummary record_demos(Run& run, const DemoOptions& options, const std::atomic<bool>* interrupt = nullptr);

}  // namespace ember
