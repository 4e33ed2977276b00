// The checkpoint file: written with streamed sections, read back with the
// header at once and the env and agent sections on demand, in any order; a
// damaged file is rejected when it is opened, with its path in the message.

#include "core/checkpoint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "core/binary_io.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

std::string temp_path(const std::string& name) {
  return (fs::path(::testing::TempDir()) / ("ember_checkpoint_test_" + name + ".ckpt")).string();
}

// A checkpoint whose agent section is `agent_values` large (a stand-in for a replay).
std::string write_sample(const std::string& name, bool with_envs, size_t agent_values = 1000) {
  const std::string path = temp_path(name);
  CheckpointSection write_envs;
  if (with_envs) write_envs = [](std::ostream& out) { write_string(out, "env snapshot"); };
  std::vector<float> replay(agent_values);
  for (size_t i = 0; i < replay.size(); ++i) replay[i] = static_cast<float>(i);
  write_checkpoint(path, "name: sample\n", "trainer counters", write_envs,
                   [&replay](std::ostream& out) { write_vector(out, replay); });
  return path;
}

std::string error_opening(const std::string& path) {
  try {
    CheckpointReader reader(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(Checkpoint, RoundTripsEverySection) {
  const std::string path = write_sample("round_trip", /*with_envs=*/true);
  CheckpointReader reader(path);
  EXPECT_FALSE(reader.ember_version().empty());
  EXPECT_EQ(reader.config_yaml(), "name: sample\n");
  EXPECT_EQ(reader.trainer_state(), "trainer counters");
  ASSERT_TRUE(reader.has_envs());
  // the agent section first: sections are found by position, not read in order
  std::vector<float> replay(1000);  // read_vector checks the stored size against it
  reader.read_agent([&replay](std::istream& in) { read_vector(in, replay); });
  EXPECT_EQ(replay[0], 0.0f);
  EXPECT_EQ(replay[999], 999.0f);
  std::string envs;
  reader.read_envs([&envs](std::istream& in) { envs = read_string(in); });
  EXPECT_EQ(envs, "env snapshot");
  fs::remove(path);
}

TEST(Checkpoint, AnEnvWithoutSnapshotsLeavesItsSectionEmpty) {
  const std::string path = write_sample("no_envs", /*with_envs=*/false);
  CheckpointReader reader(path);
  EXPECT_FALSE(reader.has_envs());
  std::vector<float> replay(1000);
  reader.read_agent([&replay](std::istream& in) { read_vector(in, replay); });
  EXPECT_EQ(replay[999], 999.0f);
  fs::remove(path);
}

TEST(Checkpoint, ATruncatedFileIsRejectedOnOpening) {
  const std::string path = write_sample("truncated", /*with_envs=*/true);
  fs::resize_file(path, fs::file_size(path) - 10);  // the end of the agent section is missing
  const std::string message = error_opening(path);
  EXPECT_NE(message.find("'" + path + "'"), std::string::npos) << message;
  EXPECT_NE(message.find("ends early"), std::string::npos) << message;
  fs::remove(path);
}

TEST(Checkpoint, OtherFilesAreRejectedWithTheirPath) {
  const std::string missing = temp_path("missing");
  fs::remove(missing);
  EXPECT_NE(error_opening(missing).find("cannot read '" + missing + "'"), std::string::npos);

  const std::string text = temp_path("text");
  std::ofstream(text) << "name: not a checkpoint\n";
  const std::string message = error_opening(text);
  EXPECT_NE(message.find("'" + text + "'"), std::string::npos) << message;
  fs::remove(text);

  const std::string other_format = temp_path("other_format");
  {
    std::ofstream out(other_format, std::ios::binary);
    write_string(out, "EMBER-CHECKPOINT");
    write_pod(out, uint32_t{99});
  }
  EXPECT_NE(error_opening(other_format).find("checkpoint format 99 is not supported (expected 1)"), std::string::npos);
  fs::remove(other_format);
}

}  // namespace
}  // namespace ember
