// File: envs/common/png.h
//
// PNG output for pictures of environments (maps, observations, frames):
// stb_image_write encodes in memory and the file is written atomically
// (core/atomic_file.h), so a failed or interrupted export leaves nothing
// half-written.
//
// Example:
//   write_png_file("frame.png", 64, 64, 3, rgb.data());   // rows top to bottom
#pragma once

#include <cstdint>
#include <string>

namespace ember {

// 8-bit pixels, `channels` 1 (gray), 3 (RGB) or 4 (RGBA), rows top to bottom.
// Throws std::invalid_argument for a bad size and std::runtime_error naming
// the path when the file cannot be written.
void write_png_file(const std::string& path, int width, int height, int channels, const uint8_t* pixels);

}  // namespace ember
