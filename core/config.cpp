#include "core/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <system_error>

#include "core/registry.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kSeedMax = 2147483647;  // 2^31 - 1
constexpr const char* kCommandLine = "command line";

// ---------------------------------------------------------------------------
// Locations and errors

// Where a value came from: a file (or "command line") and a 1-based line,
// 0 when unknown.
struct Loc {
  std::string source;
  int line = 0;
};

Loc loc_of(const std::string& source, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return Loc{source, mark.is_null() ? 0 : mark.line + 1};
}

// "<file>:<line>", or "<file>" when the line is unknown.
std::string where(const Loc& loc) {
  return loc.line > 0 ? loc.source + ":" + std::to_string(loc.line) : loc.source;
}

// "<file>:<line>: <key.path>: <problem>", dropping the parts that are unknown.
[[noreturn]] void fail(const Loc& loc, const std::string& path, const std::string& problem) {
  std::string msg = where(loc) + ": ";
  if (!path.empty()) msg += path + ": ";
  throw ConfigError(msg + problem);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out;
}

// A short description of a node for "got ..." messages.
std::string describe_node(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return "nothing (null)";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
  }
  return "?";
}

bool is_quoted(const YAML::Node& node) { return node.IsScalar() && node.Tag() == "!"; }

// ---------------------------------------------------------------------------
// Scalar parsing (YAML 1.2 core schema, plus 2_000_000-style digit grouping)

// Removes underscores that sit between two digits; false when an underscore
// sits anywhere else (then the text is not a number).
bool strip_digit_underscores(const std::string& in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '_') {
      out += in[i];
      continue;
    }
    bool digit_before = i > 0 && std::isdigit(static_cast<unsigned char>(in[i - 1]));
    bool digit_after = i + 1 < in.size() && std::isdigit(static_cast<unsigned char>(in[i + 1]));
    if (!digit_before || !digit_after) return false;
  }
  return true;
}

bool all_digits(const std::string& s, size_t from, size_t to) {
  if (from >= to) return false;
  for (size_t i = from; i < to; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// Decimal integers: [-+]?[0-9]+. Sets `overflow` when the digits do not fit.
bool parse_int_literal(const std::string& text, int64_t& out, bool& overflow) {
  overflow = false;
  size_t start = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  if (!all_digits(text, start, text.size())) return false;
  const char* first = text.data() + (text[0] == '+' ? 1 : 0);
  auto res = std::from_chars(first, text.data() + text.size(), out);
  if (res.ec == std::errc::result_out_of_range) {
    overflow = true;
    return false;
  }
  return res.ec == std::errc() && res.ptr == text.data() + text.size();
}

// YAML floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, plus
// [-+]?.inf and .nan in their three spellings.
bool parse_float_literal(const std::string& text, double& out) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string rest = text.substr(i);
  if (rest == ".inf" || rest == ".Inf" || rest == ".INF") {
    out = negative ? -std::numeric_limits<double>::infinity()
                   : std::numeric_limits<double>::infinity();
    return true;
  }
  if (i == 0 && (rest == ".nan" || rest == ".NaN" || rest == ".NAN")) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  size_t j = i;
  size_t int_digits = 0, frac_digits = 0;
  while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j, ++int_digits;
  if (j < text.size() && text[j] == '.') {
    ++j;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
    ++j;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    size_t exp_start = j;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == exp_start) return false;
  }
  if (j != text.size()) return false;
  // from_chars accepts neither a leading '+' nor (portably) a bare leading '.'.
  std::string body = text.substr(i);
  if (body[0] == '.') body = "0" + body;
  double v = 0;
  auto res = std::from_chars(body.data(), body.data() + body.size(), v);
  if (res.ptr != body.data() + body.size()) return false;
  if (res.ec == std::errc::result_out_of_range) {
    // Overflow to infinity or underflow to zero, as strtod would.
    v = std::abs(std::strtod(body.c_str(), nullptr));
  } else if (res.ec != std::errc()) {
    return false;
  }
  out = negative ? -v : v;
  return true;
}

