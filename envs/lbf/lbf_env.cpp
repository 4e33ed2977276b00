// LBF configuration, reset and step rules (reference/lbf.md §1-§4).
// Observations: lbf_observation.cpp. Start states and snapshots:
// lbf_start_state.cpp.
#include "envs/lbf/lbf_env.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/params.h"

namespace ember {

namespace {

[[noreturn]] void bad_param(const std::string& name, const std::string& value,
                            const std::string& why) {
  throw std::invalid_argument("lbf: " + name + " = " + value + " " + why);
}

void check_range(const char* name, int value, int lo, int hi, const std::string& note = "") {
  if (value < lo || value > hi)
    bad_param(name, std::to_string(value),
              "is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]" + note);
}

// Whole-string non-negative integer parse for upstream ids ("08" is fine, "8a" is not).
bool parse_int(const std::string& s, int* out) {
  if (s.empty() || s.size() > 3) return false;
  int v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + (ch - '0');
  }
  *out = v;
  return true;
}

// A string param naming one of `choices`; E is deduced from `dst`.
template <typename E>
void get_choice(const Params& params, const char* name,
                std::initializer_list<std::pair<const char*, E>> choices, E* dst) {
  if (!params.has(name)) return;
  const std::string& value = params.get_string(name);
  std::string names;
  for (const auto& [text, choice] : choices) {
    if (value == text) {
      *dst = choice;
      return;
    }
    names += std::string(names.empty() ? "" : ", ") + "'" + text + "'";
  }
  bad_param(name, "'" + value + "'", "is not one of " + names);
}

}  // namespace

// ---------------------------------------------------------------------------
// Configuration

LbfConfig LbfConfig::from_params(const Params& params) {
  LbfConfig c;
  auto get_int = [&](const char* name, int* dst) {
    if (!params.has(name)) return;
    const int64_t v = params.get_int(name);
    if (v < -1000000000 || v > 1000000000) bad_param(name, std::to_string(v), "is out of range");
    *dst = static_cast<int>(v);
  };
  auto get_bool = [&](const char* name, bool* dst) {
    if (params.has(name)) *dst = params.get_bool(name);
  };
  get_int("size", &c.size);
  get_int("players", &c.players);
  get_int("food", &c.food);
  get_int("sight", &c.sight);
  get_bool("coop", &c.coop);
  get_int("min_player_level", &c.min_player_level);
  get_int("max_player_level", &c.max_player_level);
  if (params.has("penalty")) c.penalty = params.get_float("penalty");
  get_bool("normalize_reward", &c.normalize_reward);
  get_bool("observe_agent_levels", &c.observe_agent_levels);
  get_int("max_episode_steps", &c.max_episode_steps);
  get_bool("parity", &c.parity);
  get_choice(params, "action_mask", {{"all", ActionMask::kAll}, {"valid", ActionMask::kValid}},
             &c.action_mask);
  get_choice(params, "food_levels", {{"v3", FoodLevels::kV3}, {"v2", FoodLevels::kV2}},
             &c.food_levels);
  c.validate();
  return c;
}

