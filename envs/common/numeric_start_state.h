#pragma once
// A start state given as a YAML map of named finite numbers, the form the
// classic-control envs take for `ember rollout --start-state` (e.g. CartPole's
// {x, x_dot, theta, theta_dot}). One parser, so every such env refuses the
// same bad input with the same messages.

#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace ember {

// Returns the values of `keys`, in that order. Throws std::invalid_argument
// naming `env_name` and the offending key when `state` is not a map, has a
// key outside `keys`, lacks one of them, or gives one a value that is not a
// finite number.
std::vector<double> read_numeric_start_state(const YAML::Node& state, const std::string& env_name,
                                             const std::vector<std::string>& keys);

}  // namespace ember
