#include "envs/common/numeric_start_state.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ember {
namespace {

std::string joined(const std::vector<std::string>& keys) {
  std::string text;
  for (const std::string& key : keys) text += (text.empty() ? "" : ", ") + key;
  return text;
}

}  // namespace

std::vector<double> read_numeric_start_state(const YAML::Node& state, const std::string& env_name,
                                             const std::vector<std::string>& keys) {
  const std::string where = env_name + " start state";
  if (!state.IsMap())
    throw std::invalid_argument(where + " must be a map with keys " + joined(keys));
  for (const auto& entry : state) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "<non-scalar>";
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      throw std::invalid_argument(where + ": unknown key '" + key + "' (expected " + joined(keys) +
                                  ")");
  }
  std::vector<double> values;
  values.reserve(keys.size());
  for (const std::string& key : keys) {
    const YAML::Node value = state[key];
    if (!value) throw std::invalid_argument(where + ": missing key '" + key + "'");
    double number = 0.0;
    bool ok = value.IsScalar();
    if (ok) {
      try {
        number = value.as<double>();
      } catch (const YAML::Exception&) {
        ok = false;
      }
    }
    if (!ok || !std::isfinite(number))
      throw std::invalid_argument(where + ": key '" + key + "' needs a finite number");
    values.push_back(number);
  }
  return values;
}

}  // namespace ember
