#!/usr/bin/env bash
# scripts/check_egl_backend.sh [BUILD_DIR] — builds the navigation env with the
# other GL backend (cmake -DEMBER_NAV_GL=egl: surfaceless EGL) and runs the
# navigation tests against it, so the build option cannot rot. Only core,
# the envs and their tests are built (no LibTorch translation units).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$repo/build-egl}"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMBER_NAV_GL=egl \
  -DEMBER_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j "${JOBS:-2}" --target envs_tests
"$build/tests/envs_tests" --gtest_brief=1 --gtest_filter='Navigation*:ObjectNav*'
echo "check_egl_backend: OK"
