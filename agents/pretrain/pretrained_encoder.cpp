#include "agents/pretrain/pretrained_encoder.h"

#include <sstream>
#include <stdexcept>

#include <torch/torch.h>

#include "core/binary_io.h"
#include "core/checkpoint.h"

namespace ember {
namespace {

std::string shape_text(const std::vector<int64_t>& channels, int64_t height, int64_t width) {
  std::string s = "conv_channels [";
  for (size_t i = 0; i < channels.size(); ++i) s += (i ? ", " : "") + std::to_string(channels[i]);
  return s + "] for " + std::to_string(width) + "x" + std::to_string(height) + " frames";
}

}  // namespace

void write_encoder_section(std::ostream& out, const ConvEncoder& encoder, const std::vector<int64_t>& channels,
                           int64_t height, int64_t width) {
  write_string(out, kEncoderSectionTag);
  write_pod(out, static_cast<uint64_t>(channels.size()));
  for (int64_t c : channels) write_pod(out, c);
  write_pod(out, height);
  write_pod(out, width);
  torch::serialize::OutputArchive archive;
  encoder->save(archive);
  std::ostringstream weights;
  archive.save_to(weights);
  write_string(out, weights.str());
}

void read_encoder_section(std::istream& in, ConvEncoder& encoder, const std::vector<int64_t>& channels,
                          int64_t height, int64_t width) {
  const std::string tag = read_string(in);
  if (tag != kEncoderSectionTag)
    throw std::runtime_error("its agent state is '" + tag + "', not an encoder pretraining checkpoint (" +
                             kEncoderSectionTag + ")");
  const auto layers = read_pod<uint64_t>(in);
  if (layers == 0 || layers > 64) throw std::runtime_error("its encoder record is corrupt");
  std::vector<int64_t> file_channels(layers);
  for (int64_t& c : file_channels) c = read_pod<int64_t>(in);
  const auto file_height = read_pod<int64_t>(in);
  const auto file_width = read_pod<int64_t>(in);
  if (file_channels != channels || file_height != height || file_width != width)
    throw std::runtime_error("it holds a CNN with " + shape_text(file_channels, file_height, file_width) +
                             "; this agent has " + shape_text(channels, height, width));
  std::istringstream weights(read_string(in));
  torch::serialize::InputArchive archive;
  archive.load_from(weights);
  encoder->load(archive);
}

void load_pretrained_encoder(const std::string& path, const std::vector<int64_t>& channels, int64_t height,
                             int64_t width, ConvEncoder& encoder) {
  try {
    CheckpointReader reader(path);
    reader.read_agent([&](std::istream& in) { read_encoder_section(in, encoder, channels, height, width); });
  } catch (const std::exception& e) {
    throw std::invalid_argument("agent.encoder_checkpoint: cannot use '" + path + "': " + e.what());
  }
}

}  // namespace ember
