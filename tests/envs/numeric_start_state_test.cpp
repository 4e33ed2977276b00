// Numeric start states (envs/common/numeric_start_state.h): the values come
// back in the order of the keys, and every kind of bad map is refused with a
// message naming the env and the key.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "envs/common/numeric_start_state.h"

namespace ember {
namespace {

const std::vector<std::string> kKeys = {"theta", "theta_dot"};

std::string error_of(const std::string& yaml) {
  try {
    read_numeric_start_state(YAML::Load(yaml), "Pendulum-v1", kKeys);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(NumericStartState, ReturnsValuesInKeyOrder) {
  const std::vector<double> v =
      read_numeric_start_state(YAML::Load("{theta_dot: -0.5, theta: 3}"), "Pendulum-v1", kKeys);
  EXPECT_EQ(v, (std::vector<double>{3.0, -0.5}));
}

TEST(NumericStartState, BadMapsNameTheEnvAndTheKey) {
  EXPECT_EQ(error_of("[1, 2]"), "Pendulum-v1 start state must be a map with keys theta, theta_dot");
  EXPECT_EQ(error_of("{theta: 0, theta_dot: 0, omega: 1}"),
            "Pendulum-v1 start state: unknown key 'omega' (expected theta, theta_dot)");
  EXPECT_EQ(error_of("{theta: 0}"), "Pendulum-v1 start state: missing key 'theta_dot'");
  EXPECT_EQ(error_of("{theta: fast, theta_dot: 0}"),
            "Pendulum-v1 start state: key 'theta' needs a finite number");
  EXPECT_EQ(error_of("{theta: 0, theta_dot: .inf}"),
            "Pendulum-v1 start state: key 'theta_dot' needs a finite number");
  EXPECT_EQ(error_of("{theta: [1], theta_dot: 0}"),
            "Pendulum-v1 start state: key 'theta' needs a finite number");
}

}  // namespace
}  // namespace ember
