// Tests of the language-conditioned Transporter imitation learner
// (agents/imitation/, models/transporter.h): label geometry, the
// augmentation moving maps and labels together, the word vocabulary, bad
// demonstration folders and checkpoints, and a smoke test that learns in a
// few hundred steps to pick the only block on an otherwise empty table and
// to tell two blocks apart by the instruction's color word.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include <unistd.h>

#include <torch/torch.h>

#include "agents/imitation/pick_place_demos.h"
#include "agents/imitation/se2_transform.h"
#include "agents/imitation/transporter_actor.h"
#include "agents/imitation/transporter_learner.h"
#include "agents/imitation/word_vocabulary.h"
#include "core/demonstrations.h"
#include "core/env_spec.h"
#include "core/rng.h"
#include "models/se2_warp.h"
#include "models/transporter.h"

namespace ember {
namespace {

namespace fs = std::filesystem;

constexpr int kRows = 40, kCols = 20;  // a tabletop map at downsample 8

// The tabletop layout at downsample 8: maps over x in [0.25, 0.75], y in [-0.5, 0.5].
EnvSpec table_spec(int rows = kRows, int cols = kCols) {
  EnvSpec s;
  s.id = "tabletop";
  s.observation = {{"rgb", Space::box_u8({rows, cols, 3})}, {"height", Space::box({rows, cols}, 0.0f, 1.0f)}};
  const float pi = static_cast<float>(M_PI);
  s.action = Space::box({6}, {0.25f, -0.5f, -pi, 0.25f, -0.5f, -pi}, {0.75f, 0.5f, pi, 0.75f, 0.5f, pi});
  return s;
}

struct Block {
  int row, col;
  uint8_t r, g, b;
};

// An empty table with 3 x 3-pixel blocks, 4 cm tall.
void draw(const std::vector<Block>& blocks, std::vector<uint8_t>& rgb, std::vector<float>& height) {
  rgb.assign(kRows * kCols * 3, 40);
  height.assign(kRows * kCols, 0.0f);
  for (const Block& b : blocks)
    for (int r = b.row - 1; r <= b.row + 1; ++r)
      for (int c = b.col - 1; c <= b.col + 1; ++c) {
        const size_t p = static_cast<size_t>(r * kCols + c);
        rgb[p * 3] = b.r;
        rgb[p * 3 + 1] = b.g;
        rgb[p * 3 + 2] = b.b;
        height[p] = 0.04f;
      }
}

// One-step demonstration: pick the block `target` of `blocks`, place it at a fixed spot.
DemoEpisode demo(const std::vector<Block>& blocks, int target, const std::string& instruction) {
  const MapGeometry g = MapGeometry::from_spec(table_spec());
  DemoEpisode e;
  e.env_id = "tabletop";
  e.description = instruction;
  e.steps = 1;
  std::vector<uint8_t> rgb;
  std::vector<float> height;
  draw(blocks, rgb, height);
  DemoField color{"rgb", DType::kUInt8, {1, kRows, kCols, 3}, {}};
  DemoField z{"height", DType::kFloat32, {1, kRows, kCols}, {}};
  for (int t = 0; t < 2; ++t) {
    color.data.insert(color.data.end(), rgb.begin(), rgb.end());
    const auto* bytes = reinterpret_cast<const uint8_t*>(height.data());
    z.data.insert(z.data.end(), bytes, bytes + height.size() * sizeof(float));
  }
  e.fields = {color, z};
  e.discrete_actions = false;
  e.action_numel = 6;
  const auto [px, py] = g.to_xy(blocks[target].row, blocks[target].col);
  const auto [qx, qy] = g.to_xy(30, 10);
  e.continuous = {static_cast<float>(px), static_cast<float>(py), 0.0f, static_cast<float>(qx), static_cast<float>(qy), 0.0f};
  e.rewards = {1.0f};
  e.step_instructions = {instruction};
  e.terminated = true;
  return e;
}

class TransporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ember_transporter_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string folder(const std::string& name, const std::vector<DemoEpisode>& episodes) {
    const fs::path f = dir_ / name;
    fs::create_directories(f);
    for (size_t i = 0; i < episodes.size(); ++i)
      write_demo_episode((f / ("episode_" + std::to_string(100000 + i) + ".demo")).string(), episodes[i]);
    return f.string();
  }
  static TransporterConfig small_config(const std::string& demos) {
    TransporterConfig c;
    c.demos = demos;
    c.widths = {8, 16, 16, 16};
    c.text_dim = 32;  // 16 per direction of the bidirectional encoder
    c.rotations = 4;
    c.crop = 8;
    c.lr = 2e-3;
    c.batch_size = 4;
    c.max_tokens = 8;
    c.augment = false;
    return c;
  }
  fs::path dir_;
};

TEST(TransporterLabels, RotationBinsRoundTripAndFollowRavensSign) {
  for (int bin = 0; bin < 18; ++bin) EXPECT_EQ(rotation_bin(0.0, place_yaw_of_bin(bin, 18), 18), bin);
  // turning the block by +20 degrees is bin -1 = 17 (Ravens: theta = -(place - pick))
  EXPECT_EQ(rotation_bin(0.0, 20.0 * M_PI / 180.0, 18), 17);
  EXPECT_EQ(rotation_bin(0.3, 0.3, 18), 0);
  for (int bin = 0; bin < 18; ++bin) {
    EXPECT_GE(place_yaw_of_bin(bin, 18), -M_PI - 1e-9);
    EXPECT_LE(place_yaw_of_bin(bin, 18), M_PI + 1e-9);
  }
}

// The place head's rotation bins and the labels must mean the same turn: the
// crop at a demonstration's label bin shows the picked object turned as the
// expert turned it, so that it looks like the target. A mark 3 pixels along
// +x (columns) of the pick, turned by +90 degrees (x to y), lands 3 pixels
// along +y (rows).
TEST(TransporterLabels, CropAtTheLabelBinShowsTheObjectTurnedAsTheExpertTurnsIt) {
  const int64_t rotations = 4, crop = 8;
  auto maps = torch::zeros({1, 1, 20, 20});
  maps[0][0][10][13] = 1.0;  // pick pixel (10, 10), mark at +x
  const auto rows = torch::tensor({int64_t{10}}), cols = torch::tensor({int64_t{10}});
  const at::Tensor crops = turned_crops(maps, rows, cols, rotations, crop);
  ASSERT_EQ(crops.sizes(), (std::vector<int64_t>{rotations, 1, crop, crop}));
  auto mark_of = [&](int bin) {
    const int64_t at = crops[bin][0].flatten().argmax().item<int64_t>();
    EXPECT_NEAR(crops[bin][0].max().item<float>(), 1.0, 1e-4) << "bin " << bin;
    return std::pair<int64_t, int64_t>{at / crop - crop / 2, at % crop - crop / 2};
  };
  EXPECT_EQ(mark_of(0), (std::pair<int64_t, int64_t>{0, 3}));
  const int label = rotation_bin(/*pick yaw=*/0.0, /*place yaw=*/M_PI / 2, static_cast<int>(rotations));
  EXPECT_EQ(mark_of(label), (std::pair<int64_t, int64_t>{3, 0}));  // +y: turned by +90 degrees
  EXPECT_NEAR(place_yaw_of_bin(label, static_cast<int>(rotations)), M_PI / 2, 1e-9);
}

TEST(TransporterLabels, MapGeometryRoundTripsPixels) {
  const MapGeometry g = MapGeometry::from_spec(table_spec(80, 40));
  EXPECT_NEAR(g.pixel_x, 0.0125, 1e-8);  // the action box's bounds are floats
  EXPECT_NEAR(g.pixel_y, 0.0125, 1e-8);
  for (int row : {0, 17, 79})
    for (int col : {0, 23, 39}) {
      const auto [x, y] = g.to_xy(row, col);
      EXPECT_EQ(g.to_pixel(x, y), std::make_pair(row, col));
    }
  EnvSpec discrete = table_spec();
  discrete.action = Space::discrete(4);
  EXPECT_NE(pick_place_compatibility(discrete).find("Box(6)"), std::string::npos);
}

TEST(TransporterAugment, MapsAndLabelsMoveTogether) {
  Rng rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    const int row = 5 + static_cast<int>(rng.uniform_int(30)), col = 4 + static_cast<int>(rng.uniform_int(12));
    const Se2Transform t = sample_se2_transform(rng, kRows, kCols, 0.8, 3.0, {{row, col}});
    const auto [r, c] = t.apply(kRows, kCols, row, col);
    ASSERT_TRUE(r >= 0 && r < kRows && c >= 0 && c < kCols);
    auto map = torch::zeros({1, 1, kRows, kCols});
    map[0][0][row][col] = 1.0f;
    auto warped = se2_warp(map, torch::tensor({static_cast<float>(t.angle)}),
                           torch::tensor({static_cast<float>(t.shift_rows)}),
                           torch::tensor({static_cast<float>(t.shift_cols)}));
    const int64_t best = warped.flatten().argmax().item<int64_t>();
    EXPECT_LE(std::abs(best / kCols - r), 1) << "trial " << trial;
    EXPECT_LE(std::abs(best % kCols - c), 1) << "trial " << trial;
  }
  // the identity leaves a map unchanged
  auto map = torch::rand({2, 4, kRows, kCols});
  auto same = se2_warp(map, torch::zeros({2}), torch::zeros({2}), torch::zeros({2}));
  EXPECT_TRUE(torch::allclose(map, same, 1e-5, 1e-5));
}