// Text of an int: a decimal integer, or a float with a whole value (1e5).
// Returns "" on success, else the problem.
std::string parse_int_text(const std::string& raw, int64_t& out) {
  std::string text;
  if (!strip_digit_underscores(raw, text)) return "got '" + raw + "'";
  bool overflow = false;
  if (parse_int_literal(text, out, overflow)) return {};
  if (overflow) return "got " + raw + " (outside the 64-bit integer range)";
  double d = 0;
  if (!parse_float_literal(text, d)) return "got '" + raw + "'";
  if (!std::isfinite(d) || d != std::floor(d)) return "got " + raw + " (not a whole number)";
  if (d < -9.2e18 || d > 9.2e18) return "got " + raw + " (outside the 64-bit integer range)";
  out = static_cast<int64_t>(d);
  return {};
}

// Converts one YAML value to the spec's type; "" on success, else the problem.
std::string convert_value(const YAML::Node& node, const ParamSpec& spec, ParamValue& out) {
  const std::string type = param_type_name(spec.type);
  if (!node.IsDefined() || node.IsNull()) return "expected " + type + ", got nothing (null)";
  switch (spec.type) {
    case ParamType::kInt: {
      if (!node.IsScalar()) return "expected int, got " + describe_node(node);
      if (is_quoted(node)) return "expected int, got string '" + node.Scalar() + "'";
      int64_t v = 0;
      std::string problem = parse_int_text(node.Scalar(), v);
      if (!problem.empty()) return "expected int, " + problem;
      out = v;
      return {};
    }
    case ParamType::kFloat: {
      if (!node.IsScalar()) return "expected float, got " + describe_node(node);
      if (is_quoted(node)) return "expected float, got string '" + node.Scalar() + "'";
      std::string text;
      double v = 0;
      if (!strip_digit_underscores(node.Scalar(), text) || !parse_float_literal(text, v))
        return "expected float, got '" + node.Scalar() + "'";
      out = v;
      return {};
    }
    case ParamType::kBool: {
      if (!node.IsScalar()) return "expected bool, got " + describe_node(node);
      const std::string& s = node.Scalar();
      if (!is_quoted(node)) {
        if (s == "true" || s == "True" || s == "TRUE") {
          out = true;
          return {};
        }
        if (s == "false" || s == "False" || s == "FALSE") {
          out = false;
          return {};
        }
      }
      return "expected bool (true or false), got '" + s + "'";
    }
    case ParamType::kString: {
      if (!node.IsScalar()) return "expected string, got " + describe_node(node);
      out = node.Scalar();
      return {};
    }
    case ParamType::kIntList: {
      if (!node.IsSequence())
        return "expected int list such as [64, 64], got " + describe_node(node);
      std::vector<int64_t> values;
      for (size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        std::string where = "expected int list, element " + std::to_string(i) + ": ";
        if (!item.IsScalar() || item.IsNull()) return where + "got " + describe_node(item);
        if (is_quoted(item)) return where + "got string '" + item.Scalar() + "'";
        int64_t v = 0;
        std::string problem = parse_int_text(item.Scalar(), v);
        if (!problem.empty()) return where + problem;
        values.push_back(v);
      }
      out = std::move(values);
      return {};
    }
  }
  return "unsupported parameter type";
}

// ---------------------------------------------------------------------------
// The raw config: sections of located entries, before validation

struct Entry {
  std::string key;
  YAML::Node value;
  Loc loc;  // the key's location
};

struct Section {
  bool present = false;
  Loc loc;
  std::vector<Entry> entries;

  const Entry* find(const std::string& key) const {
    for (const Entry& e : entries)
      if (e.key == key) return &e;
    return nullptr;
  }
  // Replaces the entry in place (keeping its position) or appends it.
  void set(Entry entry) {
    for (Entry& e : entries) {
      if (e.key == entry.key) {
        e = std::move(entry);
        return;
      }
    }
    entries.push_back(std::move(entry));
  }
};

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"name", "plugins", "env", "agent", "train", "eval"};
  return keys;
}

struct RawConfig {
  std::optional<Entry> name;
  std::optional<Entry> plugins;
  Section env, agent, train, eval;

  Section* section(const std::string& key) {
    if (key == "env") return &env;
    if (key == "agent") return &agent;
    if (key == "train") return &train;
    if (key == "eval") return &eval;
    return nullptr;
  }
};

