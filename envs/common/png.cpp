#include "envs/common/png.h"

#include <stdexcept>

#include "core/atomic_file.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace ember {

namespace {
void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}
}  // namespace

void write_png_file(const std::string& path, int width, int height, int channels, const uint8_t* pixels) {
  if (width < 1 || height < 1 || (channels != 1 && channels != 3 && channels != 4))
    throw std::invalid_argument("png '" + path + "': bad image size " + std::to_string(width) + "x" +
                                std::to_string(height) + "x" + std::to_string(channels));
  std::string bytes;
  if (!stbi_write_png_to_func(append, &bytes, width, height, channels, pixels, width * channels))
    throw std::runtime_error("png '" + path + "': encoding failed");
  write_file_atomic(path, bytes);
}

}  // namespace ember
