// Exact double text (envs/common/hexfloat_text.h): every value reads back to
// the same bits, and a missing or malformed token is an error naming the
// context and the field.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "envs/common/hexfloat_text.h"

namespace ember {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(HexfloatText, RoundTripsToTheSameBits) {
  const double values[] = {0.1, -0.0, 1.0 / 3.0, 2.4, -1e-310 /* subnormal */,
                           std::numeric_limits<double>::max(), std::nextafter(1.0, 2.0)};
  std::stringstream text;
  for (const double v : values) write_hexfloat(text, v);
  for (const double v : values) EXPECT_TRUE(same_bits(read_hexfloat(text, "test", "v"), v)) << v;
}

std::string error_of(const std::string& text) {
  std::istringstream in(text);
  try {
    read_hexfloat(in, "CartPole snapshot", "theta");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(HexfloatText, MissingOrMalformedTokensNameTheField) {
  EXPECT_EQ(error_of(""), "CartPole snapshot: missing theta");
  EXPECT_EQ(error_of("0x1p3z"), "CartPole snapshot: bad value for theta: '0x1p3z'");
  EXPECT_EQ(error_of("abc"), "CartPole snapshot: bad value for theta: 'abc'");
}

}  // namespace
}  // namespace ember