// Reads a section's map (null = empty) into located entries, rejecting
// non-map values, non-scalar keys and duplicate keys.
void read_section(const YAML::Node& node, const Loc& loc, const std::string& source,
                  const std::string& path, Section& section) {
  section.present = true;
  section.loc = loc;
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) fail(loc, path, "expected a map of parameters, got " + describe_node(node));
  for (auto it = node.begin(); it != node.end(); ++it) {
    Loc key_loc = loc_of(source, it->first);
    if (!it->first.IsScalar())
      fail(key_loc, path, "keys must be plain names, got " + describe_node(it->first));
    const std::string key = it->first.Scalar();
    if (const Entry* first = section.find(key)) {
      std::string earlier = first->loc.line > 0 ? " (first given on line " +
                                                      std::to_string(first->loc.line) + ")"
                                                : "";
      fail(key_loc, path + "." + key, "duplicate key" + earlier);
    }
    section.entries.push_back(Entry{key, it->second, key_loc});
  }
}

RawConfig read_document(const YAML::Node& root, const std::string& source) {
  RawConfig raw;
  if (!root.IsDefined() || root.IsNull())
    fail(Loc{source, 0}, "", "the config is empty; expected a map with 'env' and 'agent' sections");
  if (!root.IsMap())
    fail(loc_of(source, root), "",
         "expected a map of top-level keys (name, plugins, env, agent, train, eval), got " +
             describe_node(root));
  for (auto it = root.begin(); it != root.end(); ++it) {
    Loc key_loc = loc_of(source, it->first);
    if (!it->first.IsScalar())
      fail(key_loc, "", "top-level keys must be plain names, got " + describe_node(it->first));
    const std::string key = it->first.Scalar();
    if (key == "name" || key == "plugins") {
      std::optional<Entry>& slot = key == "name" ? raw.name : raw.plugins;
      if (slot) fail(key_loc, key, "duplicate key (first given on line " +
                                       std::to_string(slot->loc.line) + ")");
      slot = Entry{key, it->second, key_loc};
    } else if (Section* section = raw.section(key)) {
      if (section->present)
        fail(key_loc, key, "duplicate section (first given on line " +
                               std::to_string(section->loc.line) + ")");
      read_section(it->second, key_loc, source, key, *section);
    } else {
      fail(key_loc, key, "unknown top-level key" + suggest_suffix(key, top_level_keys()) +
                             "; expected one of " + join(top_level_keys()));
    }
  }
  return raw;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split_dots(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

// Applies one "key.path=value" override onto the raw config.
void apply_override(const std::string& text, RawConfig& raw) {
  const Loc cl{kCommandLine, 0};
  auto malformed = [&]() {
    throw ConfigError(std::string(kCommandLine) + ": override '" + text +
                      "': expected key.path=value");
  };
  size_t eq = text.find('=');
  if (eq == std::string::npos) malformed();
  const std::string key = trim(text.substr(0, eq));
  const std::string value_text = text.substr(eq + 1);
  if (!key.empty() && (key[0] == '+' || key[0] == '~'))
    throw ConfigError(std::string(kCommandLine) + ": override '" + text +
                      "': '+' and '~' prefixes are not supported; use key.path=value");
  std::vector<std::string> parts = split_dots(key);
  for (const std::string& p : parts)
    if (p.empty()) malformed();

  YAML::Node value;
  if (trim(value_text).empty()) {
    value = YAML::Node(std::string());
  } else {
    try {
      value = YAML::Load(value_text);
    } catch (const YAML::Exception& e) {
      throw ConfigError(std::string(kCommandLine) + ": override '" + text +
                        "': the value is not valid YAML: " + e.msg);
    }
  }

  const std::string& top = parts[0];
  if (parts.size() > 2)
    fail(cl, key, "key path too deep; expected section.key=value (e.g. agent.lr=1e-3)");
  if (top == "name" || top == "plugins") {
    if (parts.size() != 1) fail(cl, key, "'" + top + "' is not a section; use " + top + "=value");
    (top == "name" ? raw.name : raw.plugins) = Entry{top, value, cl};
    return;
  }
  Section* section = raw.section(top);
  if (!section)
    fail(cl, top, "unknown top-level key" + suggest_suffix(top, top_level_keys()) +
                      "; expected one of " + join(top_level_keys()));
  if (!section->present) {
    section->present = true;
    section->loc = cl;
  }
  if (parts.size() == 2) {
    section->set(Entry{parts[1], value, cl});
    return;
  }
  // A whole section, e.g. train={steps: 1000, seed: 2}: merged key by key.
  if (value.IsNull() || (value.IsScalar() && value.Scalar().empty())) return;
  if (!value.IsMap()) fail(cl, top, "expected a map of parameters, got " + describe_node(value));
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!it->first.IsScalar())
      fail(cl, top, "keys must be plain names, got " + describe_node(it->first));
    section->set(Entry{it->first.Scalar(), it->second, cl});
  }
}

