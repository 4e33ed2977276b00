// File: agents/pretrain/pretrained_encoder.h
//
// The file format of a pretrained image encoder, and loading it into a
// policy. An `encoder_pretrain` run (encoder_pretrain_agent.h) writes its CNN
// at the start of its checkpoint's agent section; a visual PPO agent with
// `encoder_checkpoint: FILE` reads the CNN from any such checkpoint and keeps
// it frozen. The section records the layer widths and the frame size it was
// trained for, so a mismatch is refused by name instead of failing inside
// LibTorch.
//
// Example:
//   write_encoder_section(out, encoder, {16, 32, 32}, 64, 64);           // in the pretrainer's save()
//   load_pretrained_encoder("runs/pretrain/checkpoints/latest.ckpt", {16, 32, 32}, 64, 64, encoder);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "models/conv_encoder.h"

namespace ember {

constexpr const char* kEncoderSectionTag = "encoder_pretrain/1";

void write_encoder_section(std::ostream& out, const ConvEncoder& encoder, const std::vector<int64_t>& channels,
                           int64_t height, int64_t width);

// Reads a section written by write_encoder_section into `encoder`, which must
// have been built with `channels` for height x width frames. Throws
// std::runtime_error describing a foreign tag or a shape mismatch.
void read_encoder_section(std::istream& in, ConvEncoder& encoder, const std::vector<int64_t>& channels,
                          int64_t height, int64_t width);

// Opens the checkpoint at `path` and reads its encoder into `encoder`.
// Throws std::invalid_argument starting "agent.encoder_checkpoint: " and
// naming the file when it is missing, truncated, not a checkpoint, not an
// encoder pretraining checkpoint, or of other layer widths or frame size.
void load_pretrained_encoder(const std::string& path, const std::vector<int64_t>& channels, int64_t height,
                             int64_t width, ConvEncoder& encoder);

}  // namespace ember
