#!/usr/bin/env bash
# scripts/eval_transporter.sh CHECKPOINT [OUT] — the rows of
# benchmarks/results/tabletop_agents.md for one trained `transporter`
# checkpoint, on the test split at the maps the checkpoint was trained on
# (the suites take downsample and antialias from the candidate):
#   (a) the learned Actor alone on the three primitives (lohoravens_primitives),
#   (b) the oracle planner + the learned Actor and
#   (c) ember's symbolic planner + the learned Actor on the ten long-horizon
#       tasks (lohoravens_long_horizon),
# each report into OUT/<row>/ (default runs/transporter_eval). EPISODES=N
# overrides the suites' 50 episodes per seed (2 seeds). ROWS="a b c" picks
# rows (e.g. ROWS=c on a second core while ROWS="a b" runs on the first).
# For (b) and (c) the planner configs' env section must show the actor the
# maps it was trained on: DOWNSAMPLE (default 4) and ANTIALIAS (default
# false) set them.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
checkpoint="${1:?usage: scripts/eval_transporter.sh CHECKPOINT [OUT]}"
out="${2:-runs/transporter_eval}"
ember="${EMBER:-build/ember}"
rows=" ${ROWS:-a b c} "
episodes=()
[[ -n "${EPISODES:-}" ]] && episodes=(--episodes "$EPISODES")
export OPENBLAS_NUM_THREADS=1
if [[ "$rows" == *" a "* ]]; then
  "$ember" eval benchmarks/suites/lohoravens_primitives.yaml --checkpoint "$checkpoint" \
    ${episodes[@]+"${episodes[@]}"} --out "$out/actor_alone"
fi
for planner in oracle symbolic; do
  row=b
  [[ "$planner" == symbolic ]] && row=c
  [[ "$rows" == *" $row "* ]] || continue
  "$ember" eval benchmarks/suites/lohoravens_long_horizon.yaml \
    --config "configs/tabletop/planner_${planner}_transporter.yaml" agent.actor_checkpoint="$checkpoint" \
    env.downsample="${DOWNSAMPLE:-4}" env.antialias="${ANTIALIAS:-false}" \
    ${episodes[@]+"${episodes[@]}"} --out "$out/${planner}_planner"
done
