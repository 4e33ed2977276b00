#include "agents/imitation/se2_transform.h"

#include <cmath>

#include "core/rng.h"

namespace ember {

std::pair<int, int> Se2Transform::apply(int rows, int cols, int row, int col) const {
  const double dx = col + 0.5 - cols / 2.0, dy = row + 0.5 - rows / 2.0;
  const double x = std::cos(angle) * dx - std::sin(angle) * dy + cols / 2.0 + shift_cols;
  const double y = std::sin(angle) * dx + std::cos(angle) * dy + rows / 2.0 + shift_rows;
  return {static_cast<int>(std::floor(y)), static_cast<int>(std::floor(x))};
}

Se2Transform sample_se2_transform(Rng& rng, int rows, int cols, double angle_std, double shift_std,
                                  const std::vector<std::pair<int, int>>& pixels, int max_tries) {
  for (int attempt = 0; attempt < max_tries; ++attempt) {
    Se2Transform t{rng.normal() * angle_std, rng.normal() * shift_std, rng.normal() * shift_std};
    bool inside = true;
    for (const auto& [row, col] : pixels) {
      const auto [r, c] = t.apply(rows, cols, row, col);
      inside = inside && r >= 0 && r < rows && c >= 0 && c < cols;
    }
    if (inside) return t;
  }
  return {};
}

}  // namespace ember
