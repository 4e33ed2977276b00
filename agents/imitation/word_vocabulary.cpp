#include "agents/imitation/word_vocabulary.h"

#include <cctype>
#include <stdexcept>

#include "core/binary_io.h"

namespace ember {

std::vector<std::string> WordVocabulary::words_of(const std::string& sentence) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : sentence) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

void WordVocabulary::add(const std::string& sentence) {
  for (const std::string& w : words_of(sentence)) {
    if (ids_.count(w)) continue;
    ids_[w] = static_cast<int32_t>(words_.size()) + 2;
    words_.push_back(w);
  }
}

std::vector<int32_t> WordVocabulary::encode(const std::string& sentence, int max_tokens) const {
  std::vector<int32_t> ids(static_cast<size_t>(max_tokens), kPadding);
  const std::vector<std::string> words = words_of(sentence);
  for (size_t i = 0; i < words.size() && i < ids.size(); ++i) {
    const auto it = ids_.find(words[i]);
    ids[i] = it == ids_.end() ? kUnknown : it->second;
  }
  return ids;
}

void WordVocabulary::save(std::ostream& out) const {
  write_pod(out, static_cast<uint64_t>(words_.size()));
  for (const std::string& w : words_) write_string(out, w);
}

void WordVocabulary::load(std::istream& in) {
  const auto n = read_pod<uint64_t>(in);
  if (n > (1u << 20)) throw std::runtime_error("its word vocabulary is corrupt");
  words_.clear();
  ids_.clear();
  for (uint64_t i = 0; i < n; ++i) {
    std::string w = read_string(in);
    if (ids_.count(w)) throw std::runtime_error("its word vocabulary repeats '" + w + "'");
    ids_[w] = static_cast<int32_t>(words_.size()) + 2;
    words_.push_back(std::move(w));
  }
}

}  // namespace ember
