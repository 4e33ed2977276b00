#include "envs/tabletop/scene.h"

#include <stdexcept>

namespace ember::tabletop {

const std::vector<Color>& all_colors() {
  // Ravens utils.COLORS (Tableau palette), in its order.
  static const std::vector<Color> colors = {
      {"blue", 78, 121, 167},  {"red", 255, 87, 89},     {"green", 89, 169, 79},
      {"orange", 242, 142, 43}, {"yellow", 237, 201, 72}, {"purple", 176, 122, 161},
      {"pink", 255, 157, 167}, {"cyan", 118, 183, 178},  {"brown", 156, 117, 95},
      {"white", 255, 255, 255}, {"gray", 186, 176, 172},
  };
  return colors;
}

namespace {
std::vector<int> indices_of(std::initializer_list<const char*> names) {
  std::vector<int> out;
  for (const char* n : names) out.push_back(color_index(n));
  return out;
}
}  // namespace

const std::vector<int>& split_colors(ColorSplit split) {
  static const std::vector<int> train = indices_of({"blue", "red", "green", "yellow", "brown", "gray", "cyan"});
  static const std::vector<int> eval = indices_of({"blue", "red", "green", "orange", "purple", "pink", "white"});
  static const std::vector<int> all = [] {
    std::vector<int> v;
    for (size_t i = 0; i < all_colors().size(); ++i) v.push_back(static_cast<int>(i));
    return v;
  }();
  switch (split) {
    case ColorSplit::kTrain: return train;
    case ColorSplit::kEval: return eval;
    case ColorSplit::kAll: return all;
  }
  return all;
}

int color_index(const std::string& name) {
  const auto& colors = all_colors();
  for (size_t i = 0; i < colors.size(); ++i)
    if (name == colors[i].name) return static_cast<int>(i);
  throw std::invalid_argument("unknown color '" + name + "'");
}

void Pose::rotate(const double in[3], double out[3]) const {
  // v' = v + 2 w (q x v) + 2 q x (q x v)
  const double tx = 2 * (qy * in[2] - qz * in[1]);
  const double ty = 2 * (qz * in[0] - qx * in[2]);
  const double tz = 2 * (qx * in[1] - qy * in[0]);
  out[0] = in[0] + qw * tx + (qy * tz - qz * ty);
  out[1] = in[1] + qw * ty + (qz * tx - qx * tz);
  out[2] = in[2] + qw * tz + (qx * ty - qy * tx);
}

void Pose::transform(const double in[3], double out[3]) const {
  rotate(in, out);
  out[0] += x;
  out[1] += y;
  out[2] += z;
}

const char* kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kBlock: return "block";
    case ObjectKind::kBowl: return "bowl";
    case ObjectKind::kZone: return "zone";
  }
  return "";
}

std::string SceneObject::name(bool sized) const {
  std::string out;
  if (sized && kind == ObjectKind::kBlock) out = is_big() ? "bigger " : "smaller ";
  return out + color_name(color) + " " + kind_name(kind);
}

}  // namespace ember::tabletop
