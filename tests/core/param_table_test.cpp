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

// embed(): a composite lists a sub-table's rows under a prefix, with marked
// docs, leaving out the skipped rows; defaults come from the composite's
// sub-struct and fill() reaches the right sub-struct.
struct Pair {
  Settings il;
  Settings cl;
  bool share = false;
};

TEST(ParamTable, EmbedListsSubTableRowsUnderAPrefix) {
  Pair defaults;
  defaults.il.hidden = 128;
  const ParamTable<Pair> pair = ParamTable<Pair>()
                                    .boolean("share", &Pair::share, "share data")
                                    .embed(table(), &Pair::il, Embedding::under("il_", "IL: ").without({"mixer", "layers"}))
                                    .embed(table(), &Pair::cl, Embedding::under("cl_").with_doc_suffix(" [cl]"));
  EXPECT_EQ(pair.names(), (std::vector<std::string>{"share", "il_hidden", "il_lr", "il_recurrent", "cl_hidden", "cl_lr",
                                                    "cl_recurrent", "cl_mixer", "cl_layers"}));
  const std::vector<ParamSpec> specs = pair.specs(defaults);
  EXPECT_EQ(specs[1].name, "il_hidden");
  EXPECT_EQ(std::get<int64_t>(specs[1].default_value), 128);
  EXPECT_EQ(std::get<int64_t>(specs[4].default_value), 64);
  EXPECT_EQ(specs[1].doc, "IL: hidden width");
  EXPECT_EQ(specs[4].doc, "hidden width [cl]");
  EXPECT_EQ(specs[4].describe_type(), ParamSpec::integer("", 64, 1, 4096, "").describe_type());

  Params p = Params::defaults(specs);
  p.set("il_hidden", int64_t{7});
  p.set("cl_hidden", int64_t{9});
  p.set("cl_mixer", std::string("vdn"));
  const Pair filled = pair.fill(p, defaults);
  EXPECT_EQ(filled.il.hidden, 7);
  EXPECT_EQ(filled.cl.hidden, 9);
  EXPECT_EQ(filled.cl.mixer, "vdn");
  EXPECT_EQ(filled.il.mixer, "qmix");  // skipped: keeps the defaults' value
}

}  // namespace
}  // namespace ember
