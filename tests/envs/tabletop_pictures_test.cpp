// Pictures of tabletop observations: the color | height composition, and the
// documentation's pictures (docs/images/tabletop_*.png), written only when
// EMBER_TABLETOP_PICTURES names a folder:
//   EMBER_TABLETOP_PICTURES=docs/images build/tests/envs_tests --gtest_filter=TabletopPictures.Optional
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "envs/common/png.h"
#include "envs/tabletop/tabletop_image.h"
#include "envs/tabletop/top_down_renderer.h"
#include "tests/envs/tabletop_harness.h"

namespace ember::tabletop {
namespace {

TEST(TabletopPictures, ColorAndHeightSitSideBySide) {
  Scene scene;
  scene.add(ObjectKind::kBlock, color_index("red"), kBigBlock, Pose::on_table(0.5, 0.0, 0.0, kBigBlock / 2));
  TopDownMaps maps;
  maps.resize(PixelGrid::downsampled(4));  // 80 x 40
  render_top_down(scene, maps);
  const MapsPicture p = maps_picture(maps);
  ASSERT_EQ(p.width, 2 * 40 + 4);
  ASSERT_EQ(p.height, 80);
  const auto [row, col] = maps.grid.to_pixel(0.5, 0.0);
  const uint8_t* color = &p.rgb[(static_cast<size_t>(row) * p.width + col) * 3];
  const uint8_t* height = &p.rgb[(static_cast<size_t>(row) * p.width + 40 + 4 + col) * 3];
  EXPECT_EQ(color[0], all_colors()[size_t(color_index("red"))].r);
  EXPECT_EQ(height[0], 153);  // 0.06 m of the 0.1 m white level
  EXPECT_EQ(p.rgb[(static_cast<size_t>(0) * p.width) * 3], kTableColor[0]);
}

// Start and end of an oracle episode: start color | end color | end height.
TEST(TabletopPictures, Optional) {
  const char* dir = std::getenv("EMBER_TABLETOP_PICTURES");
  if (!dir) GTEST_SKIP() << "set EMBER_TABLETOP_PICTURES=<folder> to write the pictures";
  for (const char* task : {"put-block-in-matching-bowl", "stack-smaller-over-bigger-with-same-color",
                           "put-even-block-in-same-color-zone", "stack-block-pyramid"}) {
    TabletopConfig config = tabletop_config(task, 1);
    config.split = EpisodeSplit::kTest;
    TabletopHarness h(config);
    TabletopEnv& env = h.env;
    env.seed(4);
    h.reset();
    const MapsPicture start = maps_picture(env.observation_maps());
    std::printf("%s\n", env.describe().c_str());
    while (!h.out.terminated()) {
      std::printf("  %s\n", env.expert_instruction().c_str());
      h.step(env.expert());
    }
    std::printf("  score %.3f\n", env.score());
    const MapsPicture end = maps_picture(env.observation_maps());
    const int cols = env.observation_maps().grid.cols, gap = 4;
    const int width = cols + gap + end.width;
    std::vector<uint8_t> rgb(static_cast<size_t>(width) * end.height * 3, 255);
    for (int r = 0; r < end.height; ++r) {
      std::copy_n(&start.rgb[size_t(r) * start.width * 3], cols * 3, &rgb[size_t(r) * width * 3]);
      std::copy_n(&end.rgb[size_t(r) * end.width * 3], end.width * 3, &rgb[(size_t(r) * width + cols + gap) * 3]);
    }
    write_png_file(std::string(dir) + "/tabletop_" + task + ".png", width, end.height, 3, rgb.data());
  }
}

}  // namespace
}  // namespace ember::tabletop
