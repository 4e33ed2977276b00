# scripts/lib/run_or_resume.sh — sourced by the long-run bench scripts.
#
# run_or_resume OUT NAME CONFIG [KEY=VALUE ...]
#   Trains CONFIG (with the overrides) into OUT/NAME, or, if OUT/NAME has a
#   checkpoint but no eval.json, continues it from that checkpoint; a finished
#   run (eval.json) is left alone. Each segment appends "<wall-clock s> <peak
#   RSS KB>" to OUT/NAME.time and its output to OUT/NAME.log, so rerunning a
#   bench command after an interruption finishes the table.
run_or_resume() {
  local out="$1" name="$2" config="$3"
  shift 3
  [[ -f "$out/$name/eval.json" ]] && return 0
  if [[ -f "$out/$name/checkpoints/latest.ckpt" ]]; then
    /usr/bin/time -a -f "%e %M" -o "$out/$name.time" \
      build/ember train --resume "$out/$name" >>"$out/$name.log" 2>&1
  else
    rm -rf "${out:?}/$name"
    /usr/bin/time -f "%e %M" -o "$out/$name.time" \
      build/ember train "$config" "$@" --runs-dir "$out" --name "$name" >"$out/$name.log" 2>&1
  fi
}