LbfConfig LbfConfig::from_upstream_id(const std::string& id) {
  auto fail = [&](const std::string& why) -> void {
    throw std::invalid_argument("lbf: '" + id + "' is not a supported lbforaging id (" + why +
                                "); expected Foraging{-Ks}-{s}x{s}-{p}p-{f}f{-coop}-v3 (or -v2)");
  };
  std::vector<std::string> parts;
  {
    std::stringstream ss(id);
    std::string item;
    while (std::getline(ss, item, '-')) parts.push_back(item);
  }
  if (!parts.empty() && parts.front() == "Foraging") parts.erase(parts.begin());
  LbfConfig c;
  if (!parts.empty() && parts.back() == "v3") {
    parts.pop_back();
  } else if (!parts.empty() && parts.back() == "v2") {
    c.food_levels = FoodLevels::kV2;  // v2's rules are v3's but for the food levels
    parts.pop_back();
  }
  if (!parts.empty() && (parts.back() == "v0" || parts.back() == "v1"))
    fail("only the v2 and v3 rules are implemented");
  bool have_grid = false, have_players = false, have_food = false;
  for (size_t k = 0; k < parts.size(); ++k) {
    const std::string& p = parts[k];
    int v = 0;
    if (p == "coop" && k + 1 == parts.size()) {
      c.coop = true;
    } else if (k == 0 && p.size() >= 2 && p.back() == 's' && parse_int(p.substr(0, p.size() - 1), &v)) {
      c.sight = v;
      if (v == 0) fail("sight 0 is not an upstream value");
    } else if (!have_grid && p.find('x') != std::string::npos) {
      const size_t x = p.find('x');
      int rows = 0, cols = 0;
      if (!parse_int(p.substr(0, x), &rows) || !parse_int(p.substr(x + 1), &cols))
        fail("bad grid '" + p + "'");
      if (rows != cols) fail("only square grids are registered");
      c.size = rows;
      have_grid = true;
    } else if (have_grid && !have_players && p.size() >= 2 && p.back() == 'p' &&
               parse_int(p.substr(0, p.size() - 1), &v)) {
      c.players = v;
      have_players = true;
    } else if (have_players && !have_food && p.size() >= 2 && p.back() == 'f' &&
               parse_int(p.substr(0, p.size() - 1), &v)) {
      c.food = v;
      have_food = true;
    } else {
      fail("unexpected part '" + p + "'");
    }
  }
  if (!have_grid || !have_players || !have_food) fail("grid, players and food are required");
  c.validate();
  return c;
}

void LbfConfig::validate() const {
  check_range("size", size, kMinSize, kMaxSize);
  check_range("players", players, kMinPlayers, kMaxPlayers);
  check_range("food", food, kMinFood, kMaxFood);
  check_range("sight", sight, 0, size, " (0 means full observability; at most the grid size)");
  check_range("min_player_level", min_player_level, 1, kMaxLevel);
  check_range("max_player_level", max_player_level, min_player_level, kMaxLevel,
              " (at least min_player_level)");
  if (!std::isfinite(penalty) || penalty < 0.0 || penalty > 1e6) {
    std::ostringstream v;
    v << penalty;
    bad_param("penalty", v.str(), "must be a finite number in [0, 1e6]");
  }
  check_range("max_episode_steps", max_episode_steps, 1, 1000000000);
}

// ---------------------------------------------------------------------------
// Env

LbfEnv::LbfEnv(const LbfConfig& config) : config_(config) {
  config_.validate();
  sight_ = config_.effective_sight();
  spec_ = make_spec(config_);
}

void LbfEnv::consume_permutation(int n) {
  // Upstream draws permutation(n) to reorder per-entity level ranges that are
  // all equal in every registered id: the result is unused, but the draws
  // advance the stream (Fisher-Yates: n - 1 bounded draws).
  for (int i = n - 1; i > 0; --i) rng_.uniform_int(i + 1);
}

void LbfEnv::place_food(int row, int col, int level) {
  const int n = config_.size;
  const int key = row * n + col;
  int k = state_.num_foods;
  while (k > 0 && state_.foods[k - 1].row * n + state_.foods[k - 1].col > key) {
    state_.foods[k] = state_.foods[k - 1];
    --k;
  }
  state_.foods[k] = LbfFood{row, col, level};
  ++state_.num_foods;
  field_[key] = static_cast<uint8_t>(level);
}

void LbfEnv::remove_food(int row, int col) {
  int k = 0;
  while (k < state_.num_foods && (state_.foods[k].row != row || state_.foods[k].col != col)) ++k;
  for (; k + 1 < state_.num_foods; ++k) state_.foods[k] = state_.foods[k + 1];
  --state_.num_foods;
  field_[row * config_.size + col] = 0;
}

void LbfEnv::clear_food() {
  for (int k = 0; k < state_.num_foods; ++k)
    field_[state_.foods[k].row * config_.size + state_.foods[k].col] = 0;
  state_.num_foods = 0;
}

