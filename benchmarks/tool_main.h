// File: benchmarks/tool_main.h
//
// The main() of a benchmark tool: runs the tool's `run(argc, argv)` and turns
// an escaping exception into one line on stderr, "<tool>: <what>", and exit
// status 2, so every tool reports bad input the same way.
//
// Example:
//   int main(int argc, char** argv) { return ember::tool_main("ember_transporter_bench", ember::run, argc, argv); }
#pragma once

#include <exception>
#include <iostream>

namespace ember {

inline int tool_main(const char* tool, int (*run)(int, char**), int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << tool << ": " << e.what() << "\n";
    return 2;
  }
}

}  // namespace ember