std::vector<std::string> spec_names(const std::vector<ParamSpec>& specs) {
  std::vector<std::string> names;
  for (const ParamSpec& s : specs) names.push_back(s.name);
  return names;
}

// Validates a section's entries against `specs`. `what` names the owner in
// messages about unknown keys ("parameter of env 'lbf'").
Params resolve_entries(const std::vector<Entry>& entries, const std::vector<ParamSpec>& specs,
                       const std::string& section, const std::vector<std::string>& ignored,
                       const std::string& what) {
  Params params = Params::defaults(specs);
  for (const Entry& e : entries) {
    if (std::find(ignored.begin(), ignored.end(), e.key) != ignored.end()) continue;
    const std::string path = section + "." + e.key;
    const ParamSpec* spec = find_param(specs, e.key);
    if (!spec) {
      std::vector<std::string> names = spec_names(specs);
      std::string hint = suggest_suffix(e.key, names);
      if (hint.empty())
        hint = names.empty() ? " (it declares no parameters)" : " (known: " + join(names) + ")";
      fail(e.loc, path, "unknown " + what + hint);
    }
    ParamValue value;
    std::string problem = convert_value(e.value, *spec, value);
    if (problem.empty()) problem = spec->check(value);
    if (!problem.empty()) fail(e.loc, path, problem);
    params.set(e.key, std::move(value));
  }
  return params;
}

// The id entry of the env or agent section, as a string.
std::string section_id(const Section& section, const std::string& kind,
                       const std::vector<std::string>& registered) {
  const Entry* id = section.find("id");
  std::string known = registered.empty() ? " (none are registered)"
                                         : " (registered: " + join(registered) + ")";
  if (!id) fail(section.loc, kind + ".id", "missing; name the " + kind + " to use" + known);
  if (!id->value.IsScalar() || id->value.Scalar().empty())
    fail(id->loc, kind + ".id", "expected the " + kind + "'s id, got " + describe_node(id->value));
  return id->value.Scalar();
}

[[noreturn]] void unknown_id(const Entry& id, const std::string& kind,
                             const std::vector<std::string>& registered) {
  std::string hint = suggest_suffix(id.value.Scalar(), registered);
  if (hint.empty())
    hint = registered.empty() ? " (none are registered)" : " (registered: " + join(registered) + ")";
  fail(id.loc, kind + ".id", "unknown " + kind + " '" + id.value.Scalar() + "'" + hint);
}

PluginLoader& plugin_loader_slot() {
  static PluginLoader loader;
  return loader;
}

void call_plugin_loader(const std::string& path, Registry& registry) {
  PluginLoader& loader = plugin_loader_slot();
  if (!loader) throw ConfigError("plugins are not supported in this binary");
  loader(path, registry);
}

bool valid_run_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string("/\\\0", 3)) == std::string::npos;
}

// Levenshtein distance, case-insensitive.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void emit_value(YAML::Emitter& out, const ParamValue& value) {
  struct Visitor {
    YAML::Emitter& out;
    void operator()(int64_t v) const { out << static_cast<long long>(v); }
    void operator()(double v) const { out << param_value_to_string(v); }
    void operator()(bool v) const { out << v; }
    void operator()(const std::string& v) const { out << YAML::DoubleQuoted << v; }
    void operator()(const std::vector<int64_t>& v) const {
      out << YAML::Flow << YAML::BeginSeq;
      for (int64_t x : v) out << static_cast<long long>(x);
      out << YAML::EndSeq;
    }
  };
  std::visit(Visitor{out}, value);
}

