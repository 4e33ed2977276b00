// File: core/space.h
//
// Spaces describe the shape, element type and legal values of one observation
// field or one agent's action. They are plain values: cheap to copy, compared
// by content, printable.
//
// Example:
//   Space obs = Space::box({4}, -1.0f, 1.0f);           // f32 vector in [-1, 1]
//   Space act = Space::discrete(2);                      // one int32 in {0, 1}
//   Space img = Space::box_u8({64, 64, 3});              // u8 image
//   Space txt = Space::text(/*max_tokens=*/32, /*vocab_size=*/512);
//
// Storage convention (the same everywhere in ember): Discrete and
// MultiDiscrete values and Text tokens are int32, Box values are f32 or u8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ember {

enum class SpaceKind { kDiscrete, kMultiDiscrete, kBox, kText };
enum class DType { kFloat32, kUInt8, kInt32 };

// Size in bytes of one element of `dtype`.
size_t dtype_size(DType dtype);
const char* dtype_name(DType dtype);

struct Space {
  SpaceKind kind = SpaceKind::kBox;
  DType dtype = DType::kFloat32;
  // Shape of one value. Discrete: {} (a scalar); MultiDiscrete: {k};
  // Box: any; Text: {max_tokens}.
  std::vector<int64_t> shape;
  // Number of choices per component (Discrete: one entry; MultiDiscrete: k).
  std::vector<int64_t> nvec;
  // Box bounds, one per element (infinite bounds allowed for f32).
  std::vector<float> low, high;
  // Text: token ids lie in [0, vocab_size); 0 is padding.
  int64_t vocab_size = 0;

  static Space discrete(int64_t n);
  static Space multi_discrete(std::vector<int64_t> nvec);
  // f32 box with the same bound for every element.
  static Space box(std::vector<int64_t> shape, float low, float high);
  // f32 box with per-element bounds (sizes must match the element count).
  static Space box(std::vector<int64_t> shape, std::vector<float> low, std::vector<float> high);
  // u8 box with bounds [0, 255], e.g. an RGB image shaped {H, W, 3}.
  static Space box_u8(std::vector<int64_t> shape);
  static Space text(int64_t max_tokens, int64_t vocab_size);

  // Number of scalar elements in one value (1 for Discrete).
  int64_t numel() const;
  size_t byte_size() const { return static_cast<size_t>(numel()) * dtype_size(dtype); }
  bool is_discrete() const { return kind == SpaceKind::kDiscrete || kind == SpaceKind::kMultiDiscrete; }

  // True when the value at `data` (numel elements of dtype) lies in the space.
  // Writes the first offending element index to `bad_index` when given.
  bool contains(const void* data, int64_t* bad_index = nullptr) const;
  // A human-readable form, e.g. "Discrete(2)" or "Box(f32, [4], [-4.8, 4.8])".
  std::string to_string() const;

  bool operator==(const Space& other) const;
  bool operator!=(const Space& other) const { return !(*this == other); }
};

}  // namespace ember
