#!/usr/bin/env bash
# scripts/eval_transporter.sh CHECKPOINT [OUT] — the rows of
# benchmarks/results/tabletop_agents.md for one trained `transporter`
# checkpoint, on the test split at downsample 4:
#   (a) the learned Actor alone on the three primitives (lohoravens_primitives),
#   (b) the oracle planner + the learned Actor and
#   (c) ember's symbolic planner + the learned Actor on the ten long-horizon
#       tasks (lohoravens_long_horizon_ds4),
# each report into OUT/<row>/ (default runs/transporter_eval). EPISODES=N
# overrides the suites' 50 episodes per seed (2 seeds).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
checkpoint="${1:?usage: scripts/eval_transporter.sh CHECKPOINT [OUT]}"
out="${2:-runs/transporter_eval}"
ember="${EMBER:-build/ember}"
episodes=()
[[ -n "${EPISODES:-}" ]] && episodes=(--episodes "$EPISODES")
export OPENBLAS_NUM_THREADS=1
"$ember" eval benchmarks/suites/lohoravens_primitives.yaml --checkpoint "$checkpoint" \
  ${episodes[@]+"${episodes[@]}"} --out "$out/actor_alone"
for planner in oracle symbolic; do
  "$ember" eval benchmarks/suites/lohoravens_long_horizon_ds4.yaml \
    --config "configs/tabletop/planner_${planner}_transporter.yaml" agent.actor_checkpoint="$checkpoint" \
    ${episodes[@]+"${episodes[@]}"} --out "$out/${planner}_planner"
done
