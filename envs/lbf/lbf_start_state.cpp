// LBF explicit start states (reset_to_state, used by `ember rollout --state`
// and the golden tests, as upstream's tests inject a state) and snapshots.
//
// Start state (YAML):
//   food:    [{pos: [4, 4], level: 2}]                            # at most `food` entries
//   players: [{pos: [4, 3], level: 2}, {pos: [4, 5], level: 2}]   # exactly `players` entries
//   food_spawned: 2   # optional: the reward normaliser (default: sum of food levels)
//   step: 0           # optional: the current step (the parity-mode limit counts from it)
#include <yaml-cpp/yaml.h>

#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>

#include "envs/lbf/lbf_env.h"

namespace ember {

namespace {

constexpr const char* kSnapshotHeader = "ember-lbf-snapshot-1";

[[noreturn]] void bad_state(const std::string& what) {
  throw std::invalid_argument("lbf start state: " + what);
}

std::string dump(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "null";
  YAML::Emitter e;
  e << YAML::Flow << node;
  return e.c_str();
}

int as_int(const YAML::Node& node, const std::string& key) {
  if (node.IsScalar()) {
    try {
      const long long v = node.as<long long>();
      if (v >= -1000000000LL && v <= 1000000000LL) return static_cast<int>(v);
    } catch (const YAML::Exception&) {
    }
  }
  bad_state("'" + key + "' = " + dump(node) + " is not an integer");
}

void check_keys(const YAML::Node& node, const std::string& where,
                std::initializer_list<const char*> allowed) {
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : dump(kv.first);
    bool known = false;
    std::string list;
    for (const char* k : allowed) {
      known = known || key == k;
      list += list.empty() ? k : std::string(", ") + k;
    }
    if (!known)
      bad_state("unknown key '" + (where.empty() ? key : where + "." + key) + "' (expected " + list +
                ")");
  }
}

struct Entry {
  int row, col, level;
};

// {pos: [r, c], level: l} with row/col on the grid and level in [1, max_level].
Entry parse_entry(const YAML::Node& node, const std::string& where, int n, int max_level,
                  const std::string& level_note) {
  if (!node.IsMap()) bad_state("'" + where + "' = " + dump(node) + " must be a map {pos: [row, col], level: l}");
  check_keys(node, where, {"pos", "level"});
  const YAML::Node pos = node["pos"];
  if (!pos) bad_state("'" + where + "' has no key 'pos'");
  if (!pos.IsSequence() || pos.size() != 2)
    bad_state("'" + where + ".pos' = " + dump(pos) + " must be a list [row, col]");
  Entry e{};
  e.row = as_int(pos[0], where + ".pos[0]");
  e.col = as_int(pos[1], where + ".pos[1]");
  if (e.row < 0 || e.row >= n || e.col < 0 || e.col >= n)
    bad_state("'" + where + ".pos' = " + dump(pos) + " lies outside the " + std::to_string(n) + "x" +
              std::to_string(n) + " grid (rows and cols 0.." + std::to_string(n - 1) + ")");
  const YAML::Node level = node["level"];
  if (!level) bad_state("'" + where + "' has no key 'level'");
  e.level = as_int(level, where + ".level");
  if (e.level < 1 || e.level > max_level)
    bad_state("'" + where + ".level' = " + std::to_string(e.level) + " must be in [1, " +
              std::to_string(max_level) + "] (" + level_note + ")");
  return e;
}

int read_int(std::istream& in, const char* what) {
  long long v = 0;
  if (!(in >> v)) throw std::runtime_error(std::string("lbf snapshot: missing or bad ") + what);
  return static_cast<int>(v);
}

}  // namespace

