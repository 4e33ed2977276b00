// Smoke tests of the multi-agent learners on small Level-Based Foraging
// grids: each trains briefly and must beat the uniform random policy by a
// clear margin in greedy evaluation. The long runs of the targets
// (2M / 20M steps on the EPyMARL tasks) live in scripts/bench_lbf.sh.

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "agents/register_builtin.h"
#include "core/evaluator.h"
#include "core/random_policy.h"
#include "core/registry.h"
#include "core/rollout.h"
#include "core/stats.h"
#include "core/vector_env.h"
#include "envs/register_builtin.h"

namespace ember {
namespace {

class MultiAgentSmoke : public ::testing::Test {
 protected:
  void SetUp() override {
    set_torch_threads(1);
    register_builtin_envs(registry_);
    register_builtin_agents(registry_);
  }

  std::unique_ptr<VectorEnv> lbf(int n, int64_t size, bool coop, const std::string& action_mask = "all") {
    const EnvRegistration* reg = registry_.find_env("lbf");
    Params p = Params::defaults(reg->params);
    p.set("action_mask", action_mask);
    p.set("size", size);
    p.set("players", int64_t{2});
    p.set("food", int64_t{1});
    p.set("coop", coop);
    p.set("max_episode_steps", int64_t{25});
    std::vector<std::unique_ptr<Env>> envs;
    for (int i = 0; i < n; ++i) envs.push_back(reg->make(p));
    return std::make_unique<VectorEnv>(std::move(envs), 1);
  }

  std::unique_ptr<Agent> agent(const std::string& id, const VectorEnv& envs, int64_t steps,
                               std::vector<std::pair<std::string, ParamValue>> overrides) {
    const AgentRegistration* reg = registry_.find_agent(id);
    params_ = Params::defaults(reg->params);
    for (auto& kv : overrides) params_.set(kv.first, kv.second);
    spec_ = envs.spec();
    return reg->make({params_, spec_, envs.num_envs(), 11, steps});
  }

  // Trains for `steps` env steps through collect().
  void train(Agent& a, VectorEnv& envs, int64_t steps) {
    envs.reset(3);
    int64_t done = 0;
    while (done < steps) {
      collect(envs, a.behaviour_policy(), CollectLimit::steps(a.rollout_length()), a.sink(), nullptr);
      done += a.rollout_length() * envs.num_envs();
      a.update({done, steps});
    }
  }

  // The trained behaviour policy (sampling, or epsilon-greedy at its final
  // epsilon): on these tiny grids a deterministic greedy policy often
  // deadlocks two agents against each other, which hides what was learned.
  double evaluate_behaviour(Agent& a, VectorEnv& eval_envs) {
    return mean_of(evaluate(a.behaviour_policy(), eval_envs, 200, 777).returns);
  }

  double random_return(VectorEnv& eval_envs) {
    RandomPolicy random(eval_envs.spec(), 5);
    return mean_of(evaluate(random, eval_envs, 100, 777).returns);
  }

