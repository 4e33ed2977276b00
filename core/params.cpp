#include "core/params.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "core/config.h"

namespace ember {
namespace {

// Bounds at or beyond these magnitudes mean "unbounded" and are not printed.
constexpr double kUnboundedFloat = 1e300;
constexpr double kUnboundedInt = 9.2e18;  // ~ the int64 limits

// Shortest text that reads back as exactly `v`, always recognisable as a
// float ("8.0", not "8"); YAML spellings for the non-finite values.
std::string format_double(double v) {
  if (std::isnan(v)) return ".nan";
  if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string format_bound(double v, ParamType type) {
  if (type == ParamType::kFloat) return format_double(v);
  // Integer-typed bounds are whole numbers stored as doubles.
  std::ostringstream out;
  out << static_cast<int64_t>(v);
  return out.str();
}

bool is_integer_type(ParamType type) {
  return type == ParamType::kInt || type == ParamType::kIntList;
}

bool has_min(const ParamSpec& s) {
  return s.min > -(is_integer_type(s.type) ? kUnboundedInt : kUnboundedFloat);
}
bool has_max(const ParamSpec& s) {
  return s.max < (is_integer_type(s.type) ? kUnboundedInt : kUnboundedFloat);
}

// " in [a, b]", " >= a", " <= b" or "".
std::string range_text(const ParamSpec& s) {
  bool lo = has_min(s), hi = has_max(s);
  if (lo && hi) return " in [" + format_bound(s.min, s.type) + ", " + format_bound(s.max, s.type) + "]";
  if (lo) return " >= " + format_bound(s.min, s.type);
  if (hi) return " <= " + format_bound(s.max, s.type);
  return "";
}

std::string join_choices(const std::vector<std::string>& choices) {
  std::string out;
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i) out += ", ";
    out += choices[i];
  }
  return out;
}

size_t type_index(ParamType type) {
  switch (type) {
    case ParamType::kInt: return 0;
    case ParamType::kFloat: return 1;
    case ParamType::kBool: return 2;
    case ParamType::kString: return 3;
    case ParamType::kIntList: return 4;
  }
  return 0;
}

const char* value_type_name(const ParamValue& value) {
  switch (value.index()) {
    case 0: return "int";
    case 1: return "float";
    case 2: return "bool";
    case 3: return "string";
    default: return "int list";
  }
}

bool in_range(double v, const ParamSpec& s) { return v >= s.min && v <= s.max; }

}  // namespace

const char* param_type_name(ParamType type) {
  switch (type) {
    case ParamType::kInt: return "int";
    case ParamType::kFloat: return "float";
    case ParamType::kBool: return "bool";
    case ParamType::kString: return "string";
    case ParamType::kIntList: return "int list";
  }
  return "?";
}

std::string param_value_to_string(const ParamValue& value) {
  struct Visitor {
    std::string operator()(int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return format_double(v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& v) const { return v; }
    std::string operator()(const std::vector<int64_t>& v) const {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(v[i]);
      }
      return out + "]";
    }
  };
  return std::visit(Visitor{}, value);
}

ParamSpec ParamSpec::integer(std::string name, int64_t def, int64_t min, int64_t max,
                             std::string doc) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::kInt;
  s.default_value = def;
  s.min = static_cast<double>(min);
  s.max = static_cast<double>(max);
  s.doc = std::move(doc);
  return s;
}

ParamSpec ParamSpec::real(std::string name, double def, double min, double max, std::string doc) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::kFloat;
  s.default_value = def;
  s.min = min;
  s.max = max;
  s.doc = std::move(doc);
  return s;
}

ParamSpec ParamSpec::boolean(std::string name, bool def, std::string doc) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::kBool;
  s.default_value = def;
  s.doc = std::move(doc);
  return s;
}

ParamSpec ParamSpec::string(std::string name, std::string def, std::vector<std::string> choices,
                            std::string doc) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::kString;
  s.default_value = std::move(def);
  s.choices = std::move(choices);
  s.doc = std::move(doc);
  return s;
}

