#include "agents/planner/scene_text.h"

#include <cctype>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ember {

namespace {

std::vector<std::string> split_sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == '.' || c == '\n') {
      std::string s;
      std::istringstream in(current);
      for (std::string w; in >> w;) s += (s.empty() ? "" : " ") + w;
      if (!s.empty()) out.push_back(s);
      current.clear();
    } else {
      current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  std::istringstream in(current);
  std::string s;
  for (std::string w; in >> w;) s += (s.empty() ? "" : " ") + w;
  if (!s.empty()) out.push_back(s);
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

std::string strip_plural(const std::string& kind) {
  return !kind.empty() && kind.back() == 's' ? kind.substr(0, kind.size() - 1) : kind;
}

// "bigger red block" -> size, color, kind; false when it is not a name.
bool parse_object_name(const std::string& name, TextObject& o) {
  std::istringstream in(name);
  std::vector<std::string> w;
  for (std::string s; in >> s;) w.push_back(s);
  if (w.size() == 3 && (w[0] == "bigger" || w[0] == "smaller")) {
    o.size = w[0];
    w.erase(w.begin());
  }
  if (w.size() != 2 || (w[1] != "block" && w[1] != "bowl" && w[1] != "zone")) return false;
  if (!o.size.empty() && w[1] != "block") return false;
  o.name = name;
  o.color = w[0];
  o.kind = w[1];
  return true;
}

// Counts of "there are N blocks" / "there is 1 bowl" sentences.
bool parse_count(const std::string& sentence, std::map<std::string, int>& counts) {
  std::string s = sentence;
  if (starts_with(s, "on the table, ")) s = s.substr(14);
  std::istringstream in(s);
  std::string there, verb, number, kind, extra;
  in >> there >> verb >> number >> kind;
  if (there != "there" || (verb != "are" && verb != "is") || (in >> extra)) return false;
  try {
    size_t used = 0;
    const int n = std::stoi(number, &used);
    if (used != number.size() || n < 0) return false;
    counts[strip_plural(kind)] = n;
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

bool is_inventory_detail(const std::string& s) {
  return starts_with(s, "their colors are ") || starts_with(s, "its color is ") || starts_with(s, "they are the ") ||
         starts_with(s, "it is the ");
}

}  // namespace

std::vector<int> SceneText::of_kind(const std::string& kind) const {
  std::vector<int> out;
  for (size_t i = 0; i < objects.size(); ++i)
    if (objects[i].kind == kind) out.push_back(static_cast<int>(i));
  return out;
}

int SceneText::find(const std::string& name) const {
  for (size_t i = 0; i < objects.size(); ++i)
    if (objects[i].name == name) return static_cast<int>(i);
  return -1;
}

int SceneText::bottom_of(int i) const {
  while (objects[static_cast<size_t>(i)].below >= 0) i = objects[static_cast<size_t>(i)].below;
  return i;
}

int SceneText::top_of(int i) const {
  while (objects[static_cast<size_t>(i)].above >= 0) i = objects[static_cast<size_t>(i)].above;
  return i;
}

int SceneText::stack_size(int i) const {
  int n = 1;
  for (int j = bottom_of(i); objects[static_cast<size_t>(j)].above >= 0; j = objects[static_cast<size_t>(j)].above) ++n;
  return n;
}

std::string SceneText::container_of(int i) const {
  const TextObject& bottom = objects[static_cast<size_t>(bottom_of(i))];
  return bottom.where == TextObject::Where::kIn ? bottom.place : std::string();
}

std::string SceneText::area_of(int i) const {
  const TextObject& bottom = objects[static_cast<size_t>(bottom_of(i))];
  switch (bottom.where) {
    case TextObject::Where::kArea: return bottom.place;
    case TextObject::Where::kOutside: return "outside";
    case TextObject::Where::kIn: {
      const int holder = find(bottom.place);
      return holder >= 0 && objects[static_cast<size_t>(holder)].where == TextObject::Where::kArea
                 ? objects[static_cast<size_t>(holder)].place
                 : std::string();
    }
    case TextObject::Where::kOn: break;  // unresolved support
  }
  return {};
}

SceneText parse_scene_text(const std::string& caption) {
  SceneText scene;
  std::map<std::string, int> counts;
  for (const std::string& s : split_sentences(caption)) {
    if (parse_count(s, counts) || is_inventory_detail(s)) continue;
    // "the {name} is {on the X | in the X | outside the workspace}"
    const size_t is_at = s.find(" is ");
    TextObject o;
    if (!starts_with(s, "the ") || is_at == std::string::npos || !parse_object_name(s.substr(4, is_at - 4), o))
      throw std::invalid_argument("scene caption: cannot read the sentence '" + s + "'");
    const std::string rest = s.substr(is_at + 4);
    if (rest == "outside the workspace") {
      o.where = TextObject::Where::kOutside;
    } else if (starts_with(rest, "on the ")) {
      o.where = TextObject::Where::kOn;
      o.place = rest.substr(7);
    } else if (starts_with(rest, "in the ")) {
      o.place = rest.substr(7);
      const bool area = o.place == "center" || (o.place.size() > 5 && o.place.compare(o.place.size() - 5, 5, " area") == 0);
      o.where = area ? TextObject::Where::kArea : TextObject::Where::kIn;
    } else {
      throw std::invalid_argument("scene caption: cannot read where '" + o.name + "' is in '" + s + "'");
    }
    scene.objects.push_back(o);
  }
  for (const auto& [kind, n] : counts) {
    const size_t listed = scene.of_kind(kind).size();
    if (listed != static_cast<size_t>(n))
      throw std::invalid_argument("scene caption: it counts " + std::to_string(n) + " " + kind + "(s) but places " +
                                  std::to_string(listed) + " in '" + caption + "'");
  }
  // Resolve "on" to distinct, acyclic supports: the first free block of that name.
  for (size_t i = 0; i < scene.objects.size(); ++i) {
    TextObject& o = scene.objects[i];
    if (o.where != TextObject::Where::kOn) continue;
    for (size_t j = 0; j < scene.objects.size(); ++j) {
      TextObject& support = scene.objects[j];
      if (j == i || support.name != o.place || support.kind != "block" || support.above >= 0) continue;
      bool cycle = false;
      for (int k = static_cast<int>(j); k >= 0; k = scene.objects[static_cast<size_t>(k)].below)
        cycle = cycle || k == static_cast<int>(i);
      if (cycle) continue;
      o.below = static_cast<int>(j);
      support.above = static_cast<int>(i);
      break;
    }
  }
  return scene;
}

}  // namespace ember
