#include "apps/cli_args.h"

#include <charconv>
#include <cstdint>

namespace ember {

uint64_t parse_count(const std::string& text, const std::string& what) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end)
    throw UsageError(what + ": '" + text + "' is not a whole number");
  return value;
}

uint64_t CliArgs::get_count(const std::string& name, uint64_t fallback) const {
  return has(name) ? parse_count(get(name), "--" + name) : fallback;
}

int64_t CliArgs::get_positive_count(const std::string& name, int64_t fallback) const {
  if (!has(name)) return fallback;
  const uint64_t value = get_count(name, 0);
  if (value < 1 || value > static_cast<uint64_t>(INT64_MAX))
    throw UsageError("--" + name + " must be >= 1 (and below 2^63), got " + get(name));
  return static_cast<int64_t>(value);
}

std::string CliArgs::get(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() || it->second.empty() ? fallback : it->second.back();
}

const std::vector<std::string>& CliArgs::all(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = options.find(name);
  return it == options.end() ? none : it->second;
}

CliArgs parse_cli_args(int argc, char** argv, int first, const std::set<std::string>& value_flags,
                       const std::set<std::string>& switch_flags) {
  CliArgs args;
  for (int i = first; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) == 0) {
      std::string name = word.substr(2), value;
      const auto eq = name.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (switch_flags.count(name) && !inline_value) {
        args.switches.insert(name);
      } else if (value_flags.count(name)) {
        if (!inline_value) {
          if (i + 1 >= argc) throw UsageError("option --" + name + " needs a value");
          value = argv[++i];
        }
        args.options[name].push_back(value);
      } else {
        throw UsageError("unknown option --" + name);
      }
    } else if (word.find('=') != std::string::npos) {
      args.overrides.push_back(word);
    } else {
      args.positional.push_back(word);
    }
  }
  return args;
}

}  // namespace ember