void emit_section(YAML::Emitter& out, const std::string& key, const std::string* id,
                  const Params& params) {
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  if (id) out << YAML::Key << "id" << YAML::Value << YAML::DoubleQuoted << *id;
  for (const auto& [name, value] : params.values()) {
    out << YAML::Key << name << YAML::Value;
    emit_value(out, value);
  }
  out << YAML::EndMap;
}

}  // namespace

// ---------------------------------------------------------------------------
// Public API

const std::vector<ParamSpec>& common_env_param_specs() {
  static const std::vector<ParamSpec> specs = {
      ParamSpec::integer("num_envs", 8, 1, 4096, "parallel env copies"),
      ParamSpec::integer("num_threads", 1, 1, 256, "threads stepping the envs"),
  };
  return specs;
}

const std::vector<ParamSpec>& train_param_specs() {
  static const std::vector<ParamSpec> specs = {
      ParamSpec::integer("steps", 100000, 1, 1000000000000,
                         "env steps to train for (summed over parallel envs)"),
      ParamSpec::integer("seed", 1, 0, kSeedMax, "root of the run's seed tree"),
      ParamSpec::integer("torch_threads", 1, 1, 256, "LibTorch intra-op threads per learner"),
      ParamSpec::integer("log_every", 10000, 1, kInt64Max, "env steps between metric rows"),
      ParamSpec::integer("eval_every", 0, 0, kInt64Max,
                         "env steps between evaluations (0 = only at the end)"),
      ParamSpec::integer("checkpoint_every", 50000, 0, kInt64Max,
                         "env steps between checkpoints (0 = only at the end)"),
      ParamSpec::integer("eval_num_envs", 8, 1, 4096, "parallel env copies during evaluation"),
  };
  return specs;
}

const std::vector<ParamSpec>& eval_param_specs() {
  static const std::vector<ParamSpec> specs = {
      ParamSpec::integer("episodes", 100, 1, 1000000, "episodes per evaluation"),
      ParamSpec::integer("seed", 1000, 0, kSeedMax,
                         "seed of the evaluation envs (apart from the training seeds)"),
      ParamSpec::boolean("deterministic", true,
                         "act greedily (false: sample from the behaviour policy)"),
  };
  return specs;
}

void set_plugin_loader(PluginLoader loader) { plugin_loader_slot() = std::move(loader); }

