#!/usr/bin/env bash
# `make bundle-test`: install the bundle that `make bundle` built, with pip cut off from any network, and use it
# as an administrator and the demo's accounts would; then upgrade an installation of the previous release
# (its store must open, migrated, with a backup made first) and check a downgrade is refused.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DIST="$REPO/dist"
ARCH="$(uname -m)"
KEY="$DIST/release-key.pub.pem"
SIGNING_KEY="${HUISHEN_RELEASE_KEY:-$DIST/throwaway-release-key.pem}"
PREVIOUS_REF="${BUNDLE_PREVIOUS_REF:-$(sed -n 's/^ref=//p' "$HERE/previous-release")}"
WORK="$(mktemp -d /tmp/huishen-bundle-test.XXXXXX)"
PASS=demo-pass-2026   # this release's demo passphrase
PREV_PASS=demo-12345678   # the previous release's

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'bundle-test FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap 'status=$?; [ $status -eq 0 ] && cleanup || echo "work directory kept: $WORK" >&2' EXIT

REAL_HOME="$HOME"
# No network for pip, whatever this machine's configuration says.
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_INDEX_URL
export PIP_NO_INDEX=1 PIP_CONFIG_FILE=/dev/null
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" HUISHEN_LANG=en QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"

tarball="$(ls -t "$DIST"/huishen-*-linux-"$ARCH".tar 2>/dev/null | head -n1)"
[ -n "$tarball" ] || fail "no bundle for $ARCH in $DIST (run make bundle)"
[ -f "$KEY" ] || fail "no release public key in $DIST"
extract() {  # extract TARBALL DIR -> prints the bundle directory
  mkdir -p "$2" && tar -C "$2" -xf "$1" && echo "$2/$(basename "$1" .tar)"
}
# The distribution's own Python, as on a workstation (not a developer's pyenv or venv ahead on PATH).
SYSTEM_PYTHON=/usr/bin/python3
[ -x "$SYSTEM_PYTHON" ] || SYSTEM_PYTHON="$(command -v python3)"
install_into() {  # install_into BUNDLE_DIR NAME [install.sh options...]
  local bundle="$1" name="$2"; shift 2
  "$bundle/install.sh" --key "$KEY" --prefix "$WORK/$name/opt" --bin-dir "$WORK/$name/bin" \
    --data-dir "$WORK/$name/share" --python "$SYSTEM_PYTHON" "$@"
}
json() { python3 -c "import json,sys; data=json.load(sys.stdin); print($1)"; }

step "verify: $(basename "$tarball")"
bundle="$(extract "$tarball" "$WORK/new")"
"$bundle/install.sh" --verify --key "$KEY"
printf 'x' >>"$bundle/app/main.py"
if "$bundle/install.sh" --verify --key "$KEY" 2>"$WORK/refused.txt"; then fail "a modified bundle verified"; fi
grep -q "modified or truncated" "$WORK/refused.txt" || fail "no clear message for a modified bundle"
truncate -s -1 "$bundle/app/main.py"
"$bundle/install.sh" --verify --key "$KEY" >/dev/null

step "fresh install, no network"
install_into "$bundle" fresh
H="$WORK/fresh/bin/huishen"
S="$WORK/fresh/store"
grep -q "^Exec=$WORK/fresh/opt/bin/huishen gui$" "$WORK/fresh/share/applications/huishen.desktop" || fail "launcher Exec line"
[ -f "$WORK/fresh/share/icons/hicolor/scalable/apps/huishen.svg" ] || fail "no icon installed"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$WORK/fresh/share/applications/huishen.desktop"; fi
"$WORK/fresh/opt/current/venv/bin/python" -c "import PySide6.QtCharts, PySide6.QtPrintSupport, PySide6.QtWidgets, sqlcipher3, pyhanko, reportlab, pypdfium2" \
  || fail "installed Python lacks a dependency"
webengine="$(find "$WORK/fresh/opt/current/venv" \( -name 'libQt6WebEngineCore*' -o -name 'QtWebEngineCore*' \) -print -quit)"
[ -z "$webengine" ] || fail "WebEngine was installed: $webengine"

step "init, demo"
HUISHEN_NEW_PASSPHRASE=$PASS "$H" --store "$S" init --admin 管理员
if command -v xvfb-run >/dev/null; then
  # The window starts on a real X server with only the bundle's Qt and the listed Debian libraries; still
  # running after 8 s (killed by timeout: 124) means it came up and did not abort.
  set +e
  env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1280x800x24" timeout 8 "$H" --store "$S" gui >"$WORK/gui.log" 2>&1
  status=$?
  set -e
  [ $status = 124 ] || { cat "$WORK/gui.log"; fail "the window did not stay up under Xvfb (exit $status)"; }
  if grep -qi "could not load\|qt.qpa" "$WORK/gui.log"; then cat "$WORK/gui.log"; fail "Qt platform plugin problem"; fi
fi
HUISHEN_PASSPHRASE=$PASS "$H" --store "$S" --user 管理员 demo >/dev/null
printf '%s' "$PASS" >"$WORK/custodian.pass"
run() { local user="$1"; shift; HUISHEN_PASSPHRASE=$PASS "$H" --store "$S" --user "$user" "$@"; }

step "release, reveal, chair's position, decision"
sid="$(run 王主持 --json session list --status sealed | json 'data[0]["id"]')"
run 赵监督 session release "$sid"
run 王主持 session reveal "$sid"
run 王主持 chair-opinion "$sid" --position 第二种形态 --reasoning "综合三个部门的审理意见，其主动交代、退缴全部款项，认错悔错态度较好，同意运用第二种形态处理，给予党内严重警告处分。"
run 王主持 decide "$sid" --text "运用第二种形态，给予党内严重警告处分。"

