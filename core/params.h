// File: core/params.h
//
// Declared parameters. Every env and agent registration lists its parameters
// (name, type, default, range, one-line doc); configs are validated against
// these declarations, `ember describe ID` prints them, and an unknown key is
// an error. Params is the validated result: a typed name -> value map.
//
// Example:
//   std::vector<ParamSpec> ps = {
//     ParamSpec::integer("size", 8, 5, 19, "side length of the square grid"),
//     ParamSpec::boolean("coop", false, "every food needs all players"),
//   };
//   Params p = Params::defaults(ps);
//   int64_t size = p.get_int("size");
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace ember {

enum class ParamType { kInt, kFloat, kBool, kString, kIntList };
const char* param_type_name(ParamType type);

using ParamValue = std::variant<int64_t, double, bool, std::string, std::vector<int64_t>>;
// "8", "0.99" (floats: shortest exact form, always with '.' or an exponent;
// ".inf"/".nan" as in YAML), "true", the string itself, "[64, 64]".
std::string param_value_to_string(const ParamValue& value);

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kFloat;
  ParamValue default_value;
  // Inclusive numeric range (ints, floats and every element of int lists).
  double min = -1e300;
  double max = 1e300;
  // For strings: the allowed values (empty = any string).
  std::vector<std::string> choices;
  std::string doc;

  static ParamSpec integer(std::string name, int64_t def, int64_t min, int64_t max, std::string doc);
  static ParamSpec real(std::string name, double def, double min, double max, std::string doc);
  static ParamSpec boolean(std::string name, bool def, std::string doc);
  static ParamSpec string(std::string name, std::string def, std::vector<std::string> choices,
                          std::string doc);
  static ParamSpec int_list(std::string name, std::vector<int64_t> def, int64_t min, int64_t max,
                            std::string doc);

  // "int in [5, 19], default 8" and the like.
  std::string describe_type() const;
  // Empty when `value` has this spec's type and lies in its range, else the reason.
  std::string check(const ParamValue& value) const;
};

// Looks up `name` in `specs`; null when absent.
const ParamSpec* find_param(const std::vector<ParamSpec>& specs, const std::string& name);

class Params {
 public:
  static Params defaults(const std::vector<ParamSpec>& specs);

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  // Typed access; throws std::out_of_range naming the key when it is missing
  // or holds another type (config validation makes these unreachable).
  int64_t get_int(const std::string& name) const;
  double get_float(const std::string& name) const;
  bool get_bool(const std::string& name) const;
  const std::string& get_string(const std::string& name) const;
  const std::vector<int64_t>& get_int_list(const std::string& name) const;

  void set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }
  const std::map<std::string, ParamValue>& values() const { return values_; }

  bool operator==(const Params& other) const { return values_ == other.values_; }
  bool operator!=(const Params& other) const { return !(*this == other); }

 private:
  const ParamValue& at(const std::string& name) const;
  std::map<std::string, ParamValue> values_;
};

}  // namespace ember