void LbfEnv::spawn_players() {
  const int n = config_.size;
  const int P = config_.players;
  const int level_span = config_.max_player_level - config_.min_player_level + 1;
  consume_permutation(P);
  // A cell is empty when it holds no food (none yet: the field was cleared)
  // and no player's *stored* position equals it. Players not yet re-placed
  // still hold their previous-episode positions, which therefore block too.
  auto occupied = [&](int row, int col, int placed) {
    const int check = state_.positions_set ? P : placed;
    for (int j = 0; j < check; ++j)
      if (state_.players[j].row == row && state_.players[j].col == col) return true;
    return false;
  };
  for (int i = 0; i < P; ++i) {
    bool placed = false;
    for (int attempt = 0; attempt < 1000 && !placed; ++attempt) {
      const int row = static_cast<int>(rng_.uniform_int(n));
      const int col = static_cast<int>(rng_.uniform_int(n));
      if (occupied(row, col, i)) continue;
      state_.players[i].row = row;
      state_.players[i].col = col;
      state_.players[i].level =
          config_.min_player_level + static_cast<int>(rng_.uniform_int(level_span));
      placed = true;
    }
    if (!placed) {
      // Unreachable in practice (at most 9 players on at least 25 cells: each
      // try succeeds with probability >= 16/25). Upstream would keep a stale
      // position; ember takes the first free cell in row-major order.
      for (int cell = 0; cell < n * n && !placed; ++cell) {
        if (occupied(cell / n, cell % n, i)) continue;
        state_.players[i].row = cell / n;
        state_.players[i].col = cell % n;
        state_.players[i].level =
            config_.min_player_level + static_cast<int>(rng_.uniform_int(level_span));
        placed = true;
      }
    }
  }
  state_.positions_set = true;
}

void LbfEnv::spawn_food(int max_level) {
  const int n = config_.size;
  const int P = config_.players;
  const int min_level = config_.coop ? max_level : 1;
  // Rejected if the 3x3 block around the cell, or the radius-2 cross, holds
  // food, or a player stands on the cell.
  auto acceptable = [&](int row, int col) {
    for (int k = 0; k < state_.num_foods; ++k) {
      const int dr = std::abs(state_.foods[k].row - row);
      const int dc = std::abs(state_.foods[k].col - col);
      if ((dr <= 1 && dc <= 1) || (dc == 0 && dr <= 2) || (dr == 0 && dc <= 2)) return false;
    }
    for (int j = 0; j < P; ++j)
      if (state_.players[j].row == row && state_.players[j].col == col) return false;
    return true;
  };
  // Whether any interior cell could still take a food.
  auto any_cell_free = [&] {
    for (int row = 1; row < n - 1; ++row)
      for (int col = 1; col < n - 1; ++col)
        if (acceptable(row, col)) return true;
    return false;
  };
  consume_permutation(config_.food);
  int count = 0;
  int rejected_in_a_row = 0, next_check = 32;
  for (int attempts = 0; count < config_.food && attempts < 1000;) {
    ++attempts;
    // integers(1, rows - 1): never on the border.
    const int row = 1 + static_cast<int>(rng_.uniform_int(n - 2));
    const int col = 1 + static_cast<int>(rng_.uniform_int(n - 2));
    if (!acceptable(row, col)) {
      // When no interior cell can take another food, every remaining attempt
      // would be rejected: stop early. The outcome is the same as upstream's
      // (only the RNG consumption differs, which ember does not reproduce).
      if (++rejected_in_a_row >= next_check) {
        if (!any_cell_free()) break;
        next_check *= 2;
      }
      continue;
    }
    rejected_in_a_row = 0;
    next_check = 32;
    // v3 draws integers(min, max + 1); up to v2 it was randint(min, max), so
    // a non-coop food never reached maxL.
    const int top = config_.food_levels == LbfConfig::FoodLevels::kV2 ? max_level - 1 : max_level;
    const int level = min_level == max_level
                          ? min_level
                          : min_level + static_cast<int>(rng_.uniform_int(top - min_level + 1));
    place_food(row, col, level);
    ++count;
  }
}

