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
#   one thread). wait_for_runs waits for the rest and fails if any run failed;
#   a failed run does not stop the others.
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

# Failed runs are listed in a file rather than taken from wait's status: a
# background job can end (and be reaped) while the queue is not waiting on it.
queue_failed="$(mktemp)"
queue_run() {
  while (($(jobs -rp | wc -l) >= ${JOBS:-1})); do wait -n || true; done
  { run_or_resume "$@" || echo "$1/$2" >>"$queue_failed"; } &
}

wait_for_runs() {
  wait
  if [[ -s "$queue_failed" ]]; then
    echo "failed (see each run's .log):" >&2
    cat "$queue_failed" >&2
    rm -f "$queue_failed"
    return 1
  fi
  rm -f "$queue_failed"
}
