// File: core/binary_io.h
//
// Length-prefixed binary reading and writing for checkpoints. Values are
// written in the machine's byte order (checkpoints are not meant to move
// between architectures). Reads throw std::runtime_error on a short or
// corrupt stream instead of returning garbage.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace ember {

template <typename T>
void write_pod(std::ostream& out, const T& value) {
  static_assert(std::is_trivially_copyable<T>::value, "write_pod needs a POD");
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
T read_pod(std::istream& in) {
  T value{};
  in.read(reinterpret_cast<char*>(&value), sizeof(T));
  if (!in) throw std::runtime_error("stored data ends early");
  return value;
}

inline void write_string(std::ostream& out, const std::string& s) {
  write_pod(out, static_cast<uint64_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

inline std::string read_string(std::istream& in) {
  const auto size = read_pod<uint64_t>(in);
  if (size > (uint64_t{1} << 40)) throw std::runtime_error("stored data is corrupt");
  std::string s(size, '\0');
  in.read(&s[0], static_cast<std::streamsize>(size));
  if (!in) throw std::runtime_error("stored data ends early");
  return s;
}

template <typename T>
void write_vector(std::ostream& out, const std::vector<T>& v) {
  static_assert(std::is_trivially_copyable<T>::value, "write_vector needs PODs");
  write_pod(out, static_cast<uint64_t>(v.size()));
  out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}

// Reads into `v`, which must already have the stored size (buffers are
// shaped by the spec; a mismatch means the checkpoint belongs elsewhere).
template <typename T>
void read_vector(std::istream& in, std::vector<T>& v) {
  const auto size = read_pod<uint64_t>(in);
  if (size != v.size()) throw std::runtime_error("stored buffer size does not match");
  in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
  if (!in) throw std::runtime_error("stored data ends early");
}

}  // namespace ember
