#pragma once
// Doubles as text that round-trips exactly: "%a" hexfloat, one per line.
// The classic-control snapshots use it, so a saved state reads back to the
// same bits and the continued episode matches the uninterrupted one.

#include <istream>
#include <ostream>

namespace ember {

void write_hexfloat(std::ostream& out, double value);

// Reads one token and parses it whole. Throws std::runtime_error naming
// `context` (e.g. "CartPole snapshot") and `what` (the field) when the token
// is missing or is not a number.
double read_hexfloat(std::istream& in, const char* context, const char* what);

}  // namespace ember
