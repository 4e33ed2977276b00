#!/usr/bin/env bash
# scripts/plot_runs.sh OUT.png "TITLE" LABEL=RUN_DIR... — the evaluation
# curves (mean return per evaluation) of several runs on one chart, e.g. the
# seeds of one learner, or several learners on one task:
#   scripts/plot_runs.sh benchmarks/results/plots/lbf_8x8coop_iql_seeds.png \
#     "IQL, 8x8-2p-2f-coop" "seed 1=runs/lbf/iql_8x8coop_s1" "seed 2=runs/lbf_bench/8x8-2p-2f-coop_iql_s2"
# KEY="top left" moves the legend (default bottom right, clear of curves that
# rise to 1; top left suits curves that stay low). COLUMN=eval/success plots
# another eval.csv column (YLABEL and YRANGE=lo:hi label and bound it). Needs gnuplot
# (scripts/setup.sh installs it). Writes OUT.png atomically.
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: $0 OUT.png TITLE LABEL=RUN_DIR..." >&2
  exit 2
fi
# gnuplot's single-quoted strings write a quote as two
quoted() { printf "'%s'" "${1//\'/\'\'}"; }
out="$1" title="$2"
shift 2
plots=()
for spec in "$@"; do
  label="${spec%%=*}" run="${spec#*=}"
  if [[ "$label" == "$spec" || ! -f "$run/eval.csv" ]]; then
    echo "$0: '$spec' is not LABEL=RUN_DIR with a RUN_DIR/eval.csv" >&2
    exit 2
  fi
  plots+=("$(quoted "$run/eval.csv") using 'step':$(quoted "${COLUMN:-eval/return_mean}") with linespoints pt 7 ps 0.4 title $(quoted "$label")")
done
tmp="$(mktemp "${out}.XXXXXX.png")"
trap 'rm -f "$tmp"' EXIT
{
  echo "set terminal pngcairo size 900,540 noenhanced font 'sans,11'"
  echo "set datafile separator ','"
  echo "set key ${KEY:-bottom right}"
  echo "set grid"
  echo "set xlabel 'environment steps'"
  echo "set ylabel $(quoted "${YLABEL:-evaluation return (mean of the evaluation episodes)}")"
  echo "set yrange [${YRANGE:-0:1.05}]"
  echo "set title $(quoted "$title")"
  echo "set output $(quoted "$tmp")"
  (IFS=,; echo "plot ${plots[*]}")
} | gnuplot
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
