#include "agents/imitation/transporter_config.h"

#include <sstream>
#include <stdexcept>
#include <string>

namespace ember {

const ParamTable<TransporterConfig>& TransporterConfig::param_table() {
  using C = TransporterConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .string("demos", &C::demos, {}, "comma-separated folders written by `ember demos` to imitate")
          .integer("max_demos", &C::max_demos, 1, 1 << 24, "episodes read from each folder (file-name order)")
          .int_list("widths", &C::widths, 1, 1024, "the 4 widths of each FCN (full, 1/2, 1/4, 1/8 resolution)")
          .integer("text_dim", &C::text_dim, 1, 4096, "size of the sentence vector (word embedding and GRU)")
          .integer("rotations", &C::rotations, 1, 72, "place angle bins over 360 degrees")
          .integer("crop", &C::crop, 2, 256, "side of the query crop around the pick, pixels (even)")
          .integer("max_tokens", &C::max_tokens, 1, 256, "words of a step instruction read (the rest cut)")
          .real("lr", &C::lr, 0.0, 1.0, "Adam learning rate")
          .integer("batch_size", &C::batch_size, 1, 4096, "demonstration steps per gradient step")
          .integer("iterations_per_update", &C::iterations_per_update, 1, 1 << 20,
                   "gradient steps per update (one update per collected env step)")
          .boolean("augment", &C::augment, "random rigid transforms of maps and labels (Transporter's)")
          .real("augment_angle_deg", &C::augment_angle_deg, 0.0, 360.0, "std of the augmentation's rotation")
          .real("augment_shift", &C::augment_shift, 0.0, 1.0,
                "std of the augmentation's shift, as a share of the map's shorter side")
          .string("fixed_frame_words", &C::fixed_frame_words, {},
                  "space-separated words; a step instruction with one of them is never augmented");
  return table;
}

TransporterConfig TransporterConfig::from_params(const Params& params) {
  TransporterConfig c = param_table().fill(params);
  if (c.widths.size() != 4)
    throw std::invalid_argument("agent.widths needs 4 entries (full, 1/2, 1/4, 1/8 resolution), got " +
                                std::to_string(c.widths.size()));
  if (c.crop % 2 != 0) throw std::invalid_argument("agent.crop must be even, got " + std::to_string(c.crop));
  if (c.demo_folders().empty())
    throw std::invalid_argument("agent.demos: name at least one folder written by `ember demos`");
  return c;
}

std::vector<std::string> TransporterConfig::demo_folders() const {
  std::vector<std::string> folders;
  std::stringstream in(demos);
  std::string folder;
  while (std::getline(in, folder, ',')) {
    const size_t first = folder.find_first_not_of(' '), last = folder.find_last_not_of(' ');
    if (first != std::string::npos) folders.push_back(folder.substr(first, last - first + 1));
  }
  return folders;
}

std::vector<ParamSpec> transporter_param_specs() { return TransporterConfig::param_table().specs(); }

}  // namespace ember
