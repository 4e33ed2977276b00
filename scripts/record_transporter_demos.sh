#!/usr/bin/env bash
# scripts/record_transporter_demos.sh [EPISODES] [DOWNSAMPLE] [TASKS] — the
# scripted oracle's demonstrations (training split) that the learned
# Transporter primitive imitates (configs/tabletop/transporter_*.yaml):
# demos/ds<DOWNSAMPLE>/<task>/, EPISODES successful episodes each. TASKS is
# "primitives" (default: the three pick-and-place primitives), "seen" (the
# four seen long-horizon tasks B-E, whose episodes carry one step instruction
# per pick-and-place) or a list of task names. 1000 primitive episodes take
# ~8 s and ~50 MB per task at downsample 4, ~180 MB at downsample 2. A folder
# that already holds an index.json is left alone. ANTIALIAS=true records
# averaged-down maps (env antialias, docs/envs/tabletop.md) into
# demos/ds<DOWNSAMPLE>aa/.
#   scripts/record_transporter_demos.sh 1000 4
#   scripts/record_transporter_demos.sh 250 2 seen
#   ANTIALIAS=true scripts/record_transporter_demos.sh 1000 4
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
episodes="${1:-1000}"
downsample="${2:-4}"
tasks="${3:-primitives}"
case "$tasks" in
  primitives) tasks="pick-and-place-primitive pick-and-place-primitive-with-size pick-and-place-primitive-with-absolute-position" ;;
  seen) tasks="put-block-in-matching-bowl stack-smaller-over-bigger-with-same-color stack-block-in-absolute-area put-even-block-in-same-color-zone" ;;
esac
ember="${EMBER:-build/ember}"
antialias="${ANTIALIAS:-false}"
suffix=""
[[ "$antialias" == true ]] && suffix=aa
for task in $tasks; do
  out="demos/ds${downsample}${suffix}/${task}"
  if [[ -f "$out/index.json" ]]; then echo "$out: already recorded"; continue; fi
  "$ember" demos configs/tabletop/oracle.yaml --episodes "$episodes" --out "$out" \
    env.task="$task" env.split=train env.downsample="$downsample" env.antialias="$antialias"
done