  Registry registry_;
  Params params_;
  EnvSpec spec_;
};

// Each value-based learner beats random play on 5x5-2p-1f within 80k steps.
TEST_F(MultiAgentSmoke, ValueBasedLearnersBeatRandom) {
  for (const std::string id : {"qmix", "vdn", "iql"}) {
    auto envs = lbf(8, 5, false);
    auto eval_envs = lbf(8, 5, false);
    std::vector<std::pair<std::string, ParamValue>> overrides = {{"epsilon_anneal_steps", int64_t{10000}}};
    if (id == "iql") overrides.emplace_back("hidden", int64_t{32});  // a small GRU keeps the test fast
    auto a = agent(id, *envs, 80000, overrides);
    train(*a, *envs, 80000);
    const double learned = evaluate_behaviour(*a, *eval_envs), random = random_return(*eval_envs);
    EXPECT_GT(learned, random + 0.1) << id << ": random " << random << ", learned " << learned;
    RecordProperty(id + "_return", std::to_string(learned) + " (random " + std::to_string(random) + ")");
  }
}

// IPPO and MAPPO beat random play on 5x5-2p-1f within 100k steps.
TEST_F(MultiAgentSmoke, PolicyGradientLearnersBeatRandom) {
  for (const std::string id : {"ippo", "mappo"}) {
    auto envs = lbf(8, 5, false);
    auto eval_envs = lbf(8, 5, false);
    auto a = agent(id, *envs, 100000, {});
    train(*a, *envs, 100000);
    const double learned = evaluate_behaviour(*a, *eval_envs), random = random_return(*eval_envs);
    EXPECT_GT(learned, random + 0.2) << id << ": random " << random << ", learned " << learned;
  }
}

// IPPO with a GRU actor (EPyMARL's rnn agent) beats random play too, and its
// greedy policy (which keeps a memory) does better than random as well.
TEST_F(MultiAgentSmoke, RecurrentIppoBeatsRandom) {
  auto envs = lbf(8, 5, false);
  auto eval_envs = lbf(8, 5, false);
  auto a = agent("ippo", *envs, 50000, {{"recurrent", true}, {"rollout_length", int64_t{64}}});
  train(*a, *envs, 50000);
  const double learned = evaluate_behaviour(*a, *eval_envs), random = random_return(*eval_envs);
  EXPECT_GT(learned, random + 0.2) << "random " << random << ", learned " << learned;
  const double greedy = mean_of(evaluate(a->greedy_policy(), *eval_envs, 100, 777).returns);
  EXPECT_GT(greedy, random + 0.1) << "random " << random << ", greedy " << greedy;
  RecordProperty("returns", std::to_string(learned) + " sampled, " + std::to_string(greedy) + " greedy, random " +
                                std::to_string(random));
}

// PPO respects an env's legal-action mask when it samples, acts greedily and
// (with the same masked distribution) learns.
TEST_F(MultiAgentSmoke, IppoOnlyTakesLegalActions) {
  for (const bool recurrent : {false, true}) {
    auto envs = lbf(4, 5, false, "valid");
    auto a = agent("ippo", *envs, 4000, {{"recurrent", recurrent}, {"rollout_length", int64_t{32}}});
    envs->reset(3);
    const int64_t n = envs->spec().action.nvec[0], rows = envs->num_envs() * envs->num_agents();
    int64_t masked_out = 0;
    for (int step = 0; step < 256; ++step) {
      Policy& policy = step % 2 ? a->behaviour_policy() : a->greedy_policy();
      policy.act(*envs);
      for (int64_t r = 0; r < rows; ++r) {
        const int32_t action = envs->discrete_actions()[r];
        ASSERT_EQ(envs->action_mask()[r * n + action], 1) << "row " << r << " took illegal action " << action;
        for (int64_t k = 0; k < n; ++k) masked_out += envs->action_mask()[r * n + k] == 0;
      }
      envs->step();
      policy.on_step_end(*envs);
    }
    EXPECT_GT(masked_out, 0);  // the mask did exclude actions
    train(*a, *envs, 4000);    // and learning from masked rollouts runs
  }
}

// MANSA learns, and reports the share of evaluation steps where CL acted.
TEST_F(MultiAgentSmoke, MansaBeatsRandomAndReportsClFraction) {
  auto envs = lbf(8, 5, false);
  auto eval_envs = lbf(8, 5, false);
  auto a = agent("mansa", *envs, 40000, {{"epsilon_anneal_steps", int64_t{10000}}, {"il_hidden", int64_t{32}}, {"cl_hidden", int64_t{32}}});
  train(*a, *envs, 40000);
  const double learned = evaluate_behaviour(*a, *eval_envs), random = random_return(*eval_envs);
  EXPECT_GT(learned, random + 0.1) << "random " << random << ", learned " << learned;
  evaluate(a->greedy_policy(), *eval_envs, 20, 777);
  const Metrics m = a->evaluation_metrics();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].first, "cl_fraction");
  EXPECT_GE(m[0].second, 0.0);
  EXPECT_LE(m[0].second, 1.0);
}

