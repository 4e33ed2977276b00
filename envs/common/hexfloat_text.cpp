#include "envs/common/hexfloat_text.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace ember {

void write_hexfloat(std::ostream& out, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", value);
  out << buf << '\n';
}

double read_hexfloat(std::istream& in, const char* context, const char* what) {
  std::string token;
  if (!(in >> token)) throw std::runtime_error(std::string(context) + ": missing " + what);
  char* end = nullptr;
  const double value = std::strtod(token.c_str(), &end);
  if (end == token.c_str() || *end != '\0')
    throw std::runtime_error(std::string(context) + ": bad value for " + what + ": '" + token + "'");
  return value;
}

}  // namespace ember
