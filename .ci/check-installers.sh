#!/usr/bin/env bash
# Installers (issue 4): build the Linux artifacts with build_installer.py, run the frozen app's --self-test
# from the bundle and from the unpacked tarball, install the .deb with apt-get, run /usr/bin/atelier
# --self-test, remove the package and check that nothing of it is left. Prints the sizes. Needs root (apt).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }
fail() { printf 'check-installers: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: the .deb is installed and removed with apt-get"
export DEBIAN_FRONTEND=noninteractive
export QT_QPA_PLATFORM=offscreen
python=.venv/bin/python

scratch=$(mktemp -d)
installed_here=0
cleanup() {
  # A failed run must not leave the package installed on the machine.
  if [ "$installed_here" = 1 ] && dpkg -s atelier >/dev/null 2>&1; then
    apt-get purge -y -qq atelier >/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# Runs the app's --self-test with a fresh --basedir and insists on its verdict line, not only the status.
self_test() {
  local name=$1; shift
  local out="$scratch/$name.out"
  if ! timeout 180 "$@" --self-test --basedir "$scratch/$name-home" >"$out" 2>&1; then
    cat "$out" >&2
    fail "$name: --self-test failed"
  fi
  grep -q '^SELF-TEST OK' "$out" || { cat "$out" >&2; fail "$name: no SELF-TEST OK line"; }
  grep '^SELF-TEST OK' "$out"
}

log "the build extra (PyInstaller)"
"$python" -m pip install -q -e '.[build]'

log "python build_installer.py --clean"
started=$(date +%s)
"$python" build_installer.py --clean
echo "built in $(( $(date +%s) - started )) s"

version=$("$python" -c 'import build_installer as b; print(b.project_version())')
deb=$("$python" -c 'import build_installer as b; print(b.deb_name(b.project_version(), b.detect_host()))')
tarball=$("$python" -c 'import build_installer as b; print(b.tarball_name(b.project_version(), b.detect_host()))')
[ -s "dist/$deb" ] || fail "dist/$deb was not built"
[ -s "dist/$tarball" ] || fail "dist/$tarball was not built"

log "frozen bundle: dist/atelier/atelier --self-test"
self_test bundle dist/atelier/atelier

log "frozen bundle on the Upwork-shaped demo: dist/atelier/atelier --self-test --demo upwork"
self_test bundle-upwork dist/atelier/atelier --demo upwork

log "frozen bundle on an X server (Xvfb): the xcb platform plugin and its bundled libraries load"
QT_QPA_PLATFORM=xcb self_test bundle-xcb xvfb-run -a dist/atelier/atelier

log "unpacked tarball: atelier-$version/atelier --self-test"
tar -xzf "dist/$tarball" -C "$scratch"
self_test tarball "$scratch/atelier-$version/atelier"

log "apt-get install ./dist/$deb"
if dpkg -s atelier >/dev/null 2>&1; then
  apt-get purge -y -qq atelier >/dev/null  # a leftover from an interrupted run
fi
installed_here=1
apt-get install -y -qq "./dist/$deb" >/dev/null
[ -x /usr/bin/atelier ] || fail "/usr/bin/atelier missing after install"
desktop-file-validate "/usr/share/applications/app.atelier.Atelier.desktop" || fail "installed desktop entry invalid"
appstreamcli validate --no-net "/usr/share/metainfo/app.atelier.Atelier.metainfo.xml" >/dev/null \
  || fail "installed metainfo invalid"

log "/usr/bin/atelier --self-test"
self_test installed /usr/bin/atelier

log "apt-get remove atelier"
apt-get remove -y -qq atelier >/dev/null
installed_here=0
for path in /opt/atelier /usr/bin/atelier /usr/share/applications/app.atelier.Atelier.desktop \
            /usr/share/metainfo/app.atelier.Atelier.metainfo.xml; do
  [ ! -e "$path" ] || fail "$path is still there after apt-get remove"
done
dpkg -s atelier 2>/dev/null | grep -q '^Status: install ok installed' && fail "atelier still installed"
echo "removed cleanly"

log "sizes (MB = 10^6 bytes)"
mb() { awk -v bytes="$1" 'BEGIN { printf "%.1f MB", bytes / 1e6 }'; }
printf '%-44s %s\n' "dist/atelier/ (unpacked onedir bundle)" "$(mb "$(du -sb --apparent-size dist/atelier | cut -f1)")"
for artifact in "dist/$tarball" "dist/$deb"; do
  printf '%-44s %s\n' "$artifact" "$(mb "$(stat -c %s "$artifact")")"
done
printf '%-44s %s\n' "installed .deb (Installed-Size)" "$(mb $(( $(dpkg-deb -f "dist/$deb" Installed-Size) * 1024 )))"
