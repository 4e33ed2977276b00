#!/usr/bin/env bash
# scripts/bench_transporter.sh [DEMOS] [SEEDS] — the learned-primitive runs
# behind benchmarks/results/tabletop_agents.md: configs/tabletop/transporter_primitives.yaml
# with agent.max_demos=<n> (demonstrations per primitive task; the Transporter
# papers' 1 / 10 / 100 / 1000 protocol) and train.seed=<seed>, into
# runs/transporter_bench/d<n>_s<seed>, resumable (scripts/lib/run_or_resume.sh),
# JOBS at a time (one per core: the config trains on one torch thread). The
# demonstrations come first: scripts/record_transporter_demos.sh 1000 4.
#   JOBS=2 scripts/bench_transporter.sh "1 10 100 1000" "1"
# OVERRIDES="k=v ..." adds overrides to every run.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/lib/run_or_resume.sh
counts="${1:-1 10 100 1000}"
seeds="${2:-1}"
read -r -a overrides <<<"${OVERRIDES:-}"
out="runs/transporter_bench"
mkdir -p "$out"
export OPENBLAS_NUM_THREADS=1
for seed in $seeds; do
  for n in $counts; do
    queue_run "$out" "d${n}_s${seed}" configs/tabletop/transporter_primitives.yaml agent.max_demos="$n" \
      train.seed="$seed" ${overrides[@]+"${overrides[@]}"}
  done
done
wait_for_runs
