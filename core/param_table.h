// File: core/param_table.h
//
// A component's settings declared once. Each row of a ParamTable names a
// parameter, its type, range and one-line doc, and the field of the
// component's config struct it fills; the default is that field's value in
// a defaults instance. The declared ParamSpecs (validation, `ember
// describe`), filling the struct from validated Params and the list of
// names all come from the same rows, so a setting is written once.
//
// Example:
//   struct Learner { int64_t hidden = 64; double lr = 5e-4; };
//   const ParamTable<Learner> table = ParamTable<Learner>()
//       .integer("hidden", &Learner::hidden, 1, 1 << 16, "hidden width")
//       .real("lr", &Learner::lr, 0.0, 1.0, "Adam learning rate");
//   std::vector<ParamSpec> specs = table.specs(Learner{});   // defaults from the struct
//   Learner l = table.fill(validated_params);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/params.h"

namespace ember {

template <typename Config>
class ParamTable {
 public:
  ParamTable& integer(std::string name, int64_t Config::*field, int64_t min, int64_t max, std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::integer(name, d.*field, min, max, doc); },
               [=](const Params& p, Config& c) { c.*field = p.get_int(name); });
  }
  ParamTable& real(std::string name, double Config::*field, double min, double max, std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::real(name, d.*field, min, max, doc); },
               [=](const Params& p, Config& c) { c.*field = p.get_float(name); });
  }
  ParamTable& boolean(std::string name, bool Config::*field, std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::boolean(name, d.*field, doc); },
               [=](const Params& p, Config& c) { c.*field = p.get_bool(name); });
  }
  ParamTable& string(std::string name, std::string Config::*field, std::vector<std::string> choices,
                     std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::string(name, d.*field, choices, doc); },
               [=](const Params& p, Config& c) { c.*field = p.get_string(name); });
  }
  ParamTable& int_list(std::string name, std::vector<int64_t> Config::*field, int64_t min, int64_t max,
                       std::string doc) {
    return add(name, [=](const Config& d) { return ParamSpec::int_list(name, d.*field, min, max, doc); },
               [=](const Params& p, Config& c) { c.*field = p.get_int_list(name); });
  }

  // The declared parameters, in row order, with defaults read from `defaults`.
  std::vector<ParamSpec> specs(const Config& defaults = Config()) const {
    std::vector<ParamSpec> out;
    for (const Row& row : rows_) out.push_back(row.spec(defaults));
    return out;
  }
  // `config` with every row's field set from `params` (validated against specs()).
  Config fill(const Params& params, Config config = Config()) const {
    for (const Row& row : rows_) row.fill(params, config);
    return config;
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  struct Row {
    std::function<ParamSpec(const Config&)> spec;
    std::function<void(const Params&, Config&)> fill;
  };
  ParamTable& add(const std::string& name, std::function<ParamSpec(const Config&)> spec,
                  std::function<void(const Params&, Config&)> fill) {
    names_.push_back(name);
    rows_.push_back({std::move(spec), std::move(fill)});
    return *this;
  }
  std::vector<Row> rows_;
  std::vector<std::string> names_;
};

}  // namespace ember
