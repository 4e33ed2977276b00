// File: core/param_table.h
//
// A component's settings declared once. Each row of a ParamTable names a
// parameter, its type, range and one-line doc, and the field of the
// component's config struct it fills; the default is that field's value in
// a defaults instance. The declared ParamSpecs (validation, `ember
// describe`), filling the struct from validated Params and the list of
// names all come from the same rows, so a setting is written once.
//
// A component built from others embeds their tables: embed() adds every row
// of a sub-table, for a sub-struct field, under a name prefix (MANSA's
// `il_lr` is its IL learner's `lr`) and with the docs marked, so the
// composite re-lists no names and its defaults are its sub-structs' values.
//
// Example:
//   struct Learner { int64_t hidden = 64; double lr = 5e-4; };
//   const ParamTable<Learner> table = ParamTable<Learner>()
//       .integer("hidden", &Learner::hidden, 1, 1 << 16, "hidden width")
//       .real("lr", &Learner::lr, 0.0, 1.0, "Adam learning rate");
//   std::vector<ParamSpec> specs = table.specs(Learner{});   // defaults from the struct
//   Learner l = table.fill(validated_params);
//
//   struct Pair { Learner il; Learner cl; };
//   const ParamTable<Pair> pair = ParamTable<Pair>()
//       .embed(table, &Pair::il, Embedding::under("il_", "IL: "))    // il_hidden, il_lr
//       .embed(table, &Pair::cl, Embedding::under("cl_", "CL: "));   // cl_hidden, cl_lr
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/params.h"

namespace ember {

// How embed() places a sub-table's rows in a composite table.
struct Embedding {
  std::string prefix;              // prepended to every name
  std::string doc_prefix;          // prepended to every doc
  std::string doc_suffix;          // appended to every doc
  std::vector<std::string> skip;   // sub-table rows (unprefixed names) left out

  static Embedding under(std::string prefix, std::string doc_prefix = "") {
    Embedding e;
    e.prefix = std::move(prefix);
    e.doc_prefix = std::move(doc_prefix);
    return e;
  }
  static Embedding as_is() { return Embedding(); }
  Embedding& with_doc_suffix(std::string suffix) {
    doc_suffix = std::move(suffix);
    return *this;
  }
  Embedding& without(std::vector<std::string> names) {
    skip = std::move(names);
    return *this;
  }
};

template <typename Config>
class ParamTable {
 public:
  ParamTable& integer(std::string name, int64_t Config::*field, int64_t min, int64_t max, std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::integer(name, d.*field, min, max, doc); },
               [=](const Params& p, const std::string& key, Config& c) { c.*field = p.get_int(key); });
  }
  ParamTable& real(std::string name, double Config::*field, double min, double max, std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::real(name, d.*field, min, max, doc); },
               [=](const Params& p, const std::string& key, Config& c) { c.*field = p.get_float(key); });
  }
  ParamTable& boolean(std::string name, bool Config::*field, std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::boolean(name, d.*field, doc); },
               [=](const Params& p, const std::string& key, Config& c) { c.*field = p.get_bool(key); });
  }
  ParamTable& string(std::string name, std::string Config::*field, std::vector<std::string> choices,
                     std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::string(name, d.*field, choices, doc); },
               [=](const Params& p, const std::string& key, Config& c) { c.*field = p.get_string(key); });
  }
  ParamTable& int_list(std::string name, std::vector<int64_t> Config::*field, int64_t min, int64_t max,
                       std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::int_list(name, d.*field, min, max, doc); },
               [=](const Params& p, const std::string& key, Config& c) { c.*field = p.get_int_list(key); });
  }

  // Every row of `sub` (but those `how` skips), filling `field`, renamed and
  // re-documented as `how` says; defaults come from the composite's `field`.
  template <typename Sub>
  ParamTable& embed(const ParamTable<Sub>& sub, Sub Config::*field, const Embedding& how = Embedding()) {
    for (const typename ParamTable<Sub>::Row& row : sub.rows_) {
      if (std::find(how.skip.begin(), how.skip.end(), row.name) != how.skip.end()) continue;
      const std::string name = how.prefix + row.name;
      auto sub_spec = row.spec;
      auto sub_fill = row.fill;
      add(name,
          [=](const Config& d) {
            ParamSpec spec = sub_spec(d.*field);
            spec.name = name;
            spec.doc = how.doc_prefix + spec.doc + how.doc_suffix;
            return spec;
          },
          [=](const Params& p, const std::string& key, Config& c) { sub_fill(p, key, c.*field); });
    }
    return *this;
  }

  // The declared parameters, in row order, with defaults read from `defaults`.
  std::vector<ParamSpec> specs(const Config& defaults = Config()) const {
    std::vector<ParamSpec> out;
    for (const Row& row : rows_) out.push_back(row.spec(defaults));
    return out;
  }
  // `config` with every row's field set from `params` (validated against specs()).
  Config fill(const Params& params, Config config = Config()) const {
    for (const Row& row : rows_) row.fill(params, row.name, config);
    return config;
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  template <typename>
  friend class ParamTable;  // embed() reads a sub-table's rows

  // `fill` reads the parameter named `key`: the row's own name, or the
  // prefixed name a composite table embeds it under.
  struct Row {
    std::string name;
    std::function<ParamSpec(const Config&)> spec;
    std::function<void(const Params&, const std::string& key, Config&)> fill;
  };
  ParamTable& add(const std::string& name, std::function<ParamSpec(const Config&)> spec,
                  std::function<void(const Params&, const std::string&, Config&)> fill) {
    names_.push_back(name);
    rows_.push_back({name, std::move(spec), std::move(fill)});
    return *this;
  }
  std::vector<Row> rows_;
  std::vector<std::string> names_;
};

}  // namespace ember
