#!/usr/bin/env bash
# scripts/bench_navigation.sh — builds ember_navigation_bench (Release) and
# records the objectnav speed, memory, VectorEnv and oracle tables in
# benchmarks/results/navigation.md, each between its markers
# <!-- bench:MODE --> ... <!-- /bench:MODE -->, the exact command included.
#   scripts/bench_navigation.sh                  # all four tables
#   MODES="speed memory" scripts/bench_navigation.sh
# Environment: BUILD_DIR (build), JOBS (1), STEPS (3000 env steps per speed
# cell), EPISODES (210 per tier for the oracle table), OUT (the results file).
# Measure with nothing else compiling: other processes lower every figure
# (each table prints the load average before and after).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
build="${BUILD_DIR:-build}"
out="${OUT:-benchmarks/results/navigation.md}"
steps="${STEPS:-3000}"
episodes="${EPISODES:-210}"
modes="${MODES:-speed memory vector oracle}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"${JOBS:-1}" --target ember_navigation_bench
bench="$build/benchmarks/ember_navigation_bench"
for mode in $modes; do
  case "$mode" in
    speed)  args=(--mode speed --tiers 0,1,2 --sizes 64,96,128 --steps "$steps") ;;
    memory) args=(--mode memory --tiers 0 --sizes 64 --envs 16) ;;
    vector) args=(--mode vector --tiers 0 --sizes 64 --envs 16 --steps "$steps") ;;
    oracle) args=(--mode oracle --tiers 0,1,2 --episodes "$episodes" --seed 1000) ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  table="$("$bench" "${args[@]}")"
  echo "$table"
  # replace the text between the mode's markers with the new table
  python3 - "$out" "$mode" "$table" <<'PY'
import sys
path, mode, table = sys.argv[1], sys.argv[2], sys.argv[3]
begin, end = f"<!-- bench:{mode} -->", f"<!-- /bench:{mode} -->"
text = open(path).read()
if begin not in text or end not in text:
    sys.exit(f"{path} has no {begin} ... {end} markers")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + "\n" + table.strip() + "\n" + end + tail)
PY
done
