// File: agents/imitation/word_vocabulary.h
//
// The word vocabulary of a language-conditioned learner, built from the
// step instructions of its training demonstrations and saved with its
// weights, so the learner tokenizes exactly as it was trained whatever the
// env's own vocabulary. Words are lower-cased runs of letters and digits;
// id 0 is padding and id 1 any word not seen in training.
//
// Example:
//   WordVocabulary vocab;
//   vocab.add("pick up the red block and place it on the blue bowl.");
//   std::vector<int32_t> ids = vocab.encode("pick up the green block", 32);   // "green" -> 1
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

namespace ember {

class WordVocabulary {
 public:
  static constexpr int32_t kPadding = 0;
  static constexpr int32_t kUnknown = 1;

  // Adds the sentence's words not yet known.
  void add(const std::string& sentence);
  // max_tokens ids: the sentence's words (unknown ones as kUnknown), cut or
  // padded with kPadding to max_tokens.
  std::vector<int32_t> encode(const std::string& sentence, int max_tokens) const;
  // Number of ids, padding and unknown included.
  int32_t size() const { return static_cast<int32_t>(words_.size()) + 2; }

  void save(std::ostream& out) const;
  // Throws std::runtime_error on a damaged record.
  void load(std::istream& in);

  static std::vector<std::string> words_of(const std::string& sentence);

 private:
  std::vector<std::string> words_;  // id = index + 2
  std::unordered_map<std::string, int32_t> ids_;
};

}  // namespace ember
