#!/usr/bin/env bash
# scripts/eval_codebook.sh [VARIANTS] [SEEDS] — the test-house evaluation of
# benchmarks/results/codebook.md: for each variant, `ember eval` of the final
# checkpoints of runs/codebook_bench/<variant>_s<seed> (all seeds pooled into
# one row: 3 seeds x 3 evaluation seeds x 70 episodes, IQM and bootstrap CI
# over the runs) on benchmarks/suites/objectnav_starter.yaml, the policy
# sampling its actions, and the mean Success and SPL with 95% bootstrap CIs
# over those runs; then, from each run's eval.csv (training-time
# evaluations, 48 episodes every 50k steps), the first step at which Success
# reached LEVEL (default 0.10) and the maximum Success.
#   scripts/eval_codebook.sh "cnn codebook" "1 2 3"
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
variants="${1:-cnn codebook}"
seeds="${2:-1 2 3}"
level="${LEVEL:-0.10}"
ember="${EMBER:-build/ember}"
for variant in $variants; do
  args=()
  for seed in $seeds; do args+=(--checkpoint "runs/codebook_bench/${variant}_s${seed}/checkpoints/latest.ckpt"); done
  OPENBLAS_NUM_THREADS=1 "$ember" eval benchmarks/suites/objectnav_starter.yaml "${args[@]}" \
    --out "runs/codebook_eval/$variant" eval.deterministic=false | grep '^| ObjectNav' | sed "s/visual_ppo/$variant/"
  for metric in success spl; do
    read -r -a values <<<"$(grep -o "\"$metric\": [0-9.e-]*" "runs/codebook_eval/$variant/results.json" | awk '{ print $2 }' | tr '\n' ' ')"
    echo "$variant $metric over ${#values[@]} runs: $(bootstrap "${values[@]}")"
  done
done
echo
echo "| run | first eval Success >= $level at | max eval Success (step) | final eval Success |"
echo "|---|---|---|---|"
for variant in $variants; do
  for seed in $seeds; do
    awk -F, -v level="$level" -v run="${variant}_s${seed}" '
      NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      { s = $col["eval/success"] + 0; step = $col["step"] + 0
        if (first == "" && s >= level) first = step
        if (s > best) { best = s; best_step = step }
        last = s }
      END { printf "| %s | %s | %.3f (%d) | %.3f |\n", run, (first == "" ? "never" : first), best, best_step, last }
    ' "runs/codebook_bench/${variant}_s${seed}/eval.csv"
  done
done
