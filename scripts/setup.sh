#!/usr/bin/env bash
# scripts/setup.sh — installs the Debian 12 packages ember needs, only those
# that are missing (a no-op taking well under a second when all are present).
# Needs root (or sudo). Idempotent.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config make
  libtorch-dev libopenblas0-pthread   # LibTorch is ~8x slower with the reference BLAS
  libyaml-cpp-dev nlohmann-json3-dev libgtest-dev
  libmujoco-dev libqhull-dev libbullet-dev libosmesa6-dev libegl-dev libopengl-dev libstb-dev
  gnuplot-nox
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