std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(2, name.size() / 3);
  std::string best;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const std::string& c : candidates) {
    size_t d = edit_distance(name, c);
    // A suggestion must keep something of what was typed.
    if (d > limit || d >= std::max(name.size(), c.size())) continue;
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string suggest_suffix(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best = nearest_name(name, candidates);
  return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

Params resolve_params(const YAML::Node& node, const std::vector<ParamSpec>& specs,
                      const std::string& source, const std::string& section,
                      const std::vector<std::string>& ignored) {
  Section raw;
  read_section(node, loc_of(source, node), source, section, raw);
  return resolve_entries(raw.entries, specs, section, ignored, section + " parameter");
}

RunConfig parse_run_config(const std::string& yaml_text, const std::string& source,
                           const std::vector<std::string>& overrides, Registry& registry) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    // yaml-cpp marks are 0-based; an unclosed bracket is reported one line
    // past the end of the text, so clamp to the last line.
    int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    int lines = static_cast<int>(std::count(yaml_text.begin(), yaml_text.end(), '\n')) +
                (!yaml_text.empty() && yaml_text.back() != '\n' ? 1 : 0);
    if (line > lines) line = lines;
    fail(Loc{source, line}, "", "invalid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    fail(Loc{source, 0}, "", std::string("invalid YAML: ") + e.what());
  }

  RawConfig raw = read_document(root, source);
  for (const std::string& o : overrides) apply_override(o, raw);

  RunConfig cfg;
  cfg.source = source;

  // name
  if (raw.name) {
    const Entry& e = *raw.name;
    if (!e.value.IsScalar()) fail(e.loc, "name", "expected a run name, got " + describe_node(e.value));
    cfg.name = e.value.Scalar();
    if (!valid_run_name(cfg.name))
      fail(e.loc, "name", "'" + cfg.name + "' is not a valid run directory name");
  } else {
    cfg.name = fs::path(source).stem().string();
    if (!valid_run_name(cfg.name)) cfg.name = "run";
  }

  // plugins: resolved against the config file's folder (command-line ones
  // against the working directory), then loaded in order.
  if (raw.plugins) {
    const Entry& e = *raw.plugins;
    if (!e.value.IsNull() && !e.value.IsSequence() &&
        !(e.value.IsScalar() && e.value.Scalar().empty()))
      fail(e.loc, "plugins", "expected a list of shared-library paths, got " +
                                 describe_node(e.value));
    fs::path base = e.loc.source == kCommandLine ? fs::current_path()
                                                 : fs::absolute(fs::path(source)).parent_path();
    if (e.value.IsSequence()) {
      for (size_t i = 0; i < e.value.size(); ++i) {
        const YAML::Node item = e.value[i];
        const std::string path = "plugins[" + std::to_string(i) + "]";
        if (!item.IsScalar() || item.Scalar().empty())
          fail(e.loc, path, "expected a shared-library path, got " + describe_node(item));
        fs::path p(item.Scalar());
        if (p.is_relative()) p = base / p;
        cfg.plugins.push_back(p.lexically_normal().string());
      }
    }
    for (size_t i = 0; i < cfg.plugins.size(); ++i) {
      try {
        call_plugin_loader(cfg.plugins[i], registry);
      } catch (const std::exception& ex) {
        fail(e.loc, "plugins[" + std::to_string(i) + "]", ex.what());
      }
    }
  }

  // env
  if (!raw.env.present)
    fail(Loc{source, 0}, "env",
         "missing required section (a map with at least 'id', e.g. env: {id: CartPole-v1})");
  cfg.env_id = section_id(raw.env, "env", registry.env_ids());
  const EnvRegistration* env_reg = registry.find_env(cfg.env_id);
  if (!env_reg) unknown_id(*raw.env.find("id"), "env", registry.env_ids());
  std::vector<ParamSpec> env_specs = common_env_param_specs();
  env_specs.insert(env_specs.end(), env_reg->params.begin(), env_reg->params.end());
  cfg.env_origin = where(raw.env.loc);
  cfg.env = resolve_entries(raw.env.entries, env_specs, "env", {"id"},
                            "parameter of env '" + cfg.env_id + "'");

  // agent
  if (!raw.agent.present)
    fail(Loc{source, 0}, "agent", "missing required section (a map with at least 'id')");
  cfg.agent_id = section_id(raw.agent, "agent", registry.agent_ids());
  const AgentRegistration* agent_reg = registry.find_agent(cfg.agent_id);
  if (!agent_reg) unknown_id(*raw.agent.find("id"), "agent", registry.agent_ids());
  cfg.agent_id_origin = where(raw.agent.find("id")->loc);
  cfg.agent = resolve_entries(raw.agent.entries, agent_reg->params, "agent", {"id"},
                              "parameter of agent '" + cfg.agent_id + "'");

  // train, eval
  cfg.train = resolve_entries(raw.train.entries, train_param_specs(), "train", {},
                              "key of section 'train'");
  cfg.eval = resolve_entries(raw.eval.entries, eval_param_specs(), "eval", {},
                             "key of section 'eval'");

  return cfg;
}

RunConfig load_run_config(const std::string& path, const std::vector<std::string>& overrides,
                          Registry& registry) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw ConfigError(path + ": cannot read config file: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot read config file: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError(path + ": cannot read config file");
  return parse_run_config(text.str(), path, overrides, registry);
}

std::string RunConfig::to_yaml() const {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << name;
  out << YAML::Key << "plugins" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const std::string& p : plugins) out << YAML::DoubleQuoted << p;
  out << YAML::EndSeq;
  emit_section(out, "env", &env_id, env);
  emit_section(out, "agent", &agent_id, agent);
  emit_section(out, "train", nullptr, train);
  emit_section(out, "eval", nullptr, eval);
  out << YAML::EndMap;
  if (!out.good()) throw std::logic_error("RunConfig::to_yaml: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

bool RunConfig::operator==(const RunConfig& other) const {
  return name == other.name && source == other.source && plugins == other.plugins &&
         env_id == other.env_id && env == other.env && agent_id == other.agent_id &&
         agent == other.agent && train == other.train && eval == other.eval;
}

}  // namespace ember
