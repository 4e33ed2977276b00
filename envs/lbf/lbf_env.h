// File: envs/lbf/lbf_env.h
//
// Level-Based Foraging (LBF): an exact port of the rules of lbforaging v3
// (semitable/lb-foraging 79f383b, `Foraging{-2s}-{s}x{s}-{p}p-{f}f{-coop}-v3`).
// The reference, with every quirk, is reference/lbf.md; the user-facing
// description and ember's own choices are in docs/envs/lbf.md.
//
// P agents on a square grid pick up foods. Each agent has six actions
// (0 NONE, 1 NORTH, 2 SOUTH, 3 WEST, 4 EAST, 5 LOAD); a food of level F is
// collected when the LOADing players next to it have levels summing to >= F,
// and each of them gets level_i * F / (L * food_spawned). Observations are the
// upstream vector (food slots, then player slots, self first), the global
// state is all agents' observations concatenated, and the action mask is all
// ones (as EPyMARL) or the valid actions (action_mask = "valid").
//
// Layout: the static configuration is fixed at construction; the dynamic
// state lives in one small struct (LbfState) plus a flat food field, so
// reset() and step() never allocate.
//
// Files: lbf_env.cpp (reset and step rules), lbf_observation.cpp (spaces and
// observations), lbf_start_state.cpp (reset_to_state and snapshots),
// register.cpp (the "lbf" registration and its parameters).
//
// Example:
//   LbfConfig config;                       // Foraging-8x8-2p-2f-v3
//   config.coop = true;                     // ... -coop-v3
//   LbfEnv env(config);
//   env.seed(1);
//   env.reset(slot);                        // slot.fields[0] -> float[2][12]
//   int32_t actions[2] = {kLbfLoad, kLbfEast};
//   env.step(ActionView{actions, nullptr}, slot);
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/env.h"
#include "core/rng.h"

namespace ember {

class Params;

enum LbfAction : int32_t {
  kLbfNone = 0,
  kLbfNorth = 1,  // row - 1
  kLbfSouth = 2,  // row + 1
  kLbfWest = 3,   // col - 1
  kLbfEast = 4,   // col + 1
  kLbfLoad = 5,
};
constexpr int kLbfNumActions = 6;

struct LbfConfig {
  enum class ActionMask { kAll, kValid };
  // How a non-coop food's level is drawn, given maxL (the sum of the 3 lowest
  // player levels): v3 uniform in [1, maxL]; v2 uniform in [1, maxL - 1], the
  // rule of lbforaging up to v2 (numpy's exclusive randint bound), which the
  // published EPyMARL results most likely ran under. Coop foods are maxL in both.
  enum class FoodLevels { kV3, kV2 };

  static constexpr int kMinSize = 5, kMaxSize = 19;
  static constexpr int kMinPlayers = 2, kMaxPlayers = 9;
  static constexpr int kMinFood = 1, kMaxFood = 9;
  static constexpr int kMaxLevel = 9;  // bound on max_player_level (food levels reach 3x that)

  int size = 8;            // square grid, size x size
  int players = 2;
  int food = 2;            // foods spawned at most (and food observation slots)
  int sight = 0;           // 0 = full observability (the grid size)
  bool coop = false;       // force_coop: every food has the maximum level
  int min_player_level = 1;
  int max_player_level = 2;
  double penalty = 0.0;    // subtracted from every member of a failed load
  bool normalize_reward = true;
  bool observe_agent_levels = true;
  int max_episode_steps = 50;
  // true: the step limit ends the episode as `terminated` (upstream flags).
  // false: the limit is EnvSpec::max_episode_steps, reported by VectorEnv as truncated.
  bool parity = false;
  ActionMask action_mask = ActionMask::kAll;
  FoodLevels food_levels = FoodLevels::kV3;

  // From the registry's declared params (missing keys keep the defaults).
  static LbfConfig from_params(const Params& params);
  // From an upstream id, e.g. "Foraging-2s-8x8-2p-2f-coop-v3" (the "Foraging-"
  // prefix and "-v3" suffix are optional; "-v2" sets food_levels to kV2).
  // Throws std::invalid_argument.
  static LbfConfig from_upstream_id(const std::string& id);
  // Throws std::invalid_argument naming the bad parameter and value.
  void validate() const;

