#!/usr/bin/env bash
# scripts/plot_codebook.sh CHECKPOINT OUT_DIR [PREFIX] — pictures of what a
# trained codebook policy's bottleneck selects: runs ember_codebook_probe
# (benchmarks/codebook_probe.cpp) on 30 test-house episodes, then draws
# OUT_DIR/code_usage.csv as a histogram (mean code probability by rank, most
# used first, log scale) with gnuplot. Writes into OUT_DIR:
# <PREFIX>code_usage.png, <PREFIX>code_strips.png, <PREFIX>goal_codes.png.
#   scripts/plot_codebook.sh runs/codebook_bench/codebook_s1/checkpoints/latest.ckpt benchmarks/results/plots codebook_s1_
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 CHECKPOINT OUT_DIR [PREFIX]" >&2
  exit 2
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
checkpoint="$1" out="$2" prefix="${3:-}"
probe_dir="$(mktemp -d)"
trap 'rm -rf "$probe_dir"' EXIT
OPENBLAS_NUM_THREADS=1 "$repo/build/benchmarks/ember_codebook_probe" --checkpoint "$checkpoint" --out "$probe_dir" \
  --episodes "${EPISODES:-30}" --frames "${FRAMES:-8}"
mkdir -p "$out"
gnuplot <<GP
set terminal pngcairo size 800,360 font ",10"
set output "$probe_dir/code_usage.png"
set datafile separator ","
set title "Code usage over test-house frames (uniform = 1/256)"
set xlabel "code rank (most used first)"
set ylabel "mean probability"
set logscale y
set xrange [-1:256]
set style fill solid 1.0 noborder
set boxwidth 0.8
set key off
plot "$probe_dir/code_usage.csv" using 2:3 every ::1 with boxes lc rgb "#c0392b", 1.0/256 with lines dt 2 lc rgb "black"
GP
for f in code_usage.png code_strips.png goal_codes.png; do cp "$probe_dir/$f" "$out/$prefix$f"; done
cp "$probe_dir/code_usage.csv" "$out/${prefix}code_usage.csv"