// MANSA's policy-gradient pair (IPPO + MAPPO) learns and reports cl_fraction.
TEST_F(MultiAgentSmoke, MansaPolicyGradientPairBeatsRandom) {
  auto envs = lbf(8, 5, false);
  auto eval_envs = lbf(8, 5, false);
  auto a = agent("mansa", *envs, 100000, {{"il", std::string("ippo")}, {"cl", std::string("mappo")}});
  train(*a, *envs, 100000);
  const double learned = evaluate_behaviour(*a, *eval_envs), random = random_return(*eval_envs);
  EXPECT_GT(learned, random + 0.2) << "random " << random << ", learned " << learned;
  evaluate(a->greedy_policy(), *eval_envs, 20, 777);
  const double fraction = a->evaluation_metrics()[0].second;
  EXPECT_GE(fraction, 0.0);
  EXPECT_LE(fraction, 1.0);
  // a pair that does not exist is refused
  EXPECT_THROW(agent("mansa", *envs, 1000, {{"il", std::string("ippo")}, {"cl", std::string("qmix")}}),
               std::invalid_argument);
}

// Sampling evaluation (eval.deterministic: false) samples Global too, in both
// pairs: an untrained Global (logits near 0, so pi(CL) near 0.5) then calls CL
// on about half the steps, where a greedy switch makes one choice per state.
TEST_F(MultiAgentSmoke, MansaSamplingEvaluationSamplesTheSwitch) {
  auto envs = lbf(4, 5, false);
  for (const auto& [il, cl] : {std::pair<std::string, std::string>{"iql", "qmix"}, {"ippo", "mappo"}}) {
    std::vector<std::pair<std::string, ParamValue>> overrides = {{"il", il}, {"cl", cl}};
    if (il == "iql") overrides.insert(overrides.end(), {{"il_hidden", int64_t{16}}, {"cl_hidden", int64_t{16}}});
    auto a = agent("mansa", *envs, 1000, overrides);
    evaluate(a->evaluation_policy(/*deterministic=*/false), *envs, 20, 5);
    EXPECT_NEAR(a->evaluation_metrics()[0].second, 0.5, 0.12) << il << " + " << cl;
  }
}

// The value pair's il_/cl_ keys reach their learner (a GRU CL has more
// weights to checkpoint than the MLP default); the policy-gradient pair
// refuses the value pair's keys instead of ignoring them.
TEST_F(MultiAgentSmoke, MansaLearnerKeysConfigureTheirLearner) {
  auto envs = lbf(4, 5, false);
  auto checkpoint_bytes = [&](bool cl_recurrent) {
    auto a = agent("mansa", *envs, 1000,
                   {{"cl_recurrent", cl_recurrent}, {"il_hidden", int64_t{16}}, {"cl_hidden", int64_t{16}}});
    std::ostringstream out;
    a->save(out);
    return out.str().size();
  };
  EXPECT_GT(checkpoint_bytes(true), checkpoint_bytes(false));
  for (const auto& [key, value] : std::vector<std::pair<std::string, ParamValue>>{{"cl_lr", 1e-3}, {"batch_size", int64_t{8}}})
    EXPECT_THROW(agent("mansa", *envs, 1000, {{"il", std::string("ippo")}, {"cl", std::string("mappo")}, {key, value}}),
                 std::invalid_argument)
        << key;
}

// The random-switching control calls CL with exactly its probability's
// extremes, and about that share of steps in between.
TEST_F(MultiAgentSmoke, MansaRandomSwitchingControlCallsClAtItsRate) {
  auto eval_envs = lbf(4, 5, false);
  for (const double p : {0.0, 0.3, 1.0}) {
    auto a = agent("mansa", *eval_envs, 1000,
                   {{"switch_policy", std::string("random")}, {"random_cl_probability", p}, {"il_hidden", int64_t{16}}, {"cl_hidden", int64_t{16}}});
    evaluate(a->greedy_policy(), *eval_envs, 20, 5);
    const double fraction = a->evaluation_metrics()[0].second;
    if (p == 0.0 || p == 1.0)
      EXPECT_EQ(fraction, p);
    else
      EXPECT_NEAR(fraction, p, 0.06);
  }
}

// A per-episode CL budget caps CL's steps even when Global always asks for CL.
TEST_F(MultiAgentSmoke, MansaBudgetCapsClCallsPerEpisode) {
  auto eval_envs = lbf(4, 5, false);
  auto fraction = [&](int64_t budget) {
    auto a = agent("mansa", *eval_envs, 1000,
                   {{"switch_policy", std::string("random")}, {"random_cl_probability", 1.0},
                    {"budget", budget}, {"il_hidden", int64_t{16}}, {"cl_hidden", int64_t{16}}});
    const EvalResult r = evaluate(a->greedy_policy(), *eval_envs, 12, 5);
    int64_t shortest = 1 << 30;
    for (int64_t length : r.lengths) shortest = std::min(shortest, length);
    return std::make_pair(a->evaluation_metrics()[0].second, shortest);
  };
  EXPECT_EQ(fraction(0).first, 1.0);  // no budget: CL acts at every step
  const auto [capped, shortest] = fraction(3);
  EXPECT_GT(capped, 0.0);
  EXPECT_LE(capped, 3.0 / static_cast<double>(shortest) + 1e-9);  // at most 3 CL steps per episode
}

// Evaluation with eval.deterministic false acts epsilon-greedily at
// eval_epsilon: 0 is the greedy policy, 1 is uniform over the actions.
TEST_F(MultiAgentSmoke, QAgentEvaluationEpsilon) {
  auto eval_envs = lbf(4, 5, false);
  auto greedy_like = agent("vdn", *eval_envs, 1000, {{"eval_epsilon", 0.0}});
  EXPECT_EQ(evaluate(greedy_like->evaluation_policy(false), *eval_envs, 20, 9).returns,
            evaluate(greedy_like->greedy_policy(), *eval_envs, 20, 9).returns);

  auto uniform = agent("vdn", *eval_envs, 1000, {{"eval_epsilon", 1.0}});
  eval_envs->reset(3);
  const int64_t rows = eval_envs->num_envs() * 2;
  std::vector<std::set<int32_t>> greedy_actions(rows), sampled_actions(rows);
  for (int i = 0; i < 100; ++i) {  // the same observations every time
    uniform->greedy_policy().act(*eval_envs);
    for (int64_t r = 0; r < rows; ++r) greedy_actions[r].insert(eval_envs->discrete_actions()[r]);
    uniform->evaluation_policy(false).act(*eval_envs);
    for (int64_t r = 0; r < rows; ++r) sampled_actions[r].insert(eval_envs->discrete_actions()[r]);
  }
  for (int64_t r = 0; r < rows; ++r) {
    EXPECT_EQ(greedy_actions[r].size(), 1u);
    EXPECT_EQ(sampled_actions[r].size(), 6u);  // LBF's six actions, all legal under action_mask "all"
  }
}

// A Q-learning agent's checkpoint restores identical greedy behaviour.
TEST_F(MultiAgentSmoke, QAgentSaveLoadRoundTrip) {
  auto envs = lbf(4, 5, false);
  auto eval_envs = lbf(4, 5, false);
  auto a = agent("qmix", *envs, 5000, {{"batch_size", int64_t{4}}});
  train(*a, *envs, 5000);
  std::stringstream state;
  a->save(state);
  auto b = agent("qmix", *envs, 5000, {{"batch_size", int64_t{4}}});
  b->load(state);
  EXPECT_EQ(evaluate(a->greedy_policy(), *eval_envs, 20, 9).returns,
            evaluate(b->greedy_policy(), *eval_envs, 20, 9).returns);
}

}  // namespace
}  // namespace ember