  int effective_sight() const { return sight == 0 ? size : sight; }
  // Floats per player slot: (y, x, level), or (y, x) without levels.
  int player_slot_size() const { return observe_agent_levels ? 3 : 2; }
  // 3f + 3P (3f + 2P without levels).
  int obs_dim() const { return 3 * food + player_slot_size() * players; }
  // Observation bound of a food level: the sum of the 3 lowest maximum player
  // levels (4 for P = 2, 6 for P >= 3 with the registered levels).
  int max_food_level() const { return max_player_level * (players < 3 ? players : 3); }
};

struct LbfPlayer {
  int row = -1, col = -1, level = 0;
};

struct LbfFood {
  int row = 0, col = 0, level = 0;
};

// The whole dynamic state of one episode (the RNG lives beside it).
struct LbfState {
  std::array<LbfPlayer, LbfConfig::kMaxPlayers> players{};
  // The foods on the grid in row-major order (first num_foods entries), which
  // is the order of the observation's food slots.
  std::array<LbfFood, LbfConfig::kMaxFood> foods{};
  int num_foods = 0;
  int food_spawned = 0;     // sum of food levels at reset: the reward normaliser
  int foods_at_start = 0;   // number of foods at reset (episode metric)
  int foods_collected = 0;  // foods loaded this episode (episode metric)
  int current_step = 0;
  // False until the first reset: upstream's spawn avoids the previous
  // episode's player positions once there are any.
  bool positions_set = false;
};

class LbfEnv final : public Env {
 public:
  // Throws std::invalid_argument when the config is invalid.
  explicit LbfEnv(const LbfConfig& config);

  const EnvSpec& spec() const override { return spec_; }
  void seed(uint64_t seed) override { rng_.seed(seed); }
  void reset(const EnvSlot& out) override;
  void step(const ActionView& actions, const EnvSlot& out) override;
  // food_collected (count), food_spawned (count), success (1 when no food is left).
  void episode_metrics(double* out) const override;
  // The grid as text: '.' empty, a digit = food level, 'A'.. = players (lower
  // case when two or more players share a cell).
  std::string describe() const override;

  // Text snapshot: state, flat field and Rng; round trips exactly.
  void save_snapshot(std::ostream& out) const override;
  void load_snapshot(std::istream& in) override;
  // Keys: food: [{pos: [r, c], level: l}, ...], players: [{pos: [r, c], level: l}, ...]
  // (exactly `players` entries), optional food_spawned (default: the sum of the
  // food levels) and step (default 0). See docs/envs/lbf.md.
  void reset_to_state(const YAML::Node& state, const EnvSlot& out) override;

  const LbfConfig& config() const { return config_; }
  const LbfState& state() const { return state_; }
  // Food level at (row, col), 0 when empty; (row, col) must be on the grid.
  int food_at(int row, int col) const { return field_[row * config_.size + col]; }
  // Whether `action` is in agent `agent`'s valid set for the current state (§4.1).
  bool valid_action(int agent, int action) const;

  // Writes [players, obs_dim] floats: the observation of every agent.
  void write_observations(float* obs) const;

  // The spec of an env built from `config` (spaces with upstream's bounds).
  static EnvSpec make_spec(const LbfConfig& config);

 private:
  void spawn_players();
  void spawn_food(int max_level);
  void consume_permutation(int n);
  void place_food(int row, int col, int level);  // keeps foods row-major sorted
  void remove_food(int row, int col);
  void clear_food();
  int adjacent_food_sum(int row, int col) const;
  // Writes observations, state and action mask into `out`.
  void write_outputs(const EnvSlot& out) const;
  void write_action_mask(int32_t* mask) const;
  void check_observation_bounds(const float* obs) const;  // debug builds only

  LbfConfig config_;
  EnvSpec spec_;
  Rng rng_;
  LbfState state_;
  int sight_ = 0;  // effective sight
  std::array<uint8_t, LbfConfig::kMaxSize * LbfConfig::kMaxSize> field_{};  // food levels, row-major
};

}  // namespace ember