void LbfEnv::reset(const EnvSlot& out) {
  clear_food();
  spawn_players();
  // maxL = the sum of the 3 lowest player levels (all levels when P <= 3).
  std::array<int, LbfConfig::kMaxPlayers> levels{};
  const int P = config_.players;
  for (int i = 0; i < P; ++i) levels[i] = state_.players[i].level;
  std::partial_sort(levels.begin(), levels.begin() + std::min(3, P), levels.begin() + P);
  int max_level = 0;
  for (int i = 0; i < std::min(3, P); ++i) max_level += levels[i];
  spawn_food(max_level);

  int spawned = 0;
  for (int k = 0; k < state_.num_foods; ++k) spawned += state_.foods[k].level;
  state_.food_spawned = spawned;
  state_.foods_at_start = state_.num_foods;
  state_.foods_collected = 0;
  state_.current_step = 0;
  write_outputs(out);
  if (out.reward)
    for (int i = 0; i < P; ++i) out.reward[i] = 0.0f;
  if (out.terminated) *out.terminated = 0;
}

int LbfEnv::adjacent_food_sum(int row, int col) const {
  // Upstream clamps the indices, so at an edge the player's own (empty) cell counts.
  const int n = config_.size;
  const uint8_t* f = field_.data();
  return f[std::max(row - 1, 0) * n + col] + f[std::min(row + 1, n - 1) * n + col] +
         f[row * n + std::max(col - 1, 0)] + f[row * n + std::min(col + 1, n - 1)];
}

bool LbfEnv::valid_action(int agent, int action) const {
  const int n = config_.size;
  const int row = state_.players[agent].row;
  const int col = state_.players[agent].col;
  const uint8_t* f = field_.data();
  // Other players never make a move invalid; only the border and food do.
  switch (action) {
    case kLbfNone: return true;
    case kLbfNorth: return row > 0 && f[(row - 1) * n + col] == 0;
    case kLbfSouth: return row < n - 1 && f[(row + 1) * n + col] == 0;
    case kLbfWest: return col > 0 && f[row * n + col - 1] == 0;
    case kLbfEast: return col < n - 1 && f[row * n + col + 1] == 0;
    case kLbfLoad: return adjacent_food_sum(row, col) > 0;
    default: return false;
  }
}

