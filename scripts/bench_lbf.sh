#!/usr/bin/env bash
# scripts/bench_lbf.sh [TASKS] [LEARNERS] [SEEDS] — the long LBF learning runs
# behind benchmarks/results/lbf.md, one training process at a time (JOBS=2: two,
# one per core):
#   scripts/bench_lbf.sh "8x8-2p-2f-coop 10x10-3p-3f" "iql qmix ippo mappo mansa" "1 2 3"
# Each run is configs/lbf/<task>_<learner>.yaml with train.seed=<seed>, written
# to runs/lbf_bench/<task>_<learner>_s<seed> with its wall-clock and peak RSS
# (<run>.time, a line per resumed segment), then summarised with
# scripts/summarize_runs.sh. Budgets follow EPyMARL (2.05M steps value-based,
# 20.05M policy-gradient): the full table is many CPU-hours, so pick tasks and
# learners per session.
# OVERRIDES="k=v ..." adds config overrides to every run and TAG names them
# (<task>_<learner>_<TAG>_s<seed>), e.g. the lbforaging-v2 food-level runs:
#   OVERRIDES="env.food_levels=v2" TAG=v2 scripts/bench_lbf.sh "10x10-3p-3f" "qmix" "1"
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/lib/run_or_resume.sh
tasks="${1:-8x8-2p-2f-coop 10x10-3p-3f 15x15-4p-3f}"
learners="${2:-iql vdn qmix ippo mappo mansa}"
seeds="${3:-1 2 3}"
read -r -a overrides <<<"${OVERRIDES:-}"
tag="${TAG:+_$TAG}"
out="runs/lbf_bench"
mkdir -p "$out"
export OPENBLAS_NUM_THREADS=1
runs=()
for task in $tasks; do
  for learner in $learners; do
    for seed in $seeds; do
      name="${task}_${learner}${tag}_s${seed}"
      queue_run "$out" "$name" "configs/lbf/${task}_${learner}.yaml" train.seed="$seed" \
        ${overrides[@]+"${overrides[@]}"}
      runs+=("$out/$name")
    done
  done
done
wait_for_runs
scripts/summarize_runs.sh "${runs[@]}"
