#include "core/params.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace ember {
namespace {

std::vector<ParamSpec> example_specs() {
  return {
      ParamSpec::integer("size", 8, 5, 19, "side length of the square grid"),
      ParamSpec::real("lr", 2.5e-4, 0.0, 1.0, "learning rate"),
      ParamSpec::boolean("coop", false, "every food needs all players"),
      ParamSpec::string("mixer", "qmix", {"vdn", "qmix"}, "value mixer"),
      ParamSpec::int_list("hidden", {64, 64}, 1, 4096, "hidden layer sizes"),
  };
}

// The factories record name, type, default, range, choices and doc as given.
TEST(Params, FactoriesRecordDeclaration) {
  ParamSpec s = ParamSpec::integer("size", 8, 5, 19, "grid side");
  EXPECT_EQ(s.name, "size");
  EXPECT_EQ(s.type, ParamType::kInt);
  EXPECT_EQ(std::get<int64_t>(s.default_value), 8);
  EXPECT_EQ(s.min, 5.0);
  EXPECT_EQ(s.max, 19.0);
  EXPECT_EQ(s.doc, "grid side");

  ParamSpec m = ParamSpec::string("mixer", "qmix", {"vdn", "qmix"}, "value mixer");
  EXPECT_EQ(m.type, ParamType::kString);
  EXPECT_EQ(std::get<std::string>(m.default_value), "qmix");
  EXPECT_EQ(m.choices, (std::vector<std::string>{"vdn", "qmix"}));
}

// describe_type() renders type, range or choices, and default in one phrase.
TEST(Params, DescribeTypeShowsRangeAndDefault) {
  std::vector<ParamSpec> specs = example_specs();
  EXPECT_EQ(specs[0].describe_type(), "int in [5, 19], default 8");
  EXPECT_EQ(specs[1].describe_type(), "float in [0.0, 1.0], default 0.00025");
  EXPECT_EQ(specs[2].describe_type(), "bool, default false");
  EXPECT_EQ(specs[3].describe_type(), "string in {vdn, qmix}, default qmix");
  EXPECT_EQ(specs[4].describe_type(), "int list, elements in [1, 4096], default [64, 64]");
}

// Half-open and unbounded ranges are described without the missing bound.
TEST(Params, DescribeTypeOmitsUnboundedSide) {
  ParamSpec lo = ParamSpec::integer("log_every", 10000, 1, std::numeric_limits<int64_t>::max(), "");
  EXPECT_EQ(lo.describe_type(), "int >= 1, default 10000");
  ParamSpec hi = ParamSpec::real("x", 0.5, -1e300, 2.0, "");
  EXPECT_EQ(hi.describe_type(), "float <= 2.0, default 0.5");
  ParamSpec any = ParamSpec::string("note", "", {}, "");
  EXPECT_EQ(any.describe_type(), "string, default \"\"");
}

// check() accepts both inclusive bounds and rejects values just outside them.
TEST(Params, CheckRangeIsInclusive) {
  ParamSpec s = example_specs()[0];
  EXPECT_EQ(s.check(int64_t{5}), "");
  EXPECT_EQ(s.check(int64_t{19}), "");
  EXPECT_EQ(s.check(int64_t{25}), "expected int in [5, 19], got 25");
  EXPECT_EQ(s.check(int64_t{4}), "expected int in [5, 19], got 4");
}

// check() rejects a value of another type, naming both types.
TEST(Params, CheckRejectsWrongType) {
  ParamSpec s = example_specs()[0];
  EXPECT_EQ(s.check(2.5), "expected int, got float 2.5");
  EXPECT_EQ(s.check(std::string("big")), "expected int, got string 'big'");
  ParamSpec b = example_specs()[2];
  EXPECT_EQ(b.check(int64_t{1}), "expected bool, got int 1");
}

// Floats outside the range and NaN are rejected.
TEST(Params, CheckRejectsFloatOutOfRangeAndNaN) {
  ParamSpec s = example_specs()[1];
  EXPECT_EQ(s.check(0.5), "");
  EXPECT_EQ(s.check(1.5), "expected float in [0.0, 1.0], got 1.5");
  EXPECT_EQ(s.check(std::nan("")), "expected float in [0.0, 1.0], got .nan");
  ParamSpec any = ParamSpec::real("x", 0.0, -1e300, 1e300, "");
  EXPECT_EQ(any.check(-1e300), "");
  EXPECT_EQ(any.check(-std::numeric_limits<double>::infinity()), "expected a finite float, got -.inf");
}

// A string outside the declared choices is rejected with the nearest choice suggested.
TEST(Params, CheckRejectsUnknownChoiceWithSuggestion) {
  ParamSpec s = example_specs()[3];
  EXPECT_EQ(s.check(std::string("vdn")), "");
  EXPECT_EQ(s.check(std::string("qmx")),
            "expected one of {vdn, qmix}, got 'qmx' (did you mean 'qmix'?)");
  ParamSpec any = ParamSpec::string("note", "", {}, "");
  EXPECT_EQ(any.check(std::string("anything at all")), "");
}

// Every element of an int list must lie in the range; the bad one is named.
TEST(Params, CheckRejectsIntListElementOutOfRange) {
  ParamSpec s = example_specs()[4];
  EXPECT_EQ(s.check(std::vector<int64_t>{}), "");
  EXPECT_EQ(s.check(std::vector<int64_t>{32, 0}),
            "expected int list with elements in [1, 4096], got [32, 0] (element 1 is 0)");
}

// Values print in a form YAML reads back: floats always look like floats.
TEST(Params, ValueToStringFormats) {
  EXPECT_EQ(param_value_to_string(int64_t{-3}), "-3");
  EXPECT_EQ(param_value_to_string(8.0), "8.0");
  EXPECT_EQ(param_value_to_string(0.1), "0.1");
  EXPECT_EQ(param_value_to_string(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(param_value_to_string(std::numeric_limits<double>::infinity()), ".inf");
  EXPECT_EQ(param_value_to_string(true), "true");
  EXPECT_EQ(param_value_to_string(std::string("qmix")), "qmix");
  EXPECT_EQ(param_value_to_string(std::vector<int64_t>{64, 64}), "[64, 64]");
  EXPECT_EQ(param_value_to_string(std::vector<int64_t>{}), "[]");
}

// Params::defaults holds every declared default, readable by the typed getters.
TEST(Params, DefaultsFillEveryParameter) {
  Params p = Params::defaults(example_specs());
  EXPECT_EQ(p.values().size(), 5u);
  EXPECT_EQ(p.get_int("size"), 8);
  EXPECT_DOUBLE_EQ(p.get_float("lr"), 2.5e-4);
  EXPECT_FALSE(p.get_bool("coop"));
  EXPECT_EQ(p.get_string("mixer"), "qmix");
  EXPECT_EQ(p.get_int_list("hidden"), (std::vector<int64_t>{64, 64}));
  p.set("size", int64_t{12});
  EXPECT_EQ(p.get_int("size"), 12);
}

// A missing key throws std::out_of_range whose message names the key.
TEST(Params, GetterThrowsNamingMissingKey) {
  Params p = Params::defaults(example_specs());
  EXPECT_FALSE(p.has("nope"));
  try {
    p.get_int("nope");
    FAIL() << "expected std::out_of_range";
  } catch (const std::out_of_range& e) {
    EXPECT_EQ(std::string(e.what()), "Params: no parameter 'nope'");
  }
}

// Reading a key as the wrong type throws std::out_of_range naming key and types.
TEST(Params, GetterThrowsNamingWrongType) {
  Params p = Params::defaults(example_specs());
  try {
    p.get_float("size");
    FAIL() << "expected std::out_of_range";
  } catch (const std::out_of_range& e) {
    EXPECT_EQ(std::string(e.what()), "Params: parameter 'size' has type int, not float");
  }
  EXPECT_THROW(p.get_string("coop"), std::out_of_range);
  EXPECT_THROW(p.get_int_list("size"), std::out_of_range);
}

// find_param returns the named spec, or null for an undeclared name.
TEST(Params, FindParamReturnsSpecOrNull) {
  std::vector<ParamSpec> specs = example_specs();
  const ParamSpec* lr = find_param(specs, "lr");
  ASSERT_NE(lr, nullptr);
  EXPECT_EQ(lr->type, ParamType::kFloat);
  EXPECT_EQ(find_param(specs, "learning_rate"), nullptr);
}

// Params compare by content, floats exactly.
TEST(Params, EqualityComparesValues) {
  Params a = Params::defaults(example_specs());
  Params b = Params::defaults(example_specs());
  EXPECT_EQ(a, b);
  b.set("lr", 2.5e-4 * (1 + 1e-15));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace ember