void LbfEnv::step(const ActionView& actions, const EnvSlot& out) {
  const int P = config_.players;
  const int n = config_.size;
  const int32_t* act = actions.discrete;
  if (act == nullptr) throw std::invalid_argument("lbf: step() needs discrete actions");
  for (int i = 0; i < P; ++i)
    if (act[i] < 0 || act[i] >= kLbfNumActions)
      throw std::invalid_argument("lbf: agent " + std::to_string(i) + " action " +
                                  std::to_string(act[i]) + " is not an action id in [0, 5]");

  ++state_.current_step;
  double reward[LbfConfig::kMaxPlayers];
  int target_row[LbfConfig::kMaxPlayers], target_col[LbfConfig::kMaxPlayers];
  unsigned loading = 0;

  // Claims. An action outside the valid set becomes NONE silently; NONE and
  // LOAD claim the current cell, a move claims its target cell.
  for (int i = 0; i < P; ++i) {
    reward[i] = 0.0;
    int a = act[i];
    if (!valid_action(i, a)) a = kLbfNone;
    int row = state_.players[i].row, col = state_.players[i].col;
    switch (a) {
      case kLbfNorth: --row; break;
      case kLbfSouth: ++row; break;
      case kLbfWest: --col; break;
      case kLbfEast: ++col; break;
      case kLbfLoad: loading |= 1u << i; break;
      default: break;
    }
    target_row[i] = row;
    target_col[i] = col;
  }
  // A cell with exactly one claimant receives it; cells with two or more keep
  // all their claimants where they are. (Swaps succeed; a mover into the cell
  // of a blocked mover stacks on it.)
  for (int i = 0; i < P; ++i) {
    int claimants = 0;
    for (int j = 0; j < P; ++j)
      claimants += target_row[j] == target_row[i] && target_col[j] == target_col[i];
    if (claimants == 1) {
      state_.players[i].row = target_row[i];
      state_.players[i].col = target_col[i];
    }
  }

  // Loading, popping loaders in ascending player index (ember's fixed order
  // for upstream's set.pop()).
  while (loading != 0) {
    const int p = __builtin_ctz(loading);
    loading &= loading - 1;
    const int row = state_.players[p].row, col = state_.players[p].col;
    // First food N, S, W, E; the N and W lookups need row > 1 / col > 1 (quirk).
    int fr = -1, fc = -1;
    if (row > 1 && field_[(row - 1) * n + col] > 0) {
      fr = row - 1, fc = col;
    } else if (row < n - 1 && field_[(row + 1) * n + col] > 0) {
      fr = row + 1, fc = col;
    } else if (col > 1 && field_[row * n + col - 1] > 0) {
      fr = row, fc = col - 1;
    } else if (col < n - 1 && field_[row * n + col + 1] > 0) {
      fr = row, fc = col + 1;
    }
    // Only reachable from start states with food in row/col 0 (upstream raises
    // a TypeError there); ember lets the load do nothing.
    if (fr < 0) continue;
    const int food_level = field_[fr * n + fc];
    unsigned group = 1u << p;
    int group_level = state_.players[p].level;
    for (int j = 0; j < P; ++j) {
      if (j == p || !(loading & (1u << j))) continue;
      const int dr = state_.players[j].row - fr, dc = state_.players[j].col - fc;
      if (((dr == 1 || dr == -1) && dc == 0) || ((dc == 1 || dc == -1) && dr == 0)) {
        group |= 1u << j;
        group_level += state_.players[j].level;
      }
    }
    loading &= ~group;
    if (group_level < food_level) {
      for (int j = 0; j < P; ++j)
        if (group & (1u << j)) reward[j] -= config_.penalty;
      continue;
    }
    for (int j = 0; j < P; ++j) {
      if (!(group & (1u << j))) continue;
      const double r = static_cast<double>(state_.players[j].level * food_level);
      reward[j] = config_.normalize_reward
                      ? r / static_cast<double>(group_level * state_.food_spawned)
                      : r;
    }
    remove_food(fr, fc);
    ++state_.foods_collected;
  }

  const bool terminated =
      state_.num_foods == 0 ||
      (config_.parity && state_.current_step >= config_.max_episode_steps);
  for (int i = 0; i < P; ++i) out.reward[i] = static_cast<float>(reward[i]);
  *out.terminated = terminated ? 1 : 0;
  write_outputs(out);
}

void LbfEnv::episode_metrics(double* out) const {
  out[0] = state_.foods_collected;
  out[1] = state_.foods_at_start;
  out[2] = state_.num_foods == 0 ? 1.0 : 0.0;
}

std::string LbfEnv::describe() const {
  const int n = config_.size;
  std::string grid;
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      char ch = '.';
      int on_cell = 0;
      for (int i = 0; i < config_.players; ++i)
        if (state_.players[i].row == r && state_.players[i].col == c) {
          if (on_cell++ == 0) ch = static_cast<char>('A' + i);
        }
      if (on_cell > 1) ch = static_cast<char>(ch - 'A' + 'a');
      if (on_cell == 0 && field_[r * n + c] > 0) {
        const int level = field_[r * n + c];
        ch = level < 10 ? static_cast<char>('0' + level) : '+';
      }
      grid += ch;
    }
    grid += '\n';
  }
  std::string players = "step " + std::to_string(state_.current_step) + "; levels";
  for (int i = 0; i < config_.players; ++i)
    players += std::string(" ") + static_cast<char>('A' + i) + "=" +
               std::to_string(state_.players[i].level);
  return grid + players + "\n";
}

}  // namespace ember
