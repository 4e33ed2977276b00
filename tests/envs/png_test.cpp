// PNG output (envs/common/png.h): a real PNG file, and clear errors for a bad
// size or an unwritable path, leaving nothing behind.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "envs/common/png.h"

namespace ember {
namespace {

TEST(PngFile, WritesAPngSignature) {
  const std::vector<uint8_t> rgb(3 * 2 * 3, 200);
  const std::string path = std::string(EMBER_BINARY_DIR) + "/png_test.png";
  write_png_file(path, 3, 2, 3, rgb.data());
  FILE* f = std::fopen(path.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  unsigned char signature[8] = {};
  ASSERT_EQ(std::fread(signature, 1, 8, f), 8u);
  std::fclose(f);
  std::remove(path.c_str());
  EXPECT_EQ(signature[1], 'P');
  EXPECT_EQ(signature[2], 'N');
  EXPECT_EQ(signature[3], 'G');
}

TEST(PngFile, BadSizeOrPathIsAnErrorNamingThePath) {
  const std::vector<uint8_t> rgb(12, 0);
  EXPECT_THROW(write_png_file("x.png", 0, 2, 3, rgb.data()), std::invalid_argument);
  EXPECT_THROW(write_png_file("x.png", 2, 2, 2, rgb.data()), std::invalid_argument);
  try {
    write_png_file("/nonexistent-dir/x.png", 2, 2, 3, rgb.data());
    FAIL() << "wrote into a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x.png"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ember
