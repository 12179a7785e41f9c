#!/usr/bin/env bash
# Installs the Debian 12 packages RunLens needs to build, test and run, and only those
# that are missing. Uses sudo when not root. Extra package names may be passed as arguments.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
  libquazip1-qt6-dev
  libqt6sql6-sqlite qtkeychain-qt6-dev libxkbcommon-dev
  qt6-tools-dev qt6-l10n-tools qt6-qpa-plugins
  python3 python3-numpy python3-yaml
  libhyperscan-dev ripgrep
  libarchive-dev libdeflate-dev libsqlite3-dev
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "deps: missing packages (${missing[*]}) and neither root nor sudo is available" >&2
  exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
