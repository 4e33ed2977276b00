#!/usr/bin/env bash
# scripts/run_tests.sh — on a fresh machine: install what is missing, build,
# run the test suite (ctest, fast tests only; long learning runs live in the
# benchmark target), check the out-of-tree plugin example end to end, and
# build and test the navigation renderer's other GL backend (EGL).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
scripts/setup.sh
scripts/build.sh
export OPENBLAS_NUM_THREADS=1
ctest --test-dir build -j 2 --output-on-failure -LE long
scripts/check_custom_env_example.sh build
scripts/check_egl_backend.sh
