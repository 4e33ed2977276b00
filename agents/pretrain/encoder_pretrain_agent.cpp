#include "agents/pretrain/encoder_pretrain_agent.h"

#include <algorithm>
#include <memory>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <torch/torch.h>

#include "agents/pretrain/encoder_pretrain_config.h"
#include "agents/pretrain/pretrained_encoder.h"
#include "agents/scripted/oracle_agent.h"
#include "core/agent.h"
#include "core/binary_io.h"
#include "core/registry.h"
#include "core/rng.h"
#include "core/rollout.h"
#include "core/vector_env.h"
#include "models/conv_encoder.h"
#include "models/init.h"

namespace ember {
namespace {

constexpr const char* kLearnerTag = "encoder_pretrain_learner/1";

// The env's expert with probability expert_prob, else a uniform random
// action. The expert is asked every step (it may keep per-episode state),
// then overridden.
class ExpertOrRandomPolicy : public Policy {
 public:
  ExpertOrRandomPolicy(double expert_prob, Rng& rng) : expert_prob_(expert_prob), rng_(rng) {}
  void act(VectorEnv& envs) override {
    expert_.act(envs);
    const int64_t n = envs.spec().action.nvec[0];
    for (int i = 0; i < envs.num_envs(); ++i)
      if (rng_.uniform() >= expert_prob_) envs.discrete_actions()[i] = static_cast<int32_t>(rng_.uniform_int(n));
  }

 private:
  OraclePolicy expert_;
  double expert_prob_;
  Rng& rng_;
};

class EncoderPretrainAgent : public Agent, public Sink {
 public:
  explicit EncoderPretrainAgent(const AgentContext& ctx)
      : config_(EncoderPretrainConfig::from_params(ctx.params)),
        rng_(derive_seed(ctx.seed, "encoder_pretrain")),
        policy_(config_.expert_prob, rng_),
        rows_(ctx.num_envs) {
    const std::string reason = encoder_pretrain_compatibility(ctx.spec, config_.label_field);
    if (!reason.empty()) throw std::invalid_argument("agent encoder_pretrain: " + reason);
    rgb_field_ = ctx.spec.field_index("rgb");
    label_field_ = ctx.spec.field_index(config_.label_field);
    height_ = ctx.spec.observation[rgb_field_].space.shape[0];
    width_ = ctx.spec.observation[rgb_field_].space.shape[1];
    labels_ = ctx.spec.observation[label_field_].space.numel();
    at::Generator gen = make_generator(derive_seed(ctx.seed, "encoder_pretrain/init"));
    ConvEncoderOptions options;
    options.channels = config_.conv_channels;
    encoder_ = ConvEncoder(options, height_, width_, gen);
    head_ = torch::nn::Linear(encoder_->out_channels() * encoder_->grid_height() * encoder_->grid_width(), labels_);
    default_init_(*head_, gen);
    std::vector<at::Tensor> params = encoder_->parameters();
    for (const at::Tensor& p : head_->parameters()) params.push_back(p);
    optimizer_ = std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(config_.lr));
    const auto TB = static_cast<size_t>(config_.rollout_length * rows_);
    frames_.resize(TB * static_cast<size_t>(height_ * width_ * 3));
    targets_.resize(TB * static_cast<size_t>(labels_));
  }

  Policy& behaviour_policy() override { return policy_; }
  Policy& greedy_policy() override { return policy_; }
  Sink* sink() override { return this; }
  int64_t rollout_length() const override { return config_.rollout_length; }

  // The frame the policy acted on and its labels, into rollout slot t_.
  void before_step(const VectorEnv& envs) override {
    if (t_ >= config_.rollout_length) return;  // more steps than a rollout: keep the first ones
    const size_t frame = static_cast<size_t>(height_ * width_ * 3), rows = static_cast<size_t>(rows_);
    const auto* rgb = static_cast<const uint8_t*>(envs.field(rgb_field_));
    std::copy(rgb, rgb + rows * frame, frames_.begin() + static_cast<std::ptrdiff_t>(t_ * rows * frame));
    const float* y = envs.field_as<float>(label_field_);
    const size_t L = static_cast<size_t>(labels_);
    std::copy(y, y + rows * L, targets_.begin() + static_cast<std::ptrdiff_t>(t_ * rows * L));
    ++t_;
  }

