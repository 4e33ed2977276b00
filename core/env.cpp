#include "core/env.h"

#include <stdexcept>

namespace ember {

void Env::save_snapshot(std::ostream&) const {
  throw std::logic_error("env '" + spec().id + "' does not support snapshots");
}

void Env::load_snapshot(std::istream&) {
  throw std::logic_error("env '" + spec().id + "' does not support snapshots");
}

void Env::reset_to_state(const YAML::Node&, const EnvSlot&) {
  throw std::invalid_argument("env '" + spec().id + "' does not support explicit start states");
}

}  // namespace ember
