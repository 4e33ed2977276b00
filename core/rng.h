// File: core/rng.h
//
// The one random-number generator type of ember. Every component that needs
// randomness owns an Rng seeded explicitly from the run's seed tree; there is
// no global generator anywhere.
//
// Example:
//   Rng rng(derive_seed(run_seed, "env", i));
//   double u = rng.uniform(-0.05, 0.05);
//   int a = rng.uniform_int(4);
//
// The bit stream is std::mt19937_64 (fully specified by the C++ standard), and
// the mappings to doubles and integers are written out here rather than taken
// from <random>'s distributions, whose output differs between standard
// libraries and which cache state that would have to be serialised too.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <random>
#include <string>

namespace ember {

// Derives an independent child seed from a parent seed and a label/index
// (splitmix64 mixing), so that each env, learner and evaluator gets its own
// stream and adding a consumer never shifts another's numbers.
uint64_t derive_seed(uint64_t parent, uint64_t index);
uint64_t derive_seed(uint64_t parent, const std::string& label, uint64_t index = 0);

class Rng {
 public:
  explicit Rng(uint64_t seed = 0) : engine_(seed) {}

  void seed(uint64_t seed) { engine_.seed(seed); }
  uint64_t next_u64() { return engine_(); }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Uniform integer in [0, n), n > 0 (Lemire's unbiased multiply-shift).
  int64_t uniform_int(int64_t n);
  // Standard normal (Box–Muller, no cached second value).
  double normal();

  // Text serialisation of the full engine state (for checkpoints).
  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  std::mt19937_64 engine_;
};

// The engine state as one length-prefixed record of a binary checkpoint
// stream (core/binary_io.h strings), so that several RNGs and other data can
// follow each other.
void write_rng(std::ostream& out, const Rng& rng);
void read_rng(std::istream& in, Rng& rng);

}  // namespace ember
