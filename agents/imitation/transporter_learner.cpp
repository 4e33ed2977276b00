#include "agents/imitation/transporter_learner.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include <torch/torch.h>

#include "agents/imitation/pick_place_demos.h"
#include "agents/imitation/se2_transform.h"
#include "core/binary_io.h"
#include "core/rng.h"
#include "models/init.h"
#include "models/se2_warp.h"
#include "models/transporter.h"

namespace ember {
namespace {

constexpr const char* kModelTag = "transporter_model/2";  // 2: turned image crops, bidirectional text
constexpr const char* kTrainingTag = "transporter_training/1";

TransporterOptions network_options(const TransporterConfig& c) {
  TransporterOptions o;
  o.widths = c.widths;
  o.text_dim = c.text_dim;
  o.rotations = c.rotations;
  o.crop = c.crop;
  return o;
}

// Staging buffers of one batch, so tensors come from contiguous memory.
struct Batch {
  std::vector<uint8_t> rgb;
  std::vector<float> height;
  std::vector<int64_t> tokens;
  Batch(size_t n, const MapGeometry& g, int64_t max_tokens)
      : rgb(n * g.rows * g.cols * 3), height(n * g.rows * g.cols), tokens(n * static_cast<size_t>(max_tokens)) {}
  void set(size_t i, const uint8_t* r, const float* h, const std::vector<int32_t>& ids, const MapGeometry& g) {
    const size_t px = static_cast<size_t>(g.rows) * g.cols;
    std::copy(r, r + px * 3, rgb.begin() + static_cast<std::ptrdiff_t>(i * px * 3));
    std::copy(h, h + px, height.begin() + static_cast<std::ptrdiff_t>(i * px));
    std::copy(ids.begin(), ids.end(), tokens.begin() + static_cast<std::ptrdiff_t>(i * ids.size()));
  }
  at::Tensor maps(int64_t n, const MapGeometry& g) {
    return transporter_maps(torch::from_blob(rgb.data(), {n, g.rows, g.cols, 3}, torch::kUInt8),
                            torch::from_blob(height.data(), {n, g.rows, g.cols}, torch::kFloat));
  }
  at::Tensor token_tensor(int64_t n) {
    return torch::from_blob(tokens.data(), {n, static_cast<int64_t>(tokens.size()) / n}, torch::kLong);
  }
};

}  // namespace

struct TransporterLearner::Impl {
  Transporter net{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer;
};

TransporterLearner::TransporterLearner(const TransporterConfig& config, const MapGeometry& geometry,
                                       WordVocabulary vocabulary, uint64_t init_seed)
    : impl_(std::make_unique<Impl>()), config_(config), geometry_(geometry), vocabulary_(std::move(vocabulary)) {
  for (const std::string& w : WordVocabulary::words_of(config_.fixed_frame_words)) fixed_frame_words_.insert(w);
  at::Generator gen = make_generator(init_seed);
  impl_->net = Transporter(network_options(config_), vocabulary_.size(), gen);
  impl_->optimizer = std::make_unique<torch::optim::Adam>(impl_->net->parameters(),
                                                          torch::optim::AdamOptions(config_.lr));
}

TransporterLearner::~TransporterLearner() = default;

int64_t TransporterLearner::parameter_count() const {
  int64_t n = 0;
  for (const at::Tensor& p : impl_->net->parameters()) n += p.numel();
  return n;
}

Metrics TransporterLearner::train(const PickPlaceDemos& demos, int64_t iterations, Rng& rng) {
  const MapGeometry& g = geometry_;
  const int64_t n = config_.batch_size, hw = static_cast<int64_t>(g.rows) * g.cols;
  const auto& samples = demos.samples();
  const double angle_std = config_.augment_angle_deg * M_PI / 180.0;
  const double shift_std = config_.augment_shift * std::min(g.rows, g.cols);
  Batch batch(static_cast<size_t>(n), g, config_.max_tokens);
  std::vector<float> angles(n), shift_rows(n), shift_cols(n);
  std::vector<int64_t> pick_rows(n), pick_cols(n), pick_labels(n), place_labels(n);
  double pick_loss_sum = 0, place_loss_sum = 0;
  impl_->net->train();
  for (int64_t it = 0; it < iterations; ++it) {
    bool warped = false;
    for (int64_t b = 0; b < n; ++b) {
      const PickPlaceSample& s = samples[static_cast<size_t>(rng.uniform_int(static_cast<int64_t>(samples.size())))];
      batch.set(static_cast<size_t>(b), demos.rgb(s), demos.height(s),
                vocabulary_.encode(s.instruction, static_cast<int>(config_.max_tokens)), g);
      std::pair<int, int> pick{s.pick_row, s.pick_col}, place{s.place_row, s.place_col};
      Se2Transform t;
      bool frame_words = false;
      for (const std::string& w : WordVocabulary::words_of(s.instruction)) frame_words = frame_words || fixed_frame_words_.count(w);
      if (config_.augment && !frame_words) {
        t = sample_se2_transform(rng, g.rows, g.cols, angle_std, shift_std, {pick, place});
        pick = t.apply(g.rows, g.cols, pick.first, pick.second);
        place = t.apply(g.rows, g.cols, place.first, place.second);
        warped = true;
      }
      angles[b] = static_cast<float>(t.angle);
      shift_rows[b] = static_cast<float>(t.shift_rows);
      shift_cols[b] = static_cast<float>(t.shift_cols);
      pick_rows[b] = pick.first;
      pick_cols[b] = pick.second;
      pick_labels[b] = pick.first * g.cols + pick.second;
      place_labels[b] = s.rotation * hw + place.first * g.cols + place.second;
    }
    at::Tensor maps = batch.maps(n, g);
    if (warped)
      maps = se2_warp(maps, torch::from_blob(angles.data(), {n}), torch::from_blob(shift_rows.data(), {n}),
                      torch::from_blob(shift_cols.data(), {n}));
    auto tokens = batch.token_tensor(n);
    auto rows = torch::from_blob(pick_rows.data(), {n}, torch::kLong);
    auto cols = torch::from_blob(pick_cols.data(), {n}, torch::kLong);
    auto pick_loss = torch::cross_entropy_loss(impl_->net->pick_logits(maps, tokens),
                                               torch::from_blob(pick_labels.data(), {n}, torch::kLong));
    auto place_loss = torch::cross_entropy_loss(impl_->net->place_logits(maps, tokens, rows, cols),
                                                torch::from_blob(place_labels.data(), {n}, torch::kLong));
    impl_->optimizer->zero_grad();
    (pick_loss + place_loss).backward();
    impl_->optimizer->step();
    pick_loss_sum += pick_loss.item<double>();
    place_loss_sum += place_loss.item<double>();
    ++iterations_;
  }
  const double k = static_cast<double>(std::max<int64_t>(iterations, 1));
  return {{"imitation/pick_loss", pick_loss_sum / k},
          {"imitation/place_loss", place_loss_sum / k},
          {"imitation/iterations", static_cast<double>(iterations_)}};
}

void TransporterLearner::act(const std::vector<PickPlaceQuery>& queries, float* actions) {
  if (queries.empty()) return;
  torch::NoGradGuard no_grad;
  impl_->net->eval();
  const MapGeometry& g = geometry_;
  const auto n = static_cast<int64_t>(queries.size());
  const int64_t hw = static_cast<int64_t>(g.rows) * g.cols;
  Batch batch(queries.size(), g, config_.max_tokens);
  for (size_t i = 0; i < queries.size(); ++i)
    batch.set(i, queries[i].rgb, queries[i].height,
              vocabulary_.encode(queries[i].instruction, static_cast<int>(config_.max_tokens)), g);
  auto maps = batch.maps(n, g);
  auto tokens = batch.token_tensor(n);
  auto pick = impl_->net->pick_logits(maps, tokens).argmax(1);
  auto rows = pick.div(g.cols, "floor"), cols = pick.remainder(g.cols);
  auto place = impl_->net->place_logits(maps, tokens, rows, cols).argmax(1);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t p = pick[i].item<int64_t>(), q = place[i].item<int64_t>();
    const auto [px, py] = g.to_xy(static_cast<int>(p / g.cols), static_cast<int>(p % g.cols));
    const int bin = static_cast<int>(q / hw);
    const auto [qx, qy] = g.to_xy(static_cast<int>((q % hw) / g.cols), static_cast<int>(q % g.cols));
    float* a = actions + i * 6;
    a[0] = static_cast<float>(px);
    a[1] = static_cast<float>(py);
    a[2] = 0.0f;
    a[3] = static_cast<float>(qx);
    a[4] = static_cast<float>(qy);
    a[5] = static_cast<float>(place_yaw_of_bin(bin, static_cast<int>(config_.rotations)));
  }
}

void TransporterLearner::write_model(std::ostream& out) const {
  write_string(out, kModelTag);
  write_vector(out, config_.widths);
  for (int64_t v : {config_.text_dim, config_.rotations, config_.crop, config_.max_tokens,
                    static_cast<int64_t>(geometry_.rows), static_cast<int64_t>(geometry_.cols)})
    write_pod(out, v);
  vocabulary_.save(out);
  torch::serialize::OutputArchive archive;
  impl_->net->save(archive);
  std::ostringstream weights;
  archive.save_to(weights);
  write_string(out, weights.str());
}

std::unique_ptr<TransporterLearner> TransporterLearner::read_model(std::istream& in, TransporterConfig config,
                                                                   const MapGeometry& geometry) {
  const std::string tag = read_string(in);
  if (tag != kModelTag) throw std::runtime_error("its agent state is '" + tag + "', not a Transporter (" + kModelTag + ")");
  config.widths.assign(4, 0);  // LangFcn's four widths
  read_vector(in, config.widths);
  config.text_dim = read_pod<int64_t>(in);
  config.rotations = read_pod<int64_t>(in);
  config.crop = read_pod<int64_t>(in);
  config.max_tokens = read_pod<int64_t>(in);
  const auto rows = read_pod<int64_t>(in), cols = read_pod<int64_t>(in);
  if (rows != geometry.rows || cols != geometry.cols)
    throw std::runtime_error("it holds a Transporter for " + std::to_string(rows) + "x" + std::to_string(cols) +
                             " maps; the env's are " + std::to_string(geometry.rows) + "x" +
                             std::to_string(geometry.cols) + " (another downsample?)");
  WordVocabulary vocabulary;
  vocabulary.load(in);
  auto learner = std::make_unique<TransporterLearner>(config, geometry, std::move(vocabulary), 0);
  std::istringstream weights(read_string(in));
  torch::serialize::InputArchive archive;
  archive.load_from(weights);
  learner->impl_->net->load(archive);
  return learner;
}

void TransporterLearner::write_training(std::ostream& out) const {
  write_string(out, kTrainingTag);
  write_pod(out, iterations_);
  torch::serialize::OutputArchive archive;
  impl_->optimizer->save(archive);
  std::ostringstream state;
  archive.save_to(state);
  write_string(out, state.str());
}

void TransporterLearner::read_training(std::istream& in) {
  if (read_string(in) != kTrainingTag) throw std::runtime_error("its Transporter training state is missing");
  iterations_ = read_pod<int64_t>(in);
  std::istringstream state(read_string(in));
  torch::serialize::InputArchive archive;
  archive.load_from(state);
  impl_->optimizer->load(archive);
}

}  // namespace ember