TEST(TransporterVocabulary, EncodesSavesAndLoads) {
  WordVocabulary v;
  v.add("Pick up the red block and place it on the blue bowl.");
  EXPECT_EQ(v.size(), 2 + 11);  // padding, unknown and 11 distinct words ("the" twice)
  const std::vector<int32_t> ids = v.encode("pick up the GREEN block", 6);
  ASSERT_EQ(ids.size(), 6u);
  EXPECT_EQ(ids[3], WordVocabulary::kUnknown);
  EXPECT_EQ(ids[5], WordVocabulary::kPadding);
  EXPECT_NE(ids[0], WordVocabulary::kUnknown);
  std::stringstream buffer;
  v.save(buffer);
  WordVocabulary back;
  back.load(buffer);
  EXPECT_EQ(back.encode("place it on the blue bowl", 8), v.encode("place it on the blue bowl", 8));
}

TEST_F(TransporterTest, RefusesMissingEmptyAndForeignDemos) {
  const EnvSpec spec = table_spec();
  auto message = [&](const std::vector<std::string>& folders, const EnvSpec& s) -> std::string {
    try {
      PickPlaceDemos demos(folders, 10, s, 4);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(message({(dir_ / "nowhere").string()}, spec).find("agent.demos: no demonstrations folder"),
            std::string::npos);
  fs::create_directories(dir_ / "empty");
  EXPECT_NE(message({(dir_ / "empty").string()}, spec).find("holds no .demo files"), std::string::npos);
  const std::string good = folder("good", {demo({{10, 10, 200, 40, 40}}, 0, "pick up the red block")});
  const std::string small = message({good}, table_spec(20, 10));
  EXPECT_NE(small.find("another downsample"), std::string::npos) << small;
  EnvSpec other = spec;
  other.id = "objectnav";
  EXPECT_NE(message({good}, other).find("recorded in env 'tabletop'"), std::string::npos);
  // a truncated file names itself
  const fs::path broken = dir_ / "broken";
  fs::create_directories(broken);
  fs::copy_file(fs::path(good) / "episode_100000.demo", broken / "episode_0.demo");
  fs::resize_file(broken / "episode_0.demo", 100);
  EXPECT_NE(message({broken.string()}, spec).find("episode_0.demo"), std::string::npos);
}

TEST_F(TransporterTest, RefusesAMissingOrForeignActorCheckpoint) {
  try {
    make_transporter_actor((dir_ / "none.ckpt").string(), table_spec());
    FAIL() << "a missing checkpoint was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("agent.actor_checkpoint: cannot use"), std::string::npos) << e.what();
  }
}

// A few hundred gradient steps: the pick lands on the only block of unseen
// tables, and with two blocks on the one the instruction names.
TEST_F(TransporterTest, SmokeLearnsToPickTheNamedBlock) {
  Rng scenes(11);
  auto random_block = [&](uint8_t r, uint8_t g, uint8_t b) {
    return Block{2 + static_cast<int>(scenes.uniform_int(kRows - 4)), 2 + static_cast<int>(scenes.uniform_int(kCols - 4)),
                 r, g, b};
  };
  auto two_blocks = [&]() {
    Block red = random_block(220, 30, 30), blue = random_block(30, 30, 220);
    while (std::abs(red.row - blue.row) < 4 && std::abs(red.col - blue.col) < 4) blue = random_block(30, 30, 220);
    return std::vector<Block>{red, blue};
  };
  std::vector<DemoEpisode> episodes;
  for (int i = 0; i < 40; ++i) {
    const std::vector<Block> blocks = two_blocks();
    const int target = i % 2;
    episodes.push_back(demo(blocks, target, target == 0 ? "pick up the red block" : "pick up the blue block"));
  }
  const EnvSpec spec = table_spec();
  const TransporterConfig config = small_config(folder("two", episodes));
  PickPlaceDemos demos(config.demo_folders(), config.max_demos, spec, static_cast<int>(config.rotations));
  WordVocabulary vocabulary;
  for (const PickPlaceSample& s : demos.samples()) vocabulary.add(s.instruction);
  TransporterLearner learner(config, demos.geometry(), vocabulary, 3);
  Rng rng(5);
  const Metrics first = learner.train(demos, 10, rng);
  const Metrics last = learner.train(demos, 290, rng);
  EXPECT_LT(last[0].second, 0.5 * first[0].second) << "pick loss did not fall";
  EXPECT_LT(last[1].second, first[1].second) << "place loss did not fall";

  const MapGeometry& g = demos.geometry();
  int hits = 0, trials = 20;
  for (int i = 0; i < trials; ++i) {
    const std::vector<Block> blocks = two_blocks();
    const int target = i % 2;
    std::vector<uint8_t> rgb;
    std::vector<float> height;
    draw(blocks, rgb, height);
    float action[6];
    learner.act({{rgb.data(), height.data(), target == 0 ? "pick up the red block" : "pick up the blue block"}}, action);
    const auto [row, col] = g.to_pixel(action[0], action[1]);
    hits += std::abs(row - blocks[target].row) <= 1 && std::abs(col - blocks[target].col) <= 1;
    EXPECT_TRUE(std::isfinite(action[5]));
  }
  EXPECT_GE(hits, 16) << "picked the named block on " << hits << " of " << trials << " unseen tables";

  // the model section alone rebuilds the same policy
  std::stringstream model;
  learner.write_model(model);
  auto copy = TransporterLearner::read_model(model, TransporterConfig{}, g);
  std::vector<uint8_t> rgb;
  std::vector<float> height;
  draw(two_blocks(), rgb, height);
  float a[6], b[6];
  learner.act({{rgb.data(), height.data(), "pick up the blue block"}}, a);
  copy->act({{rgb.data(), height.data(), "pick up the blue block"}}, b);
  for (int k = 0; k < 6; ++k) EXPECT_FLOAT_EQ(a[k], b[k]);
}

}  // namespace
}  // namespace ember
