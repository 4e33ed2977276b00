#include "envs/tabletop/tasks/vocabulary.h"

#include <cctype>
#include <unordered_map>

namespace ember::tabletop {

namespace {

std::vector<std::string> build_vocabulary() {
  // Append only: ids are part of every saved dataset and checkpoint.
  std::vector<std::string> words = {
      "<pad>", "<unk>",
      // punctuation
      ".", ",", ":",
      // the eleven colors, in palette order
      "blue", "red", "green", "orange", "yellow", "purple", "pink", "cyan", "brown", "white", "gray",
      // objects and sizes
      "block", "blocks", "bowl", "bowls", "zone", "zones", "bigger", "smaller",
      // places
      "top", "bottom", "left", "right", "area", "center", "middle",
      // instruction templates and step instructions
      "pick", "up", "the", "and", "place", "it", "on", "put", "in", "with", "matching", "mismatched", "colors",
      "color", "stack", "all", "over", "of", "same", "an", "even", "number", "size", "alternate", "move", "to",
      "together", "a", "build", "pyramid", "at",
      // captions
      "table", "there", "is", "are", "their", "its", "they",
  };
  for (int n = 0; n <= 99; ++n) words.push_back(std::to_string(n));
  // scene layout (caption.h scene_layout)
  for (const char* w : {"outside", "workspace"}) words.push_back(w);
  return words;
}

const std::unordered_map<std::string, int32_t>& word_ids() {
  static const std::unordered_map<std::string, int32_t> ids = [] {
    std::unordered_map<std::string, int32_t> m;
    const auto& words = vocabulary();
    for (size_t i = 0; i < words.size(); ++i) m.emplace(words[i], static_cast<int32_t>(i));
    return m;
  }();
  return ids;
}

bool is_punctuation(char c) { return c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?'; }

}  // namespace

const std::vector<std::string>& vocabulary() {
  static const std::vector<std::string> words = build_vocabulary();
  return words;
}

int vocabulary_size() { return static_cast<int>(vocabulary().size()); }

int32_t token_id(const std::string& word) {
  const auto& ids = word_ids();
  const auto it = ids.find(word);
  return it == ids.end() ? kUnknownToken : it->second;
}

std::vector<int32_t> tokenize(const std::string& text) {
  std::vector<int32_t> out;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) out.push_back(token_id(word));
    word.clear();
  };
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else if (is_punctuation(c)) {
      flush();
      out.push_back(token_id(std::string(1, c)));
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  flush();
  return out;
}

int tokenize(const std::string& text, int32_t* out, int max_tokens) {
  const std::vector<int32_t> tokens = tokenize(text);
  for (int i = 0; i < max_tokens; ++i)
    out[i] = i < static_cast<int>(tokens.size()) ? tokens[static_cast<size_t>(i)] : kPadToken;
  return static_cast<int>(tokens.size());
}

}  // namespace ember::tabletop
