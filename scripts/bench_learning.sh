#!/usr/bin/env bash
# scripts/bench_learning.sh [OUT_DIR] — the long learning benchmarks of the
# classic-control configs, written to benchmarks/results/classic.md:
#   - PPO on CartPole-v1, 3 seeds x 200k steps: the first evaluation step at
#     which the greedy mean return reaches 475, the wall-clock time then, the
#     whole run's time and peak memory (RSS, LibTorch included);
#   - PPO on Pendulum-v1, 1 seed x 1M steps: the learning curve.
# Runs one training process at a time (one core each, torch_threads=1).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
out="${1:-$repo/runs/bench_learning}"
ember="$repo/build/ember"
results="$repo/benchmarks/results"
mkdir -p "$out" "$results/plots"
export OPENBLAS_NUM_THREADS=1

machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
md="$results/classic.md"
{
  echo "# Classic control: PPO learning benchmarks"
  echo
  echo "Recorded by \`scripts/bench_learning.sh\` on $(date -u +%Y-%m-%d), machine: $machine,"
  echo "one training process at a time, \`train.torch_threads=1\`, \`env.num_threads=1\`."
  echo
  echo "## CartPole-v1 (configs/classic/cartpole_ppo.yaml, 200k steps, eval every 10k steps, 20 greedy episodes)"
  echo
  echo "| seed | first step with eval mean >= 475 | wall-clock then (s) | final eval mean | whole run (s) | peak RSS (MB) |"
  echo "|---|---|---|---|---|---|"
} >"$md"

for seed in 1 2 3; do
  name="cartpole_ppo_seed$seed"
  rm -rf "$out/$name"
  /usr/bin/time -f "%e %M" -o "$out/$name.time" \
    "$ember" train configs/classic/cartpole_ppo.yaml train.seed=$seed train.eval_every=10000 \
    --runs-dir "$out" --name "$name" >/dev/null 2>"$out/$name.log"
  read -r wall rss_kb <"$out/$name.time"
  # eval.csv columns: step, wall_time, eval/return_mean, ...
  first=$(awk -F, 'NR > 1 && $3 >= 475 { print $1 " " $2; exit }' "$out/$name/eval.csv")
  final=$(awk -F, 'END { print $3 }' "$out/$name/eval.csv")
  step_at=${first% *}
  wall_at=${first#* }
  printf '| %s | %s | %.2f | %s | %s | %d |\n' "$seed" "${step_at:-never}" "${wall_at:-0}" "$final" "$wall" \
    $((rss_kb / 1024)) >>"$md"
  cp "$out/$name/plots/eval.png" "$results/plots/cartpole_ppo_seed${seed}_eval.png" 2>/dev/null || true
done

name=pendulum_ppo_seed1
rm -rf "$out/$name"
/usr/bin/time -f "%e %M" -o "$out/$name.time" \
  "$ember" train configs/classic/pendulum_ppo.yaml --runs-dir "$out" --name "$name" >/dev/null 2>"$out/$name.log"
read -r wall rss_kb <"$out/$name.time"
{
  echo
  echo "Command: \`build/ember train configs/classic/cartpole_ppo.yaml train.seed=SEED train.eval_every=10000\`."
  echo
  echo "## Pendulum-v1 (configs/classic/pendulum_ppo.yaml, 1M steps, seed 1)"
  echo
  echo "Whole run: ${wall} s, peak RSS $((rss_kb / 1024)) MB. Evaluation (20 greedy episodes) along training:"
  echo
  echo "| step | eval mean return | 95% CI |"
  echo "|---|---|---|"
  awk -F, 'NR > 1 { printf "| %s | %.1f | [%.1f, %.1f] |\n", $1, $3, $5, $6 }' "$out/$name/eval.csv"
  echo
  echo "The random policy scores about -1200 on Pendulum-v1 (\`ember eval benchmarks/suites/classic.yaml --config configs/classic/random.yaml\`)."
  echo
  echo "![Pendulum eval curve](plots/pendulum_ppo_seed1_eval.png)"
  echo "![Pendulum training curve](plots/pendulum_ppo_seed1_returns.png)"
  echo "![CartPole eval curve, seed 1](plots/cartpole_ppo_seed1_eval.png)"
} >>"$md"
cp "$out/$name/plots/eval.png" "$results/plots/pendulum_ppo_seed1_eval.png" 2>/dev/null || true
cp "$out/$name/plots/returns.png" "$results/plots/pendulum_ppo_seed1_returns.png" 2>/dev/null || true
echo "wrote $md"
