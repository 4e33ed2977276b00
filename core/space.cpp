#include "core/space.h"

#include <cmath>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace ember {

size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::kFloat32: return 4;
    case DType::kUInt8: return 1;
    case DType::kInt32: return 4;
  }
  return 0;
}

const char* dtype_name(DType dtype) {
  switch (dtype) {
    case DType::kFloat32: return "f32";
    case DType::kUInt8: return "u8";
    case DType::kInt32: return "i32";
  }
  return "?";
}

Space Space::discrete(int64_t n) {
  if (n < 1) throw std::invalid_argument("Discrete(n) needs n >= 1, got " + std::to_string(n));
  Space s;
  s.kind = SpaceKind::kDiscrete;
  s.dtype = DType::kInt32;
  s.nvec = {n};
  return s;
}

Space Space::multi_discrete(std::vector<int64_t> nvec) {
  for (int64_t n : nvec)
    if (n < 1) throw std::invalid_argument("MultiDiscrete needs every n >= 1");
  Space s;
  s.kind = SpaceKind::kMultiDiscrete;
  s.dtype = DType::kInt32;
  s.shape = {static_cast<int64_t>(nvec.size())};
  s.nvec = std::move(nvec);
  return s;
}

Space Space::box(std::vector<int64_t> shape, float low, float high) {
  Space s;
  s.kind = SpaceKind::kBox;
  s.dtype = DType::kFloat32;
  s.shape = std::move(shape);
  const auto n = static_cast<size_t>(s.numel());
  s.low.assign(n, low);
  s.high.assign(n, high);
  return s;
}

Space Space::box(std::vector<int64_t> shape, std::vector<float> low, std::vector<float> high) {
  Space s;
  s.kind = SpaceKind::kBox;
  s.dtype = DType::kFloat32;
  s.shape = std::move(shape);
  const auto n = static_cast<size_t>(s.numel());
  if (low.size() != n || high.size() != n)
    throw std::invalid_argument("Box bounds need one value per element");
  s.low = std::move(low);
  s.high = std::move(high);
  return s;
}

Space Space::box_u8(std::vector<int64_t> shape) {
  Space s;
  s.kind = SpaceKind::kBox;
  s.dtype = DType::kUInt8;
  s.shape = std::move(shape);
  const auto n = static_cast<size_t>(s.numel());
  s.low.assign(n, 0.0f);
  s.high.assign(n, 255.0f);
  return s;
}

Space Space::text(int64_t max_tokens, int64_t vocab_size) {
  Space s;
  s.kind = SpaceKind::kText;
  s.dtype = DType::kInt32;
  s.shape = {max_tokens};
  s.vocab_size = vocab_size;
  return s;
}

int64_t Space::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

bool Space::contains(const void* data, int64_t* bad_index) const {
  const int64_t n = numel();
  auto fail = [&](int64_t i) {
    if (bad_index) *bad_index = i;
    return false;
  };
  switch (kind) {
    case SpaceKind::kDiscrete:
    case SpaceKind::kMultiDiscrete: {
      const auto* v = static_cast<const int32_t*>(data);
      for (int64_t i = 0; i < n; ++i)
        if (v[i] < 0 || v[i] >= nvec[static_cast<size_t>(i)]) return fail(i);
      return true;
    }
    case SpaceKind::kText: {
      const auto* v = static_cast<const int32_t*>(data);
      for (int64_t i = 0; i < n; ++i)
        if (v[i] < 0 || v[i] >= vocab_size) return fail(i);
      return true;
    }
    case SpaceKind::kBox: {
      for (int64_t i = 0; i < n; ++i) {
        float x = dtype == DType::kUInt8 ? static_cast<const uint8_t*>(data)[i]
                                         : static_cast<const float*>(data)[i];
        // NaN fails both comparisons, so test for it explicitly
        if (std::isnan(x) || x < low[static_cast<size_t>(i)] || x > high[static_cast<size_t>(i)])
          return fail(i);
      }
      return true;
    }
  }
  return false;
}

static std::string shape_string(const std::vector<int64_t>& shape) {
  std::ostringstream out;
  out << "[";
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << "]";
  return out.str();
}

std::string Space::to_string() const {
  std::ostringstream out;
  switch (kind) {
    case SpaceKind::kDiscrete: out << "Discrete(" << nvec[0] << ")"; break;
    case SpaceKind::kMultiDiscrete: out << "MultiDiscrete" << shape_string(nvec); break;
    case SpaceKind::kText: out << "Text(max_tokens=" << shape[0] << ", vocab=" << vocab_size << ")"; break;
    case SpaceKind::kBox: {
      out << "Box(" << dtype_name(dtype) << ", " << shape_string(shape);
      bool uniform = true;
      for (size_t i = 1; i < low.size(); ++i)
        uniform = uniform && low[i] == low[0] && high[i] == high[0];
      if (!low.empty() && uniform) out << ", [" << low[0] << ", " << high[0] << "]";
      out << ")";
      break;
    }
  }
  return out.str();
}

bool Space::operator==(const Space& o) const {
  // bounds compared bitwise so that infinities and equal floats match
  auto same_floats = [](const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * 4) == 0);
  };
  return kind == o.kind && dtype == o.dtype && shape == o.shape && nvec == o.nvec &&
         vocab_size == o.vocab_size && same_floats(low, o.low) && same_floats(high, o.high);
}

}  // namespace ember
