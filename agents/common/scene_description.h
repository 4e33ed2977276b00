// File: agents/common/scene_description.h
//
// The two parts of a language env's describe() text (the tabletop env's,
// docs/envs/tabletop.md): the first line is the instruction to carry out,
// the other lines caption the scene. The Transporter reads the first, the
// planner both; one reading keeps them agreeing on where the split falls.
//
// Example:
//   std::string step = description_instruction(env.describe());
//   SceneDescription d = split_description(env.describe());   // d.instruction, d.caption
#pragma once

#include <string>

namespace ember {

inline std::string description_instruction(const std::string& text) { return text.substr(0, text.find('\n')); }

struct SceneDescription {
  std::string instruction;  // the first line
  std::string caption;      // the other lines, joined by spaces
};

inline SceneDescription split_description(const std::string& text) {
  SceneDescription d;
  const size_t newline = text.find('\n');
  d.instruction = text.substr(0, newline);
  if (newline == std::string::npos) return d;
  for (char c : text.substr(newline + 1)) d.caption += c == '\n' ? ' ' : c;
  return d;
}

}  // namespace ember
