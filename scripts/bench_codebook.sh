#!/usr/bin/env bash
# scripts/bench_codebook.sh [VARIANTS] [SEEDS] — the ObjectNav learning runs
# behind benchmarks/results/codebook.md: configs/navigation/ppo_<variant>.yaml
# (variants "cnn", the no-codebook baseline, and "codebook") with
# train.seed=<seed>, into runs/codebook_bench/<variant>_s<seed>, resumable
# (scripts/lib/run_or_resume.sh), two at a time with JOBS=2 (one per core:
# the configs train on one torch thread), then summarised:
#   JOBS=2 scripts/bench_codebook.sh "cnn codebook" "1 2 3"
# OVERRIDES="k=v ..." adds overrides to every run and TAG names them
# (<variant>_<TAG>_s<seed>).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source scripts/lib/run_or_resume.sh
variants="${1:-cnn codebook}"
seeds="${2:-1 2 3}"
read -r -a overrides <<<"${OVERRIDES:-}"
tag="${TAG:+_$TAG}"
out="runs/codebook_bench"
mkdir -p "$out"
export OPENBLAS_NUM_THREADS=1
runs=()
for seed in $seeds; do  # seed-major: with JOBS=2 both variants of a seed run side by side
  for variant in $variants; do
    name="${variant}${tag}_s${seed}"
    queue_run "$out" "$name" "configs/navigation/ppo_${variant}.yaml" train.seed="$seed" \
      ${overrides[@]+"${overrides[@]}"}
    runs+=("$out/$name")
  done
done
wait_for_runs
scripts/summarize_runs.sh "${runs[@]}"
