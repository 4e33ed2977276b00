#!/usr/bin/env bash
# scripts/summarize_runs.sh RUN_DIR... — one markdown row per run directory:
# final and maximum evaluation return (with the final 95% CI), env steps, the
# first evaluation steps at or above 0.9 and 0.95, for agents that report it
# the final eval cl_fraction and the training cl_fraction (the mean of
# metrics.csv's mansa/cl_fraction rows over the run / over its last 1M steps),
# wall-clock, and peak RSS (when RUN_DIR.time from /usr/bin/time -f "%e %M"
# exists). With several runs (the seeds of one learner), a last line gives the
# mean final and max returns across them with a 95% percentile-bootstrap CI
# (10,000 resamples, fixed seed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
echo "| run | env steps | final eval return [95% CI] | max eval return | first eval >= 0.9 at | first eval >= 0.95 at | eval cl_fraction | training cl_fraction (run / last 1M) | wall-clock (s) | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
finals=() maxima=()
for run in "$@"; do
  eval_csv="$run/eval.csv"
  [[ -f "$eval_csv" ]] || { echo "| $(basename "$run") | (no eval.csv) | | | | | | | | |"; continue; }
  # each metrics.csv row holds cl_fraction over its log window (equal windows)
  train_cl="-"
  if [[ -f "$run/metrics.csv" ]]; then
    train_cl=$(awk -F, '
      NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      ("mansa/cl_fraction" in col) && $col["mansa/cl_fraction"] != "" {
        n++; step[n] = $col["step"] + 0; cl[n] = $col["mansa/cl_fraction"]; total += cl[n]
      }
      END {
        if (!n) { print "-"; exit }
        for (i = 1; i <= n; i++) if (step[i] > step[n] - 1000000) { late += cl[i]; m++ }
        printf "%.4f / %.4f", total / n, late / m
      }' "$run/metrics.csv")
  fi
  row=$(awk -F, -v train_cl="$train_cl" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
      step = $col["step"] + 0; wall = $col["wall_time"]; mean = $col["eval/return_mean"]
      lo = $col["eval/return_ci_low"]; hi = $col["eval/return_ci_high"]
      cl = ("eval/cl_fraction" in col) ? sprintf("%.3f", $col["eval/cl_fraction"]) : "-"
      if (mean > best) best = mean
      if (first90 == "" && mean >= 0.9) first90 = sprintf("%d", step)
      if (first95 == "" && mean >= 0.95) first95 = sprintf("%d", step)
    }
    END {
      printf "%d | %.3f [%.3f, %.3f] | %.3f | %s | %s | %s | %s | %.0f", step, mean, lo, hi, best,
             (first90 == "" ? "-" : first90), (first95 == "" ? "-" : first95), cl, train_cl, wall
    }' "$eval_csv")
  finals+=("$(cut -d'|' -f2 <<<"$row" | awk '{print $1}')")
  maxima+=("$(cut -d'|' -f3 <<<"$row" | tr -d ' ')")
  rss="-"
  # the .time file gets a "%e %M" line when each (resumed) segment of the run
  # ends, after a "Command exited ..." line if it was interrupted: the peak is
  # the largest %M
  if [[ -s "$run.time" ]]; then
    rss=$(awk 'NF == 2 && $2 ~ /^[0-9]+$/ && $2 > kb { kb = $2 } END { print (kb ? int(kb / 1024) : "-") }' "$run.time")
  fi
  echo "| $(basename "$run") | $row | $rss |"
done

if [[ ${#finals[@]} -gt 1 ]]; then
  echo "| across ${#finals[@]} runs: final mean [95% CI] $(bootstrap "${finals[@]}"), max mean [95% CI] $(bootstrap "${maxima[@]}") | | | | | | | | | |"
fi
