// Pictures of navigation houses (envs/navigation/nav_image.h): the top-down
// map draws walls and the path where they are, PNG files are written, and the
// optional NavigationPictures.Optional test produces docs/images/:
//   EMBER_NAV_PICTURES=docs/images build/tests/envs_tests --gtest_filter=NavigationPictures.*
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "envs/common/png.h"
#include "envs/navigation/nav_image.h"
#include "envs/navigation/objectnav_env.h"

namespace ember {
namespace {

bool same(const uint8_t* p, const uint8_t c[3]) { return p[0] == c[0] && p[1] == c[1] && p[2] == c[2]; }

TEST(NavigationPictures, MapDrawsWallsAndPath) {
  const House house = generate_house(1, house_seed(HouseSplit::kTest, 3));
  const OccupancyGrid grid = build_occupancy(house, kAgentRadius, 0.05);
  const std::vector<AgentPose> path = {{1.0, 1.0, 0, 0}, {2.0, 1.0, 0, 0}};
  const double scale = 40;
  const Image map = top_down_map(house, grid, house.objects[0].category, 1.0, path, scale);
  EXPECT_EQ(map.width, static_cast<int>(std::ceil((house.width + 0.5) * scale)));
  EXPECT_EQ(map.height, static_cast<int>(std::ceil((house.depth + 0.5) * scale)));
  auto pixel = [&](double x, double y) {
    return map.at(static_cast<int>((x + 0.25) * scale), map.height - 1 - static_cast<int>((y + 0.25) * scale));
  };
  EXPECT_TRUE(same(pixel(1.5, 1.0), kMapPath));
  EXPECT_TRUE(same(pixel(1.0, 1.0), kMapStart));
  const Wall& w = house.walls[0];
  EXPECT_TRUE(same(pixel(w.cx, w.cy), kMapWall));
}

// The documentation's pictures: an oracle episode in a tier-2 test house
// (map with its path) and egocentric frames along it.
TEST(NavigationPictures, Optional) {
  const char* dir = std::getenv("EMBER_NAV_PICTURES");
  if (!dir) GTEST_SKIP() << "set EMBER_NAV_PICTURES=<dir> to write the pictures";
  ObjectNavConfig c;
  c.split = HouseSplit::kTest;
  c.tier = 2;
  c.width = c.height = 160;
  c.shaping = false;
  ObjectNavEnv env(c);
  std::vector<uint8_t> rgb(static_cast<size_t>(c.width) * c.height * 3);
  std::vector<float> goal(num_object_categories());
  void* fields[2] = {rgb.data(), goal.data()};
  float reward = 0;
  uint8_t terminated = 0;
  EnvSlot slot;
  slot.fields = fields;
  slot.reward = &reward;
  slot.terminated = &terminated;
  env.seed(11);
  env.reset(slot);
  while (env.optimal_distance() < 7.0) env.reset(slot);  // a path through several rooms
  std::vector<AgentPose> poses = {env.sim().pose()};
  std::vector<std::vector<uint8_t>> frames = {rgb};
  auto objects_in_view = [&] {
    int n = 0;
    for (size_t i = 0; i < env.house().objects.size(); ++i) n += env.sim().object_visible(static_cast<int>(i), 1.0);
    return n;
  };
  std::vector<int> in_view = {objects_in_view()};
  while (!terminated && poses.size() < 500) {
    int32_t a = env.expert_action();
    env.step(ActionView{&a, nullptr}, slot);
    poses.push_back(env.sim().pose());
    frames.push_back(rgb);
    in_view.push_back(objects_in_view());
  }
  std::vector<double> m(4);
  env.episode_metrics(m.data());
  std::printf("%s: %zu steps, success %.0f, spl %.3f\n", env.describe().c_str(), poses.size() - 1, m[0], m[1]);
  const std::string d(dir);
  const Image map = top_down_map(env.house(), env.grid(), env.target(), c.success_distance, poses, 48);
  write_png_file(d + "/objectnav_map.png", map.width, map.height, 3, map.rgb.data());
  // a strip of four frames: the start, the busiest frame (most objects in
  // view) of each half of the way, and the frame End was called on
  const size_t n = frames.size() - 1;
  auto busiest = [&](size_t from, size_t to) {
    size_t best = from;
    for (size_t k = from; k < to; ++k)
      if (in_view[k] > in_view[best]) best = k;
    return best;
  };
  const size_t picks[4] = {0, busiest(1, n / 2), busiest(n / 2, n), n};
  const int gap = 4;
  Image strip;
  strip.width = 4 * c.width + 3 * gap;
  strip.height = c.height;
  strip.rgb.assign(static_cast<size_t>(strip.width) * strip.height * 3, 255);
  for (int k = 0; k < 4; ++k)
    for (int y = 0; y < c.height; ++y)
      for (int x = 0; x < c.width; ++x)
        for (int ch = 0; ch < 3; ++ch)
          strip.at(k * (c.width + gap) + x, y)[ch] = frames[picks[k]][(static_cast<size_t>(y) * c.width + x) * 3 + ch];
  std::printf("frames %zu %zu %zu %zu of %zu\n", picks[0], picks[1], picks[2], picks[3], n);
  write_png_file(d + "/objectnav_frames.png", strip.width, strip.height, 3, strip.rgb.data());
}

}  // namespace
}  // namespace ember
