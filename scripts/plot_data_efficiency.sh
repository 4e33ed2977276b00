#!/usr/bin/env bash
# scripts/plot_data_efficiency.sh OUT.png "TITLE" DEMOS=EPISODES_CSV... — the
# Transporter papers' data-efficiency chart: success rate per task against
# the number of demonstrations per task (log scale), from the episodes.csv
# that `ember eval` writes (an episode succeeds when its return, the score,
# exceeds 0.99, the env's success rule). Several files for one DEMOS count
# (training seeds) are pooled. Error bars: 95% Wilson intervals over the
# pooled episodes. Also writes OUT.csv (demos, task, successes, episodes,
# rate, low, high). Needs gnuplot (scripts/setup.sh installs it).
#   scripts/plot_data_efficiency.sh benchmarks/results/plots/transporter_data_efficiency.png \
#     "Transporter, 3 primitives" 1=runs/transporter_eval/d1_s1/actor_alone/episodes.csv ...
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: $0 OUT.png TITLE DEMOS=EPISODES_CSV..." >&2
  exit 2
fi
out="$1" title="$2"
shift 2
for spec in "$@"; do
  n="${spec%%=*}" file="${spec#*=}"
  if [[ "$n" == "$spec" || ! "$n" =~ ^[0-9]+$ || ! -f "$file" ]]; then
    echo "$0: '$spec' is not DEMOS=EPISODES_CSV with an existing file" >&2
    exit 2
  fi
done
csv="${out%.png}.csv"
tmp_csv="$(mktemp "${csv}.XXXXXX")" tmp_png="$(mktemp "${out}.XXXXXX.png")"
trap 'rm -f "$tmp_csv" "$tmp_png"' EXIT
{
  echo "demos,task,successes,episodes,rate,low,high"
  for spec in "$@"; do
    n="${spec%%=*}" file="${spec#*=}"
    awk -F, -v n="$n" 'NR > 1 { total[$1]++; if ($5 + 0 > 0.99) wins[$1]++ } END { for (t in total) print n "," t "," wins[t] + 0 "," total[t] }' "$file"
  done | sort -t, -k2,2 -k1,1n | awk -F, -v OFS=, '
    # pool the files of one (demos, task), then the Wilson interval (z = 1.96)
    { key = $1 "," $2; if (!(key in s)) order[++k] = key; s[key] += $3; e[key] += $4 }
    END {
      for (i = 1; i <= k; i++) {
        key = order[i]; p = s[key] / e[key]; z = 1.96; d = 1 + z * z / e[key]
        c = (p + z * z / (2 * e[key])) / d; h = z * sqrt(p * (1 - p) / e[key] + z * z / (4 * e[key] * e[key])) / d
        print key, s[key], e[key], p, c - h, c + h
      }
    }'
} >"$tmp_csv"
tasks=$(awk -F, 'NR > 1 { print $2 }' "$tmp_csv" | sort -u)
plots=()
for task in $tasks; do
  plots+=("'< grep \",$task,\" $tmp_csv' using 1:5:6:7 with yerrorlines pt 7 title '$task'")
done
{
  echo "set terminal pngcairo size 900,540 noenhanced font 'sans,11'"
  echo "set datafile separator ','"
  echo "set key top left"
  echo "set grid"
  echo "set logscale x"
  echo "set xrange [0.7:1500]"
  echo "set yrange [0:1.05]"
  echo "set xlabel 'demonstrations per task'"
  echo "set ylabel 'test success rate (95% Wilson interval)'"
  echo "set title '$title'"
  echo "set output '$tmp_png'"
  (IFS=,; echo "plot ${plots[*]}")
} | gnuplot
chmod 644 "$tmp_png" "$tmp_csv"
mv "$tmp_csv" "$csv"
mv "$tmp_png" "$out"
trap - EXIT
