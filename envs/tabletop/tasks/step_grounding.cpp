#include "envs/tabletop/tasks/step_grounding.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "envs/tabletop/tasks/caption.h"
#include "envs/tabletop/workspace.h"

namespace ember::tabletop {

namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::string clean;
  for (char c : text) clean += c == '.' || c == ',' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::istringstream in(clean);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// What a name in a step instruction refers to.
struct NameRef {
  enum Kind { kObject, kArea, kCenter } kind = kObject;
  ObjectKind object_kind = ObjectKind::kBlock;
  int color = -1;
  int size = -1;  // -1 any, 0 smaller, 1 bigger
  Quadrant quadrant = Quadrant::kTopLeft;
  std::string text;  // the name as written, normalised

  bool matches(const SceneObject& o) const {
    if (kind != kObject || o.kind != object_kind || o.color != color) return false;
    return size < 0 || (size == 1) == o.is_big();
  }
};

std::optional<NameRef> parse_name(const std::string& name) {
  NameRef ref;
  ref.text = name;
  if (name == "center") {
    ref.kind = NameRef::kCenter;
    return ref;
  }
  for (int q = 0; q < kNumQuadrants; ++q)
    if (name == quadrant_name(static_cast<Quadrant>(q))) {
      ref.kind = NameRef::kArea;
      ref.quadrant = static_cast<Quadrant>(q);
      return ref;
    }
  std::vector<std::string> w = words_of(name);
  if (w.size() == 3 && (w[0] == "bigger" || w[0] == "smaller")) {
    ref.size = w[0] == "bigger" ? 1 : 0;
    w.erase(w.begin());
  }
  if (w.size() != 2) return std::nullopt;
  try {
    ref.color = color_index(w[0]);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  if (w[1] == "block")
    ref.object_kind = ObjectKind::kBlock;
  else if (w[1] == "bowl" && ref.size < 0)
    ref.object_kind = ObjectKind::kBowl;
  else if (w[1] == "zone" && ref.size < 0)
    ref.object_kind = ObjectKind::kZone;
  else
    return std::nullopt;
  return ref;
}

bool covered(const Scene& scene, int id) {
  for (int b = 0; b < scene.size(); ++b)
    if (b != id && scene.objects[static_cast<size_t>(b)].kind == ObjectKind::kBlock && supporting_block(scene, b) == id)
      return true;
  return false;
}

// The bottom of the stack block `id` stands in.
int stack_bottom(const Scene& scene, int id) {
  for (int guard = 0; guard < scene.size(); ++guard) {
    const int below = supporting_block(scene, id);
    if (below < 0) break;
    id = below;
  }
  return id;
}

// Whether block `id` is already where `place` names (on one of the named
// blocks, in the named bowl or zone, in the named area).
bool at_place(const Scene& scene, int id, const NameRef& place, const std::vector<int>& places) {
  const SceneObject& block = scene.objects[static_cast<size_t>(id)];
  if (place.kind == NameRef::kCenter) return false;
  if (place.kind == NameRef::kArea) return quadrant_area(place.quadrant).contains(block.pose.x, block.pose.y);
  const SceneObject& bottom = scene.objects[static_cast<size_t>(stack_bottom(scene, id))];
  for (int c : places) {
    const SceneObject& o = scene.objects[static_cast<size_t>(c)];
    if (o.kind == ObjectKind::kBlock && supporting_block(scene, id) == c) return true;
    const double dx = bottom.pose.x - o.pose.x, dy = bottom.pose.y - o.pose.y;
    if (o.kind == ObjectKind::kBowl && std::hypot(dx, dy) < o.size / 2) return true;
    if (o.kind == ObjectKind::kZone) {
      const double yaw = o.pose.yaw(), cs = std::cos(yaw), sn = std::sin(yaw);
      if (std::abs(cs * dx + sn * dy) < o.size / 2 && std::abs(-sn * dx + cs * dy) < o.size / 2) return true;
    }
  }
  return false;
}

// Whether `place` (with object candidates `candidates`) stands for target j.
bool stands_for(const GoalStep& goal, int j, const NameRef& place, const std::vector<int>& candidates,
                const Scene& scene, int pick) {
  const int target_object = goal.target_objects[static_cast<size_t>(j)];
  if (place.kind != NameRef::kObject) return target_object < 0 && goal.target_names[static_cast<size_t>(j)] == place.text;
  const Pose& target = goal.targets[static_cast<size_t>(j)];
  for (int c : candidates) {
    if (c == pick) continue;
    if (c == target_object) return true;
    const SceneObject& o = scene.objects[static_cast<size_t>(c)];
    // a block resting over the target point stands for the stack below it
    if (o.kind == ObjectKind::kBlock && target_object >= 0 &&
        scene.objects[static_cast<size_t>(target_object)].kind == ObjectKind::kBlock &&
        std::abs(o.pose.x - target.x) < o.size / 2 && std::abs(o.pose.y - target.y) < o.size / 2)
      return true;
  }
  return false;
}

}  // namespace

std::optional<StepNames> parse_step_instruction(const std::string& text) {
  const std::vector<std::string> w = words_of(text);
  // pick up the X... and place it on the Y...
  if (w.size() < 9 || w[0] != "pick" || w[1] != "up" || w[2] != "the") return std::nullopt;
  size_t and_at = 0;
  for (size_t i = 3; i + 4 < w.size(); ++i)
    if (w[i] == "and" && w[i + 1] == "place" && w[i + 2] == "it" && w[i + 3] == "on" && w[i + 4] == "the") {
      and_at = i;
      break;
    }
  if (and_at <= 3 || and_at + 5 >= w.size()) return std::nullopt;
  return StepNames{join(w, 3, and_at), join(w, and_at + 5, w.size())};
}

Grounding ground_step_instruction(const std::string& instruction, const Scene& scene,
                                  const std::vector<GoalStep>& remaining_goals, const TopDownMaps& maps, Rng& rng) {
  Grounding out;
  const std::optional<StepNames> names = parse_step_instruction(instruction);
  if (!names) {
    out.error = "not a step instruction (expected 'pick up the X and place it on the Y.')";
    return out;
  }
  const std::optional<NameRef> pick_ref = parse_name(names->pick);
  if (!pick_ref || pick_ref->kind != NameRef::kObject || pick_ref->object_kind != ObjectKind::kBlock) {
    out.error = "'" + names->pick + "' is not the name of a block";
    return out;
  }
  const std::optional<NameRef> place_ref = parse_name(names->place);
  if (!place_ref) {
    out.error = "'" + names->place + "' is not the name of a block, bowl, zone or area";
    return out;
  }
  std::vector<int> picks, places;
  for (int i = 0; i < scene.size(); ++i) {
    if (pick_ref->matches(scene.objects[static_cast<size_t>(i)])) picks.push_back(i);
    if (place_ref->matches(scene.objects[static_cast<size_t>(i)])) places.push_back(i);
  }
  if (picks.empty()) {
    out.error = "there is no " + names->pick + " on the table";
    return out;
  }
  if (place_ref->kind == NameRef::kObject && places.empty()) {
    out.error = "there is no " + names->place + " on the table";
    return out;
  }

  // The pick: the block the oracle would move first among those named (goal
  // steps in order), else one not yet at the named place with nothing on it.
  int pick = -1;
  const GoalStep* goal = nullptr;
  const OracleMove* move = nullptr;
  std::vector<std::vector<OracleMove>> moves;
  moves.reserve(remaining_goals.size());
  for (const GoalStep& g : remaining_goals) moves.push_back(oracle_moves(g, scene));
  for (size_t k = 0; k < remaining_goals.size() && pick < 0; ++k)
    for (const OracleMove& m : moves[k])
      if (std::find(picks.begin(), picks.end(), m.object) != picks.end()) {
        pick = m.object;
        goal = &remaining_goals[k];
        move = &m;
        break;
      }
  for (int pass = 0; pass < 3 && pick < 0; ++pass)
    for (int c : picks)
      if ((pass >= 2 || !at_place(scene, c, *place_ref, places)) && (pass >= 1 || !covered(scene, c))) {
        pick = c;
        break;
      }

  OracleStep step;
  step.pick_object = pick;
  step.instruction = step_instruction(names->pick, names->place);
  // A step the oracle could take: the goal's own target and rotation rule.
  if (move)
    for (int j : move->targets)
      if (stands_for(*goal, j, *place_ref, places, scene, pick)) {
        step.action = oracle_pick_place(scene, maps, pick, goal->targets[static_cast<size_t>(j)],
                                          oracle_turns_to_target(*goal, j, scene), rng);
        step.target_index = j;
        out.step = step;
        return out;
      }

  // Otherwise the literal reading: the named place as it is now.
  Pose target;
  bool rotations = false;
  if (place_ref->kind == NameRef::kCenter) {
    target = Pose::on_table(0.5 * (kMinX + kMaxX), 0.5 * (kMinY + kMaxY), 0.0);
  } else if (place_ref->kind == NameRef::kArea) {
    const Area area = quadrant_area(place_ref->quadrant);
    target = Pose::on_table(area.center_x(), area.center_y(), 0.0);
  } else {
    int chosen = -1;
    for (int c : places) {
      if (c == pick) continue;
      const SceneObject& o = scene.objects[static_cast<size_t>(c)];
      // blocks: the topmost of those named (a stack is built upwards)
      if (chosen < 0 || (o.kind == ObjectKind::kBlock && o.pose.z > scene.objects[static_cast<size_t>(chosen)].pose.z))
        chosen = c;
    }
    if (chosen < 0) {
      out.error = "the " + names->pick + " cannot be placed on itself";
      return out;
    }
    const SceneObject& o = scene.objects[static_cast<size_t>(chosen)];
    target = o.pose;
    if (o.kind == ObjectKind::kBlock) target.z = o.pose.z + o.size / 2 + scene.objects[static_cast<size_t>(pick)].size / 2;
    rotations = o.kind == ObjectKind::kBlock;  // as oracle_turns_to_target: not to a zone's or a bowl's yaw
  }
  step.action = oracle_pick_place(scene, maps, pick, target, rotations, rng);
  out.step = step;
  return out;
}

}  // namespace ember::tabletop
