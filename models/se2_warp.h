// File: models/se2_warp.h
//
// Rigid (SE(2)) warps of image batches, for Transporter's augmentation
// (reference lohoravens.md §10): each map of the batch is turned by its
// angle about the map centre and shifted, sampled bilinearly, zeros where
// the source lies outside. A pixel at centre (x, y) = (col + 0.5, row + 0.5)
// moves to  R(angle) ((x, y) - centre) + centre + (shift_cols, shift_rows)
// (x along columns, y along rows) — the rule agents/imitation/se2_transform.h
// applies to label pixels, so maps and labels move together.
//
// Example:
//   at::Tensor out = se2_warp(maps, angles, shift_rows, shift_cols);  // maps [N, C, H, W], the rest float [N]
#pragma once

#include <ATen/core/Tensor.h>

namespace ember {

at::Tensor se2_warp(const at::Tensor& maps, const at::Tensor& angles, const at::Tensor& shift_rows,
                    const at::Tensor& shift_cols);

}  // namespace ember
