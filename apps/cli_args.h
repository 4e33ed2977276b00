// File: apps/cli_args.h
//
// Minimal argument parsing for the ember subcommands: positional words,
// `key=value` overrides, and `--flag value` / `--switch` options, each
// subcommand declaring which flags it takes so a typo is an error.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CliArgs {
  std::vector<std::string> positional;
  std::vector<std::string> overrides;                          // key=value words
  std::map<std::string, std::vector<std::string>> options;     // --name value (repeatable)
  std::set<std::string> switches;                               // --name

  bool has(const std::string& name) const { return options.count(name) || switches.count(name); }
  // The last value of --name, or `fallback`.
  std::string get(const std::string& name, const std::string& fallback = "") const;
  const std::vector<std::string>& all(const std::string& name) const;
  // The last value of --name read as a whole number, or `fallback`; anything
  // else ("abc", "5x", "-3") is a UsageError naming the option.
  uint64_t get_count(const std::string& name, uint64_t fallback) const;
  // The same for a count that must be at least 1 and fit int64_t (episodes,
  // steps): "--name must be >= 1" otherwise.
  int64_t get_positive_count(const std::string& name, int64_t fallback) const;
};

// `text` as a whole number (digits only, fits 64 bits); otherwise a
// UsageError "<what>: '<text>' is not a whole number".
uint64_t parse_count(const std::string& text, const std::string& what);

// Throws UsageError for an unknown flag or a flag missing its value.
CliArgs parse_cli_args(int argc, char** argv, int first, const std::set<std::string>& value_flags,
                       const std::set<std::string>& switch_flags);

}  // namespace ember