step "dossier export and verify"
run 孙记录 dossier export "$sid" --out "$WORK/dossier.pdf"
run 孙记录 dossier verify "$WORK/dossier.pdf"
run 保密员 cert export-ca --out "$WORK/ca.pem"
"$H" dossier verify "$WORK/dossier.pdf" --no-store --trust "$WORK/ca.pem"
printf '%%EOF\n' >>"$WORK/dossier.pdf"
if "$H" dossier verify "$WORK/dossier.pdf" --no-store --trust "$WORK/ca.pem" >/dev/null 2>&1; then
  fail "an altered dossier verified"
fi
run 审计员 audit verify

step "upgrade from the previous release ($PREVIOUS_REF)"
git -C "$REPO" rev-parse --verify -q "$PREVIOUS_REF^{commit}" >/dev/null \
  || fail "previous release $PREVIOUS_REF is not in this clone (git fetch --tags, or set BUNDLE_PREVIOUS_REF)"
mkdir -p "$WORK/prev-src"
git -C "$REPO" archive "$PREVIOUS_REF" | tar -C "$WORK/prev-src" -xf -
prev_version="0.0.0+g$(git -C "$REPO" rev-parse --short=10 "$PREVIOUS_REF")"
# The previous release's code with this release's pinned wheels: the lock only changes through lock.sh.
env -u PIP_NO_INDEX -u PIP_CONFIG_FILE -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY HOME="$REAL_HOME" \
  BUNDLE_SOURCE="$WORK/prev-src" BUNDLE_OUT="$WORK/prev-dist" BUNDLE_ARCHS="$ARCH" BUNDLE_VERSION="$prev_version" \
  HUISHEN_RELEASE_KEY="$SIGNING_KEY" "$HERE/build.sh"
prev="$(extract "$WORK/prev-dist/huishen-$prev_version-linux-$ARCH.tar" "$WORK/prev")"
install_into "$prev" up
H="$WORK/up/bin/huishen"
S="$WORK/up/store"
PASS=$PREV_PASS   # the store below is made, and its accounts keep their passphrases, by the previous release
HUISHEN_PASSPHRASE=$PASS "$H" --store "$S" demo >/dev/null
old_sessions="$(run 王主持 --json session list | json 'len(data)')"
[ -z "$(ls -A "$S/backups" 2>/dev/null)" ] || fail "backups before any upgrade"

# The administrator's upgrade: the installed verifier with the pinned key, then the new installer.
"$WORK/up/opt/bin/huishen-verify-bundle" "$bundle"
"$bundle/install.sh" --prefix "$WORK/up/opt" --bin-dir "$WORK/up/bin" --data-dir "$WORK/up/share" \
  --python "$SYSTEM_PYTHON"
run 审计员 audit verify
run 管理员 whoami
new_sessions="$(run 王主持 --json session list | json 'len(data)')"
[ "$old_sessions" = "$new_sessions" ] || fail "sessions before upgrade: $old_sessions, after: $new_sessions"
backup="$(ls -d "$S"/backups/*/ | head -n1)"
[ -f "$backup/huishen.db" ] && [ -f "$backup/keyslots.json" ] || fail "no backup of the store before migrating"
# The backup is the store as it was: the previous release (kept beside the new one) opens it.
prev_release="$WORK/up/opt/releases/$prev_version"
HUISHEN_PASSPHRASE=$PASS "$prev_release/venv/bin/python" -I "$prev_release/app/main.py" --store "$backup" \
  --user 审计员 audit verify
run 王主持 session list >/dev/null
[ "$(ls -d "$S"/backups/*/ | wc -l)" = 1 ] || fail "a second backup on the second opening"

step "downgrade refused"
set +e
install_into "$prev" up >"$WORK/downgrade.out" 2>&1
status=$?
set -e
[ $status = 2 ] || { cat "$WORK/downgrade.out"; fail "downgrade: exit $status, expected 2"; }
grep -q "Downgrade refused" "$WORK/downgrade.out" || fail "downgrade refused without a clear message"
run 审计员 audit verify >/dev/null

# The other architecture's bundle cannot run here; check it verifies and that pip, offline, finds a wheel with a
# matching hash for every pin (a dry run for that platform).
for other in "$DIST"/huishen-*-linux-*.tar; do
  case "$other" in *-linux-"$ARCH".tar) continue;; esac
  other_arch="${other##*-linux-}"; other_arch="${other_arch%.tar}"
  step "the $other_arch bundle: verified, complete"
  ob="$(extract "$other" "$WORK/$other_arch")"
  "$ob/install.sh" --verify --key "$KEY" >/dev/null
  plats=""
  for v in 2_17 2_28 2_31 2_34 2_35 2_36 2_38 2_39; do plats="$plats --platform manylinux_${v}_$other_arch"; done
  # shellcheck disable=SC2086
  python3 "$(ls "$ob"/wheelhouse/pip-*.whl)/pip" install --isolated --dry-run --ignore-installed --no-index \
    --find-links "$ob/wheelhouse" --require-hashes --only-binary=:all: $plats --platform "manylinux2014_$other_arch" \
    --python-version "$(sed -n 's/^PYTHON=//p' "$ob/bundle.env")" --implementation cp --target "$WORK/$other_arch-t" \
    --quiet --report "$WORK/$other_arch.json" -r "$ob/requirements.lock"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['install']), 'wheels resolve offline')" \
    "$WORK/$other_arch.json"
  rm -rf "${WORK:?}/$other_arch"
done

printf '\nbundle-test: all passed (%s)\n' "$(basename "$tarball")"
