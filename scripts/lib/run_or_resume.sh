# scripts/lib/run_or_resume.sh — sourced by the long-run bench scripts.
#
# run_or_resume OUT NAME CONFIG [KEY=VALUE ...]
#   Trains CONFIG (with the overrides) into OUT/NAME, or, if OUT/NAME has a
#   checkpoint but no eval.json, continues it from that checkpoint; a finished
#   run (eval.json) is left alone. Each segment appends "<wall-clock s> <peak
#   RSS KB>" to OUT/NAME.time and its output to OUT/NAME.log, so rerunning a
#   bench command after an interruption finishes the table.
#
# queue_run OUT NAME CONFIG [KEY=VALUE ...]   (then wait_for_runs once)
#   run_or_resume in the background, at most $JOBS (default 1) at a time: on
#   a 2-core machine JOBS=2 runs two trainings side by side (each trains on
#   one thread). EMBER=PATH trains with another binary (e.g. a copy, so a
#   rebuild cannot touch a long run). wait_for_runs waits for the rest and fails if any run failed;
#   a failed run does not stop the others.
run_or_resume() {
  local out="$1" name="$2" config="$3"
  shift 3
  [[ -f "$out/$name/eval.json" ]] && return 0
  if [[ -f "$out/$name/checkpoints/latest.ckpt" ]]; then
    /usr/bin/time -a -f "%e %M" -o "$out/$name.time" \
      "${EMBER:-build/ember}" train --resume "$out/$name" >>"$out/$name.log" 2>&1
  else
    rm -rf "${out:?}/$name"
    /usr/bin/time -f "%e %M" -o "$out/$name.time" \
      "${EMBER:-build/ember}" train "$config" "$@" --runs-dir "$out" --name "$name" >"$out/$name.log" 2>&1
  fi
}

# Failed runs are listed in a file rather than taken from wait's status: a
# background job can end (and be reaped) while the queue is not waiting on it.
# The file is made by the first queue_run and removed by wait_for_runs.
queue_failed=""
queue_run() {
  [[ -n "$queue_failed" ]] || queue_failed="$(mktemp)"
  while (($(jobs -rp | wc -l) >= ${JOBS:-1})); do wait -n || true; done
  { run_or_resume "$@" || echo "$1/$2" >>"$queue_failed"; } &
}

wait_for_runs() {
  wait
  [[ -n "$queue_failed" ]] || return 0
  local failed
  failed="$(cat "$queue_failed")"
  rm -f "$queue_failed"
  queue_failed=""
  if [[ -n "$failed" ]]; then
    printf 'failed (see each run'"'"'s .log):\n%s\n' "$failed" >&2
    return 1
  fi
}
