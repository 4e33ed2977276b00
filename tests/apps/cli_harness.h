// File: tests/apps/cli_harness.h
//
// Helpers for end-to-end tests of the `ember` binary (EMBER_EXE): a fresh
// temporary directory per test, running a command line in it and capturing
// its output and exit code, small file helpers.
//
// Example:
//   using namespace ember_cli_test;
//   const std::string dir = temp_dir("demos");
//   Result r = run_ember(dir, "demos config.yaml --episodes 2");
//   EXPECT_EQ(r.exit_code, 0) << r.output;
#pragma once

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace ember_cli_test {

struct Result {
  int exit_code = -1;
  std::string output;
};

inline std::string temp_dir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "ember_cli_" + name + "_" + std::to_string(::getpid());
  std::system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "'").c_str());
  return dir;
}

inline std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

inline bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// Runs `ember ARGS` in `dir`, capturing stdout and stderr together.
inline Result run_ember(const std::string& dir, const std::string& args) {
  const std::string out = dir + "/.out";
  const std::string cmd = "cd '" + dir + "' && " + EMBER_EXE + " " + args + " >'" + out + "' 2>&1";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out)};
}

// Drops the wall-clock columns (wall_time, sps) of a metrics CSV.
inline std::string without_wall_clock(const std::string& csv) {
  std::istringstream in(csv);
  std::string line, out;
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string cell;
    int column = 0;
    while (std::getline(cells, cell, ',')) {
      if (column != 1 && column != 2) out += cell + ",";
      ++column;
    }
    out += "\n";
  }
  return out;
}

}  // namespace ember_cli_test
