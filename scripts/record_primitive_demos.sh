#!/usr/bin/env bash
# scripts/record_primitive_demos.sh [EPISODES] [DOWNSAMPLE] — the scripted
# oracle's demonstrations of the three LoHoRavens pick-and-place primitives
# (training split), which configs/tabletop/transporter_primitives.yaml
# imitates: demos/ds<DOWNSAMPLE>/<task>/, EPISODES successful episodes each
# (default 1000 at downsample 4: ~25 s and ~150 MB in all). A folder that
# already holds an index.json is left alone.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
episodes="${1:-1000}"
downsample="${2:-4}"
ember="${EMBER:-build/ember}"
for task in pick-and-place-primitive pick-and-place-primitive-with-size pick-and-place-primitive-with-absolute-position; do
  out="demos/ds${downsample}/${task}"
  if [[ -f "$out/index.json" ]]; then echo "$out: already recorded"; continue; fi
  "$ember" demos configs/tabletop/oracle.yaml --episodes "$episodes" --out "$out" \
    env.task="$task" env.split=train env.downsample="$downsample"
done
