#!/usr/bin/env bash
# Set up everything Một Cửa Desk needs on a Debian/Ubuntu machine, idempotently:
#   1. system packages (Tesseract + Vietnamese, Qt's xcb runtime, Xvfb, poppler) when missing;
#   2. a virtual environment in .venv with the project and its extras installed.
# Usage: scripts/bootstrap.sh [run|test]   ("test" adds the test extra and Xvfb)
set -euo pipefail

purpose="${1:-run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

runtime_packages=(
  libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  fonts-dejavu-core fonts-liberation2
  libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd tesseract-ocr-script-viet
  poppler-utils
)
test_packages=(xvfb xauth softhsm2 postgresql)

python="${PYTHON:-python3}"
wanted=("${runtime_packages[@]}")
# Debian's python3 lacks venv/ensurepip until python3-venv is installed; another Python has it.
"$python" -c "import venv, ensurepip" 2>/dev/null || wanted+=(python3-venv)
[ "$purpose" = "test" ] && wanted+=("${test_packages[@]}")

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
  done
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "bootstrap: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: these system packages are missing; install them as root, then run again:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$python" -m venv .venv
fi

extra=""
[ "$purpose" = "test" ] && extra="[test]"
hash="$(sha256sum pyproject.toml | cut -c1-16)"
stamp=".venv/.installed-${hash}${extra:+-test}"
# A test install includes everything a run needs.
if [ ! -f "$stamp" ] && ! { [ -z "$extra" ] && [ -f ".venv/.installed-${hash}-test" ]; }; then
  echo "bootstrap: installing Python packages into .venv"
  log="$(mktemp)"
  if ! { .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip &&
         .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "bootstrap: installing the Python packages failed (output above)" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi
