#!/usr/bin/env bash
# scripts/summarize_runs.sh RUN_DIR... — one markdown row per run directory:
# final and maximum evaluation return (with the final 95% CI), env
# steps, wall-clock, peak RSS (when RUN_DIR.time from /usr/bin/time -f "%e %M"
# exists), the first evaluation step at or above 0.95 (THRESHOLD) and, for
# agents that report it, the final eval cl_fraction. With several runs (the
# seeds of one learner), a last line gives the mean final and max returns
# across them with a 95% percentile-bootstrap CI (10,000 resamples, fixed seed).
set -euo pipefail
threshold="${THRESHOLD:-0.95}"
echo "| run | env steps | final eval return [95% CI] | max eval return | first eval >= $threshold at | eval cl_fraction | wall-clock (s) | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|---|"
finals=() maxima=()
for run in "$@"; do
  eval_csv="$run/eval.csv"
  [[ -f "$eval_csv" ]] || { echo "| $(basename "$run") | (no eval.csv) | | | | | | |"; continue; }
  row=$(awk -F, -v threshold="$threshold" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
      step = $col["step"] + 0; wall = $col["wall_time"]; mean = $col["eval/return_mean"]
      lo = $col["eval/return_ci_low"]; hi = $col["eval/return_ci_high"]
      cl = ("eval/cl_fraction" in col) ? sprintf("%.3f", $col["eval/cl_fraction"]) : "-"
      if (mean > best) best = mean
      if (first == "" && mean >= threshold) first = sprintf("%d", step)
    }
    END { printf "%d | %.3f [%.3f, %.3f] | %.3f | %s | %s | %.0f", step, mean, lo, hi, best, (first == "" ? "-" : first), cl, wall }' "$eval_csv")
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

# mean and 95% bootstrap CI of the mean over runs (POSIX awk, so the resampling
# is sorted by sort; the figures are those of Debian's default awk, mawk)
bootstrap() {
  local mean
  mean=$(printf '%s\n' "$@" | awk '{ total += $1 } END { printf "%.3f", total / NR }')
  printf '%s\n' "$@" | awk '{ v[NR] = $1 } END {
      srand(1)
      for (b = 1; b <= 10000; b++) {
        s = 0
        for (i = 1; i <= NR; i++) s += v[1 + int(rand() * NR)]
        print s / NR
      }
    }' | sort -g | awk -v mean="$mean" 'NR == 250 { lo = $1 } NR == 9751 { hi = $1 } END { printf "%s [%.3f, %.3f]", mean, lo, hi }'
}
if [[ ${#finals[@]} -gt 1 ]]; then
  echo "| across ${#finals[@]} runs: final mean [95% CI] $(bootstrap "${finals[@]}"), max mean [95% CI] $(bootstrap "${maxima[@]}") | | | | | | | |"
fi