void LbfEnv::reset_to_state(const YAML::Node& node, const EnvSlot& out) {
  const int n = config_.size;
  const int P = config_.players;
  if (!node.IsMap())
    bad_state("expected a map with keys food, players (and optionally food_spawned, step), got " +
              dump(node));
  check_keys(node, "", {"food", "players", "food_spawned", "step"});

  // players
  const YAML::Node players = node["players"];
  if (!players) bad_state("missing key 'players' (a list of " + std::to_string(P) + " {pos, level})");
  if (!players.IsSequence()) bad_state("'players' = " + dump(players) + " must be a list");
  if (static_cast<int>(players.size()) != P)
    bad_state("'players' has " + std::to_string(players.size()) + " entries, but the env has " +
              std::to_string(P) + " players");
  LbfState s;
  for (int i = 0; i < P; ++i) {
    const Entry e = parse_entry(players[i], "players[" + std::to_string(i) + "]", n,
                                config_.max_player_level, "max_player_level");
    s.players[i] = LbfPlayer{e.row, e.col, e.level};
  }
  // Players may share a cell: stacking is reachable under the rules (§4.2).

  // food
  const YAML::Node food = node["food"];
  if (!food) bad_state("missing key 'food' (a list of {pos, level}; may be empty)");
  if (!food.IsSequence()) bad_state("'food' = " + dump(food) + " must be a list");
  if (static_cast<int>(food.size()) > config_.food)
    bad_state("'food' has " + std::to_string(food.size()) + " entries, more than the " +
              std::to_string(config_.food) + " food observation slots (param food)");
  Entry foods[LbfConfig::kMaxFood];
  const int num_food = static_cast<int>(food.size());
  int level_sum = 0;
  for (int k = 0; k < num_food; ++k) {
    const std::string where = "food[" + std::to_string(k) + "]";
    foods[k] = parse_entry(food[k], where, n, config_.max_food_level(),
                           "the observation bound max_player_level * min(players, 3)");
    for (int q = 0; q < k; ++q)
      if (foods[q].row == foods[k].row && foods[q].col == foods[k].col)
        bad_state("'" + where + ".pos' = " + dump(food[k]["pos"]) + " already holds food[" +
                  std::to_string(q) + "]");
    for (int i = 0; i < P; ++i)
      if (s.players[i].row == foods[k].row && s.players[i].col == foods[k].col)
        bad_state("'" + where + ".pos' = " + dump(food[k]["pos"]) + " is occupied by players[" +
                  std::to_string(i) + "]");
    level_sum += foods[k].level;
  }

  int food_spawned = level_sum;
  if (const YAML::Node fs = node["food_spawned"]) {
    food_spawned = as_int(fs, "food_spawned");
    if (food_spawned < 1 || food_spawned < level_sum)
      bad_state("'food_spawned' = " + std::to_string(food_spawned) +
                " must be >= 1 and >= the sum of the food levels on the grid (" +
                std::to_string(level_sum) + ")");
  }
  int step = 0;
  if (const YAML::Node st = node["step"]) {
    step = as_int(st, "step");
    if (step < 0 || step >= config_.max_episode_steps)
      bad_state("'step' = " + std::to_string(step) + " must be in [0, " +
                std::to_string(config_.max_episode_steps - 1) + "] (max_episode_steps - 1)");
  }

  // Everything is valid: install the state.
  clear_food();
  state_ = s;  // players; no foods yet
  for (int k = 0; k < num_food; ++k) place_food(foods[k].row, foods[k].col, foods[k].level);
  state_.food_spawned = food_spawned;
  state_.foods_at_start = num_food;
  state_.foods_collected = 0;
  state_.current_step = step;
  state_.positions_set = true;
  write_outputs(out);
  if (out.reward)
    for (int i = 0; i < P; ++i) out.reward[i] = 0.0f;
  if (out.terminated) *out.terminated = 0;
}

void LbfEnv::save_snapshot(std::ostream& out) const {
  out << kSnapshotHeader << '\n';
  out << config_.size << ' ' << config_.players << ' ' << config_.food << '\n';
  out << state_.current_step << ' ' << state_.food_spawned << ' ' << state_.foods_at_start << ' '
      << state_.foods_collected << ' ' << (state_.positions_set ? 1 : 0) << '\n';
  for (int i = 0; i < config_.players; ++i) {
    const LbfPlayer& p = state_.players[i];
    out << p.row << ' ' << p.col << ' ' << p.level << '\n';
  }
  out << state_.num_foods << '\n';
  for (int k = 0; k < state_.num_foods; ++k) {
    const LbfFood& f = state_.foods[k];
    out << f.row << ' ' << f.col << ' ' << f.level << '\n';
  }
  rng_.save(out);
  if (!out) throw std::runtime_error("lbf snapshot: write failed");
}

void LbfEnv::load_snapshot(std::istream& in) {
  std::string header;
  if (!(in >> header) || header != kSnapshotHeader)
    throw std::runtime_error("lbf snapshot: bad header '" + header + "'");
  const int size = read_int(in, "size"), players = read_int(in, "players"), food = read_int(in, "food");
  if (size != config_.size || players != config_.players || food != config_.food)
    throw std::runtime_error("lbf snapshot: taken from a " + std::to_string(size) + "x" +
                             std::to_string(size) + " env with " + std::to_string(players) +
                             " players and " + std::to_string(food) + " food, this env is " +
                             std::to_string(config_.size) + "x" + std::to_string(config_.size) +
                             " with " + std::to_string(config_.players) + " players and " +
                             std::to_string(config_.food) + " food");
  LbfState s;
  s.current_step = read_int(in, "current_step");
  s.food_spawned = read_int(in, "food_spawned");
  s.foods_at_start = read_int(in, "foods_at_start");
  s.foods_collected = read_int(in, "foods_collected");
  s.positions_set = read_int(in, "positions_set") != 0;
  auto on_grid = [&](int r, int c) { return r >= 0 && r < size && c >= 0 && c < size; };
  for (int i = 0; i < players; ++i) {
    LbfPlayer& p = s.players[i];
    p.row = read_int(in, "player row");
    p.col = read_int(in, "player col");
    p.level = read_int(in, "player level");
    if (s.positions_set && !on_grid(p.row, p.col))
      throw std::runtime_error("lbf snapshot: player " + std::to_string(i) + " lies off the grid");
  }
  const int num_foods = read_int(in, "food count");
  if (num_foods < 0 || num_foods > food) throw std::runtime_error("lbf snapshot: bad food count");
  LbfFood foods[LbfConfig::kMaxFood];
  for (int k = 0; k < num_foods; ++k) {
    foods[k].row = read_int(in, "food row");
    foods[k].col = read_int(in, "food col");
    foods[k].level = read_int(in, "food level");
    if (!on_grid(foods[k].row, foods[k].col) || foods[k].level < 1 || foods[k].level > 255)
      throw std::runtime_error("lbf snapshot: bad food " + std::to_string(k));
  }
  Rng rng;
  rng.load(in);
  clear_food();
  state_ = s;
  for (int k = 0; k < num_foods; ++k) place_food(foods[k].row, foods[k].col, foods[k].level);
  rng_ = rng;
}

}  // namespace ember