ParamSpec ParamSpec::int_list(std::string name, std::vector<int64_t> def, int64_t min,
                              int64_t max, std::string doc) {
  ParamSpec s;
  s.name = std::move(name);
  s.type = ParamType::kIntList;
  s.default_value = std::move(def);
  s.min = static_cast<double>(min);
  s.max = static_cast<double>(max);
  s.doc = std::move(doc);
  return s;
}

std::string ParamSpec::describe_type() const {
  std::string out = param_type_name(type);
  switch (type) {
    case ParamType::kInt:
    case ParamType::kFloat:
      out += range_text(*this);
      break;
    case ParamType::kIntList: {
      std::string r = range_text(*this);
      if (!r.empty()) out += ", elements" + r;
      break;
    }
    case ParamType::kString:
      if (!choices.empty()) out += " in {" + join_choices(choices) + "}";
      break;
    case ParamType::kBool:
      break;
  }
  std::string def = param_value_to_string(default_value);
  if (type == ParamType::kString && def.empty()) def = "\"\"";
  return out + ", default " + def;
}

std::string ParamSpec::check(const ParamValue& value) const {
  if (value.index() != type_index(type)) {
    std::string got = value_type_name(value);
    std::string text = param_value_to_string(value);
    return std::string("expected ") + param_type_name(type) + ", got " + got + " " +
           (value.index() == 3 ? "'" + text + "'" : text);
  }
  switch (type) {
    case ParamType::kInt: {
      int64_t v = std::get<int64_t>(value);
      if (!in_range(static_cast<double>(v), *this))
        return "expected int" + range_text(*this) + ", got " + std::to_string(v);
      return {};
    }
    case ParamType::kFloat: {
      double v = std::get<double>(value);
      if (std::isnan(v) || !in_range(v, *this)) {
        std::string range = range_text(*this);
        return (range.empty() ? std::string("expected a finite float") : "expected float" + range) +
               ", got " + format_double(v);
      }
      return {};
    }
    case ParamType::kBool:
      return {};
    case ParamType::kString: {
      const std::string& v = std::get<std::string>(value);
      if (choices.empty()) return {};
      for (const std::string& c : choices)
        if (c == v) return {};
      return "expected one of {" + join_choices(choices) + "}, got '" + v + "'" +
             suggest_suffix(v, choices);
    }
    case ParamType::kIntList: {
      const std::vector<int64_t>& v = std::get<std::vector<int64_t>>(value);
      for (size_t i = 0; i < v.size(); ++i) {
        if (!in_range(static_cast<double>(v[i]), *this))
          return "expected int list with elements" + range_text(*this) + ", got " +
                 param_value_to_string(value) + " (element " + std::to_string(i) + " is " +
                 std::to_string(v[i]) + ")";
      }
      return {};
    }
  }
  return {};
}

const ParamSpec* find_param(const std::vector<ParamSpec>& specs, const std::string& name) {
  for (const ParamSpec& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

Params Params::defaults(const std::vector<ParamSpec>& specs) {
  Params p;
  for (const ParamSpec& s : specs) p.values_[s.name] = s.default_value;
  return p;
}

const ParamValue& Params::at(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw std::out_of_range("Params: no parameter '" + name + "'");
  return it->second;
}

namespace {
template <typename T>
const T& typed(const ParamValue& v, const std::string& name, const char* wanted) {
  if (const T* p = std::get_if<T>(&v)) return *p;
  throw std::out_of_range("Params: parameter '" + name + "' has type " + value_type_name(v) +
                          ", not " + wanted);
}
}  // namespace

int64_t Params::get_int(const std::string& name) const {
  return typed<int64_t>(at(name), name, "int");
}
double Params::get_float(const std::string& name) const {
  return typed<double>(at(name), name, "float");
}
bool Params::get_bool(const std::string& name) const {
  return typed<bool>(at(name), name, "bool");
}
const std::string& Params::get_string(const std::string& name) const {
  return typed<std::string>(at(name), name, "string");
}
const std::vector<int64_t>& Params::get_int_list(const std::string& name) const {
  return typed<std::vector<int64_t>>(at(name), name, "int list");
}

}  // namespace ember
