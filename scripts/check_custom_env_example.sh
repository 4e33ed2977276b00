#!/usr/bin/env bash
# scripts/check_custom_env_example.sh [BUILD_DIR]
#
# End-to-end check of the out-of-tree plugin workflow (examples/custom_env,
# docs/custom_envs.md), exactly as a user would run it:
#   1. installs the ember in BUILD_DIR (default: ./build, already built) into a
#      temporary prefix with `cmake --install`;
#   2. copies examples/custom_env out of the tree and builds the plugin with
#      find_package(ember) from that prefix (-DCMAKE_PREFIX_PATH);
#   3. runs the installed `ember check-env reach-target --plugin ...` and a short
#      `ember train train.yaml train.steps=... --runs-dir ...`;
#   4. builds the plugin again with -DEMBER_PLUGIN_ABI_OVERRIDE=999 (a test hook
#      in core/plugin.h) and checks that both `ember check-env` and `ember train`
#      refuse it with the plugin-ABI message;
#   5. builds the custom-agent example (examples/custom_agent,
#      docs/custom_agents.md) against the same install, and runs
#      `ember describe hill_climb --plugin ...` and a short `ember train`.
# Any failure stops the script with a message and a non-zero exit code.
# Set KEEP_TMP=1 to keep the temporary directory; it is kept on failure.
#
# Needs from the CLI: `ember check-env ID --plugin PATH` (exit 0 when the env
# passes), `ember train CONFIG key=value... --runs-dir DIR` (writes
# DIR/<name>/metrics.csv), and exit code 2 with the PluginError message when a
# plugin is refused.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
[[ -d "$build" || "$build" == /* ]] || build="$repo/$build"
[[ -d "$build" ]] || { echo "check_custom_env_example: no build directory '$build'" >&2; exit 1; }
build="$(cd "$build" && pwd)"
jobs="${JOBS:-2}"
train_steps="${TRAIN_STEPS:-4096}"

fail() {
  echo "check_custom_env_example: FAILED: $*" >&2
  exit 1
}
step() { echo "== $*"; }
# run LOG CMD...: runs CMD with its output in LOG; prints the log's tail on failure.
run() {
  local log="$1"
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "--- command: $*" >&2
    tail -n 40 "$log" >&2
    fail "command exited with an error (full log: $log)"
  fi
}

[[ -f "$build/cmake_install.cmake" ]] ||
  fail "'$build' is not a configured ember build directory (cmake -S . -B build && cmake --build build -j2)"
[[ -x "$build/ember" ]] ||
  fail "'$build/ember' does not exist: build ember first (cmake --build $build -j2)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ember-custom-env.XXXXXX")"
finish() {
  local status=$?
  if [[ $status -eq 0 && "${KEEP_TMP:-0}" != 1 ]]; then
    rm -rf "$tmp"
  else
    echo "(temporary files kept in $tmp)" >&2
  fi
}
trap finish EXIT
prefix="$tmp/prefix"
ember="$prefix/bin/ember"

step "installing $build into $prefix"
run "$tmp/install.log" cmake --install "$build" --prefix "$prefix"
[[ -x "$ember" ]] || fail "the install has no bin/ember (install(TARGETS ember RUNTIME DESTINATION bin))"
[[ -f "$prefix/lib/cmake/ember/emberConfig.cmake" ]] ||
  fail "the install has no lib/cmake/ember/emberConfig.cmake"
if ldd "$ember" | grep -q "not found"; then
  ldd "$ember" | grep "not found" >&2
  fail "the installed ember cannot find its libraries (set INSTALL_RPATH \$ORIGIN/../lib)"
fi
run "$tmp/version.log" "$ember" --version
echo "   $(cat "$tmp/version.log")"

# The example, copied out of the source tree: it must build from the install alone.
build_example() {  # build_example DIR [cmake args...]
  local dir="$1"
  shift
  mkdir -p "$dir"
  cp "$repo/examples/custom_env/CMakeLists.txt" "$repo/examples/custom_env/reach_target.cpp" \
    "$repo/examples/custom_env/train.yaml" "$dir/"
  run "$dir/configure.log" cmake -S "$dir" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" "$@"
  run "$dir/build.log" cmake --build "$dir/build" -j "$jobs"
  [[ -f "$dir/build/libreach_target.so" ]] || fail "the example did not produce build/libreach_target.so"
}

step "building examples/custom_env against the installed ember"
example="$tmp/custom_env"
build_example "$example"

step "ember check-env reach-target --plugin build/libreach_target.so"
(cd "$example" && run "$tmp/check_env.log" "$ember" check-env reach-target --plugin build/libreach_target.so)
tail -n 5 "$tmp/check_env.log" | sed 's/^/   /'

step "ember train train.yaml train.steps=$train_steps --runs-dir $tmp/runs"
run "$tmp/train.log" "$ember" train "$example/train.yaml" "train.steps=$train_steps" \
  eval.episodes=10 --runs-dir "$tmp/runs"
metrics="$(find "$tmp/runs" -name metrics.csv | head -n 1)"
[[ -n "$metrics" && -s "$metrics" ]] || fail "training wrote no metrics.csv under $tmp/runs"
echo "   $(tail -n 1 "$tmp/train.log")"

# expect_refusal LOG CMD...: CMD must exit non-zero and say why the plugin was refused.
expect_refusal() {
  local log="$1"
  shift
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  [[ $status -ne 0 ]] || fail "'$*' accepted a plugin built for plugin ABI 999"
  [[ $status -ne 1 ]] || echo "   (note: exit code 1, expected 2 for a refused plugin)" >&2
  if ! grep -q "plugin ABI 999" "$log" || ! grep -q "rebuild it against this version" "$log"; then
    cat "$log" >&2
    fail "'$*' failed without the plugin-ABI message"
  fi
  echo "   refused (exit $status): $(grep -m1 "plugin ABI 999" "$log")"
}

step "building the example with -DEMBER_PLUGIN_ABI_OVERRIDE=999: ember must refuse it"
stale="$tmp/custom_env_abi999"
build_example "$stale" -DEMBER_PLUGIN_ABI_OVERRIDE=999
(cd "$stale" && expect_refusal "$tmp/refuse_check_env.log" \
  "$ember" check-env reach-target --plugin build/libreach_target.so)
expect_refusal "$tmp/refuse_train.log" \
  "$ember" train "$stale/train.yaml" train.steps=64 --runs-dir "$tmp/refused_runs"

step "building examples/custom_agent against the installed ember"
agent="$tmp/custom_agent"
mkdir -p "$agent"
cp "$repo"/examples/custom_agent/{CMakeLists.txt,hill_climb_agent.h,hill_climb_agent.cpp,plugin.cpp,train.yaml} "$agent/"
run "$agent/configure.log" cmake -S "$agent" -B "$agent/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
run "$agent/build.log" cmake --build "$agent/build" -j "$jobs"
[[ -f "$agent/build/libhill_climb.so" ]] || fail "the agent example did not produce build/libhill_climb.so"
(cd "$agent" && run "$tmp/describe_agent.log" "$ember" describe hill_climb --plugin build/libhill_climb.so)
grep -q "noise" "$tmp/describe_agent.log" || fail "ember describe hill_climb does not list its parameters"
run "$tmp/train_agent.log" "$ember" train "$agent/train.yaml" train.steps=8000 train.eval_every=0 \
  eval.episodes=5 --runs-dir "$tmp/agent_runs"
metrics="$(find "$tmp/agent_runs" -name metrics.csv | head -n 1)"
[[ -n "$metrics" ]] && grep -q "hill_climb/best_return" "$metrics" ||
  fail "training the agent example wrote no hill_climb metrics under $tmp/agent_runs"
echo "   $(tail -n 1 "$tmp/train_agent.log")"

echo "check_custom_env_example: OK"