  Metrics update(const TrainProgress&) override {
    const int64_t N = t_ * rows_;
    t_ = 0;
    if (N == 0) return {};
    auto frames = frames_to_float(torch::from_blob(frames_.data(), {N, height_, width_, 3}, torch::kUInt8));
    auto targets = torch::from_blob(targets_.data(), {N, labels_});
    Metrics metrics = held_out_metrics(frames, targets);
    const int64_t per_mb = std::max<int64_t>(1, N / config_.minibatches);
    double loss_sum = 0;
    int64_t batches = 0;
    std::vector<int64_t> order(static_cast<size_t>(N));
    for (int64_t epoch = 0; epoch < config_.epochs; ++epoch) {
      std::iota(order.begin(), order.end(), 0);
      for (int64_t i = N - 1; i > 0; --i) std::swap(order[i], order[rng_.uniform_int(i + 1)]);
      for (int64_t start = 0; start + per_mb <= N; start += per_mb) {
        auto index = torch::from_blob(order.data() + start, {per_mb}, torch::kLong);
        auto loss = torch::binary_cross_entropy_with_logits(logits(frames.index_select(0, index)),
                                                            targets.index_select(0, index));
        optimizer_->zero_grad();
        loss.backward();
        optimizer_->step();
        loss_sum += loss.item<double>();
        ++batches;
      }
    }
    ++updates_;
    metrics.emplace_back("pretrain/loss", loss_sum / static_cast<double>(std::max<int64_t>(batches, 1)));
    return metrics;
  }

  void save(std::ostream& out) const override {
    write_encoder_section(out, encoder_, config_.conv_channels, height_, width_);
    write_string(out, kLearnerTag);
    write_pod(out, updates_);
    write_rng(out, rng_);
    torch::serialize::OutputArchive archive;
    head_->save(archive);
    optimizer_->save(archive);
    std::ostringstream weights;
    archive.save_to(weights);
    write_string(out, weights.str());
  }

  void load(std::istream& in) override {
    read_encoder_section(in, encoder_, config_.conv_channels, height_, width_);
    if (read_string(in) != kLearnerTag) throw std::runtime_error("not an encoder pretraining checkpoint");
    updates_ = read_pod<int64_t>(in);
    read_rng(in, rng_);
    std::istringstream weights(read_string(in));
    torch::serialize::InputArchive archive;
    archive.load_from(weights);
    head_->load(archive);
    optimizer_->load(archive);
  }

 private:
  at::Tensor logits(const at::Tensor& frames) { return head_->forward(encoder_->forward(frames).flatten(1)); }

  // Loss, per-label accuracy and micro F1 of the current weights on frames
  // they have not been trained on yet.
  Metrics held_out_metrics(const at::Tensor& frames, const at::Tensor& targets) {
    torch::NoGradGuard no_grad;
    auto z = logits(frames);
    const double loss = torch::binary_cross_entropy_with_logits(z, targets).item<double>();
    auto predicted = z.gt(0).to(torch::kFloat);
    const double accuracy = predicted.eq(targets).to(torch::kFloat).mean().item<double>();
    const double tp = (predicted * targets).sum().item<double>();
    const double fp = (predicted * (1 - targets)).sum().item<double>();
    const double fn = ((1 - predicted) * targets).sum().item<double>();
    const double f1 = tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0.0;
    return {{"pretrain/held_out_loss", loss},
            {"pretrain/held_out_accuracy", accuracy},
            {"pretrain/held_out_f1", f1},
            {"pretrain/positive_rate", targets.mean().item<double>()}};
  }

  EncoderPretrainConfig config_;
  Rng rng_;
  ExpertOrRandomPolicy policy_;
  int64_t rows_;
  int rgb_field_ = 0, label_field_ = 0;
  int64_t height_ = 0, width_ = 0, labels_ = 0, t_ = 0, updates_ = 0;
  ConvEncoder encoder_{nullptr};
  torch::nn::Linear head_{nullptr};
  std::unique_ptr<torch::optim::Adam> optimizer_;
  std::vector<uint8_t> frames_;
  std::vector<float> targets_;
};

}  // namespace

std::string encoder_pretrain_compatibility(const EnvSpec& spec, const std::string& label_field) {
  const int rgb = spec.field_index("rgb"), label = spec.field_index(label_field);
  if (rgb < 0 || spec.observation[rgb].space.dtype != DType::kUInt8 ||
      spec.observation[rgb].space.shape.size() != 3 || spec.observation[rgb].space.shape[2] != 3)
    return "env '" + spec.id + "' has no u8 [H, W, 3] 'rgb' field";
  if (label < 0 || spec.observation[label].space.dtype != DType::kFloat32)
    return "env '" + spec.id + "' has no f32 '" + label_field + "' label field (objectnav: set env.visible: true)";
  if (spec.num_agents != 1) return "env '" + spec.id + "' has several agents";
  if (spec.action.kind != SpaceKind::kDiscrete) return "env '" + spec.id + "' does not have Discrete actions";
  if (!spec.has_expert) return "env '" + spec.id + "' has no scripted expert to act with";
  return {};
}

void register_encoder_pretrain(Registry& registry) {
  registry.add_agent({"encoder_pretrain",
                      "pretrains visual_ppo's CNN by predicting which categories are in view (objectnav "
                      "visible: true), acting with the env's expert; its checkpoint is an encoder_checkpoint",
                      encoder_pretrain_param_specs(),
                      [](const AgentContext& ctx) -> std::unique_ptr<Agent> {
                        return std::make_unique<EncoderPretrainAgent>(ctx);
                      },
                      [](const EnvSpec& spec) { return encoder_pretrain_compatibility(spec); }});
}

}  // namespace ember
