#include "core/rng.h"

#include <cmath>
#include <istream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "core/binary_io.h"

namespace ember {

namespace {
uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

uint64_t derive_seed(uint64_t parent, uint64_t index) {
  return splitmix64(splitmix64(parent) ^ splitmix64(index + 0x632be59bd9b4e019ULL));
}

uint64_t derive_seed(uint64_t parent, const std::string& label, uint64_t index) {
  // FNV-1a of the label keeps derived streams stable when labels are added
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : label) h = (h ^ c) * 0x100000001b3ULL;
  return derive_seed(derive_seed(parent, h), index);
}

int64_t Rng::uniform_int(int64_t n) {
  if (n <= 0) throw std::invalid_argument("Rng::uniform_int needs n > 0");
  const auto range = static_cast<uint64_t>(n);
  // Lemire: multiply-shift with rejection of the biased low zone
  unsigned __int128 m = static_cast<unsigned __int128>(engine_()) * range;
  auto low = static_cast<uint64_t>(m);
  if (low < range) {
    const uint64_t threshold = (0 - range) % range;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(engine_()) * range;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<int64_t>(m >> 64);
}

double Rng::normal() {
  // 1 - u keeps the log argument in (0, 1]
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

void Rng::save(std::ostream& out) const { out << engine_ << '\n'; }

void Rng::load(std::istream& in) {
  in >> engine_;
  if (!in) throw std::runtime_error("corrupt RNG state");
}

void write_rng(std::ostream& out, const Rng& rng) {
  std::ostringstream state;
  rng.save(state);
  write_string(out, state.str());
}

void read_rng(std::istream& in, Rng& rng) {
  std::istringstream state(read_string(in));
  rng.load(state);
}

}  // namespace ember
