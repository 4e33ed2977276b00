#!/usr/bin/env bash
# scripts/build.sh [BUILD_DIR] — configures (Release, Ninja) and builds ember.
# Two parallel jobs: one LibTorch translation unit needs ~1 GB and ~25 s.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$repo/build}"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "${JOBS:-2}"
