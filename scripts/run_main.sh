#!/usr/bin/env bash
# scripts/run_main.sh — the main job on a fresh machine: install what is
# missing, build, train PPO on CartPole-v1 (configs/classic/cartpole_ppo.yaml),
# evaluate the trained checkpoint on the classic suite, print the results
# table. The run directory holds metrics, checkpoints and plots/*.png.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
scripts/setup.sh
scripts/build.sh
export OPENBLAS_NUM_THREADS=1
run_dir=$(build/ember train configs/classic/cartpole_ppo.yaml "$@" | tail -n 1)
build/ember eval benchmarks/suites/cartpole.yaml --checkpoint "$run_dir/checkpoints/latest.ckpt" \
  --out "$run_dir/suite_eval"
echo
echo "run directory: $run_dir (metrics.csv, eval.json, plots/returns.png, plots/eval.png)"
