// ParamTable: one row per setting gives the declared spec (default read from
// the struct), fills the struct from validated params and lists the names.
#include "core/param_table.h"

#include <gtest/gtest.h>

namespace ember {
namespace {

struct Settings {
  int64_t hidden = 64;
  double lr = 5e-4;
  bool recurrent = false;
  std::string mixer = "qmix";
  std::vector<int64_t> layers = {32, 32};
};

ParamTable<Settings> table() {
  return ParamTable<Settings>()
      .integer("hidden", &Settings::hidden, 1, 4096, "hidden width")
      .real("lr", &Settings::lr, 0.0, 1.0, "learning rate")
      .boolean("recurrent", &Settings::recurrent, "GRU")
      .string("mixer", &Settings::mixer, {"vdn", "qmix"}, "value mixer")
      .int_list("layers", &Settings::layers, 1, 1024, "layer widths");
}

// The specs keep the rows' order, ranges and docs, with defaults from the given instance.
TEST(ParamTable, SpecsTakeTheirDefaultsFromTheStruct) {
  Settings defaults;
  defaults.hidden = 128;
  const std::vector<ParamSpec> specs = table().specs(defaults);
  ASSERT_EQ(specs.size(), 5u);
  EXPECT_EQ(specs[0].name, "hidden");
  EXPECT_EQ(specs[0].describe_type(), ParamSpec::integer("hidden", 128, 1, 4096, "").describe_type());
  EXPECT_EQ(specs[0].doc, "hidden width");
  EXPECT_EQ(std::get<double>(specs[1].default_value), 5e-4);
  EXPECT_EQ(specs[3].choices, (std::vector<std::string>{"vdn", "qmix"}));
  EXPECT_EQ(table().names(), (std::vector<std::string>{"hidden", "lr", "recurrent", "mixer", "layers"}));
}

// fill() sets every declared field from the params; undeclared fields keep their values.
TEST(ParamTable, FillSetsEveryDeclaredField) {
  Params p = Params::defaults(table().specs());
  p.set("hidden", int64_t{7});
  p.set("lr", 0.25);
  p.set("recurrent", true);
  p.set("mixer", std::string("vdn"));
  p.set("layers", std::vector<int64_t>{4});
  const Settings s = table().fill(p);
  EXPECT_EQ(s.hidden, 7);
  EXPECT_EQ(s.lr, 0.25);
  EXPECT_TRUE(s.recurrent);
  EXPECT_EQ(s.mixer, "vdn");
  EXPECT_EQ(s.layers, (std::vector<int64_t>{4}));
}

}  // namespace
}  // namespace ember
