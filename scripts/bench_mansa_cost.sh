#!/usr/bin/env bash
# scripts/bench_mansa_cost.sh [COSTS] [STEPS] [SEEDS] [TASK] — MANSA's
# switching-cost sweep behind benchmarks/results/lbf.md: one run of
# configs/lbf/<TASK>_mansa.yaml per (cost, seed) with agent.switch_cost=<cost>
# and train.steps=<STEPS>, written to runs/lbf_bench/<TASK>_mansa_c<cost>_s<seed>
# with its wall-clock and peak RSS (<run>.time, a line per resumed segment);
# resumable like bench_lbf.sh (scripts/lib/run_or_resume.sh), JOBS=N at a time.
# Then the summary table (the eval cl_fraction column is the sweep's answer).
#   scripts/bench_mansa_cost.sh "0 0.001 0.01 0.1" 400000 "1"
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/lib/run_or_resume.sh
costs="${1:-0 0.001 0.01 0.1}"
steps="${2:-400000}"
seeds="${3:-1}"
task="${4:-8x8-2p-2f-coop}"
out="runs/lbf_bench"
mkdir -p "$out"
export OPENBLAS_NUM_THREADS=1
runs=()
for cost in $costs; do
  for seed in $seeds; do
    name="${task}_mansa_c${cost}_s${seed}"
    queue_run "$out" "$name" "configs/lbf/${task}_mansa.yaml" train.seed="$seed" train.steps="$steps" \
      agent.switch_cost="$cost"
    runs+=("$out/$name")
  done
done
wait_for_runs
scripts/summarize_runs.sh "${runs[@]}"
