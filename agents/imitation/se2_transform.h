// File: agents/imitation/se2_transform.h
//
// The random rigid transform of Transporter's augmentation (reference
// lohoravens.md §10), on the label side: angle ~ N(0, angle_std) about the
// map centre and a shift ~ N(0, shift_std) pixels per axis, drawn again until
// every label pixel stays on the map. models/se2_warp.h moves the maps by the
// same rule, so a label keeps pointing at the same object.
//
// Example:
//   Se2Transform t = sample_se2_transform(rng, 80, 40, 60 * M_PI / 180, 40 / 6.0, {{r0, c0}, {r1, c1}});
//   auto [r, c] = t.apply(80, 40, r0, c0);
#pragma once

#include <utility>
#include <vector>

namespace ember {

class Rng;

struct Se2Transform {
  double angle = 0;  // radians, x along columns, y along rows
  double shift_rows = 0, shift_cols = 0;
  // Where pixel (row, col) of a rows x cols map lands.
  std::pair<int, int> apply(int rows, int cols, int row, int col) const;
};

// The identity after `max_tries` draws that all moved a pixel off the map.
Se2Transform sample_se2_transform(Rng& rng, int rows, int cols, double angle_std, double shift_std,
                                  const std::vector<std::pair<int, int>>& pixels, int max_tries = 100);

}  // namespace ember
