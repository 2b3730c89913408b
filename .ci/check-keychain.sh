#!/usr/bin/env bash
# Token storage against a REAL Secret Service keychain (desktop/ARCHITECTURE.md, Headless Linux): gnome-keyring-daemon,
# unlocked, on a private D-Bus session, in a throwaway HOME so no real keyring is ever touched.
# The test module fails (instead of skipping) when it cannot reach the Secret Service here.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (see .ci/packages-signin.txt)" >&2; exit 1; }
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_RUNTIME_DIR="$scratch/runtime"
export ATELIER_REQUIRE_SECRET_SERVICE=1 QT_QPA_PLATFORM=offscreen
python="$PWD/.venv/bin/python"
export python

dbus-run-session -- sh -c '
  eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  "$python" -m pytest -q -p no:cacheprovider tests/unit/app/test_keychain_secret_service.py
'
