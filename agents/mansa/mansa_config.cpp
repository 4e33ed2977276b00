#include "agents/mansa/mansa_config.h"

namespace ember {

const ParamTable<SwitcherConfig>& SwitcherConfig::param_table() {
  using C = SwitcherConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .real("switch_cost", &C::cost, 0.0, 1e6, "cost c charged to Global for every step CL acts")
          .integer("budget", &C::budget, 0, 1 << 20, "CL calls allowed per episode (0 = unlimited)")
          .string("switch_policy", &C::policy, {"learned", "random"},
                  "learned: Global (PPO) decides; random: the control, CL acts with random_cl_probability")
          .real("random_cl_probability", &C::random_cl_probability, 0.0, 1.0,
                "switch_policy=random: probability that CL acts at a step (match a learned run's cl_fraction)")
          .real("switch_lr", &C::lr, 0.0, 1.0, "Global's Adam learning rate")
          .integer("switch_epochs", &C::epochs, 1, 1000, "Global's PPO epochs per update")
          .integer("switch_minibatches", &C::minibatches, 1, 1 << 16, "Global's PPO minibatches per epoch")
          .real("switch_gamma", &C::gamma, 0.0, 1.0, "Global's discount")
          .real("switch_ent_coef", &C::ent_coef, 0.0, 10.0, "Global's entropy bonus")
          .integer("switch_hidden", &C::hidden, 1, 1 << 16, "Global's hidden width");
  return table;
}

const ParamTable<MansaValuePairConfig>& MansaValuePairConfig::param_table() {
  using C = MansaValuePairConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .boolean("share_data", &C::share_data, "train both learners on every step (ablation; default: own steps)")
          .embed(QTrainingConfig::param_table(), &C::training, Embedding::under("", "IL and CL: "))
          // IQL has no mixer: its mixer widths would configure nothing
          .embed(QLearnerConfig::param_table(), &C::il,
                 Embedding::under("il_", "IL (iql): ").without({"mixing_embed", "hypernet_embed"}))
          .embed(QLearnerConfig::param_table(), &C::cl, Embedding::under("cl_", "CL (qmix/vdn): "));
  return table;
}

const ParamTable<MansaConfig>& MansaConfig::param_table() {
  using C = MansaConfig;
  static const ParamTable<C> table =
      ParamTable<C>()
          .string("il", &C::il, {"iql", "ippo"},
                  "independent learner (acts when Global chooses 0); iql pairs with qmix/vdn, ippo with mappo")
          .string("cl", &C::cl, {"qmix", "vdn", "mappo"}, "centralised learner (acts when Global chooses 1)")
          .integer("learner_hidden", &C::learner_hidden, 0, 0,
                   "retired (must stay 0): set il_hidden and cl_hidden instead")
          .embed(SwitcherConfig::param_table(), &C::global)
          .integer("rollout_length", &C::rollout_length, 1, 1 << 20,
                   "vector steps between updates (Global's PPO rollout)")
          .embed(MansaValuePairConfig::param_table(), &C::value_pair,
                 Embedding::as_is().with_doc_suffix(" [value pair]"));
  return table;
}

MansaConfig MansaConfig::from_params(const Params& params) {
  MansaConfig c = param_table().fill(params);
  c.value_pair.il.mixer = "none";
  if (c.cl != "mappo") c.value_pair.cl.mixer = c.cl;
  return c;
}

std::vector<ParamSpec> mansa_param_specs() { return MansaConfig::param_table().specs(); }

}  // namespace ember
