// File: envs/tabletop/tasks/vocabulary.h
//
// The fixed word list of the tabletop language: every word an instruction
// template, an oracle step instruction or a scene caption can produce, so a
// learner sees token ids that never change between runs or builds.
// Id 0 is padding, 1 an unknown word; words are lower case and the
// punctuation marks . , : are tokens of their own. Counts in captions are
// digits; 0..99 are words (larger counts tokenize as unknown).
//
// Example:
//   int32_t tokens[32];
//   int n = tokenize("Pick up the red block.", tokens, 32);
//   // n = 6: pick up the red block .  — tokens[6..31] = 0 (padding)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ember::tabletop {

constexpr int32_t kPadToken = 0;
constexpr int32_t kUnknownToken = 1;

// Index = token id: "<pad>", "<unk>", then the words.
const std::vector<std::string>& vocabulary();
int vocabulary_size();
// Id of one lower-case word or punctuation mark; kUnknownToken if absent.
int32_t token_id(const std::string& word);

// Splits on white space and before/after . , : ; ! ?, lower-cases, and writes
// at most max_tokens ids to out, padding the rest with kPadToken. Returns the
// number of tokens in the text (which may exceed max_tokens: truncated).
int tokenize(const std::string& text, int32_t* out, int max_tokens);
std::vector<int32_t> tokenize(const std::string& text);

}  // namespace ember::tabletop
