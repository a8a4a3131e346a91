#!/usr/bin/env bash
# Build the signed offline bundle(s) of Huishen in dist/ — on a connected machine (`make bundle`).
#
# For each architecture: dist/huishen-VERSION-linux-ARCH.tar holding one directory with
#   install.sh            installer and verifier (install.sh --help)
#   MANIFEST.sha256       SHA-256 of every other file in the bundle (sha256sum format)
#   MANIFEST.sha256.sig   Ed25519 signature of MANIFEST.sha256 by the organisation's release key
#   bundle.env            version, architecture, Python, minimum glibc, schema revisions
#   requirements.lock     every Python package pinned with its hashes (pip --require-hashes)
#   wheelhouse/           every wheel those pins name, for this architecture and Python
#   app/                  Huishen itself (app ui models migrations resources main.py), translations compiled
#   share/                huishen.desktop and the icon
#   debian-packages.txt   the Debian packages the bundle expects the system to have
#   release-key.pub.pem   the public half of the key that signed (for information: never trusted by itself)
#
# Environment:
#   HUISHEN_RELEASE_KEY  Ed25519 private key (PEM) of the organisation; absent: a throwaway key, with a warning
#   BUNDLE_ARCHS         architectures to build (default: "x86_64 aarch64")
#   BUNDLE_SOURCE        the source tree to bundle (default: this repository)
#   BUNDLE_VERSION       version string (default: pyproject version + git commit)
#   BUNDLE_OUT           output directory (default: dist)
#   BUNDLE_PYTHON        target Python version (default: 3.11, Debian 12's)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SRC="$(cd "${BUNDLE_SOURCE:-$REPO}" && pwd)"
OUT="${BUNDLE_OUT:-$REPO/dist}"
ARCHS="${BUNDLE_ARCHS:-x86_64 aarch64}"
PYVER="${BUNDLE_PYTHON:-3.11}"
VENV_PY="${BUNDLE_BUILD_PYTHON:-$REPO/.venv/bin/python}"
# Pure-Python packages PyPI publishes only as source: built into wheels at bundle time (see below).
SOURCE_ONLY="jieba"
LRELEASE="${BUNDLE_LRELEASE:-$REPO/.venv/bin/pyside6-lrelease}"

die() { echo "build.sh: $*" >&2; exit 1; }
command -v openssl >/dev/null || die "openssl is needed to sign the bundle"
[ -x "$VENV_PY" ] || die "no build Python at $VENV_PY (run 'make venv')"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# --- version -----------------------------------------------------------------------------------
if [ -n "${BUNDLE_VERSION:-}" ]; then
  VERSION="$BUNDLE_VERSION"
else
  base="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$SRC/pyproject.toml" | head -n1)"
  if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
    VERSION="$base+g$(git -C "$SRC" rev-parse --short=10 HEAD)"
    if [ -n "$(git -C "$SRC" status --porcelain --untracked-files=no -- app ui models migrations resources main.py pyproject.toml)" ]; then
      VERSION="$VERSION.dirty"
    fi
  else
    VERSION="$base"
  fi
fi
case "$VERSION" in *[!A-Za-z0-9.+_-]*|"") die "bad version '$VERSION'";; esac

# --- release key ---------------------------------------------------------------------------------
KEY="${HUISHEN_RELEASE_KEY:-}"
if [ -z "$KEY" ]; then
  KEY="$OUT/throwaway-release-key.pem"
  if [ ! -f "$KEY" ]; then
    (umask 077 && openssl genpkey -algorithm ED25519 -out "$KEY")
  fi
  cat >&2 <<EOF
################################################################################################
##  警告：未设置 HUISHEN_RELEASE_KEY，本安装包由临时生成的测试密钥签名，不得分发到工作站！
##  WARNING: HUISHEN_RELEASE_KEY is not set. This bundle is signed with a THROWAWAY key
##  ($KEY). It is for testing only: do NOT give it to any workstation.
################################################################################################
EOF
fi
[ -f "$KEY" ] || die "HUISHEN_RELEASE_KEY: no such file: $KEY"
openssl pkey -in "$KEY" -noout -text 2>/dev/null | head -n1 | grep -q "ED25519" \
  || die "HUISHEN_RELEASE_KEY must be an Ed25519 private key in PEM form ($KEY)"
openssl pkey -in "$KEY" -pubout -out "$OUT/release-key.pub.pem"
FINGERPRINT="$(openssl pkey -pubin -in "$OUT/release-key.pub.pem" -outform DER | sha256sum | cut -d' ' -f1)"

# --- schema revisions this source knows (the installer refuses a downgrade across them) ------
REVISIONS="$(sed -n 's/^revision: str = "\(.*\)"$/\1/p' "$SRC"/migrations/versions/*.py | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
HEAD_REV="$(for f in "$SRC"/migrations/versions/*.py; do sed -n 's/^revision: str = "\(.*\)"$/\1/p' "$f"; done | LC_ALL=C sort | tail -n1)"
[ -n "$HEAD_REV" ] || die "no migrations found in $SRC/migrations/versions"

copy_tree() {  # copy_tree SRC_DIR DEST_DIR — without caches and compiled files
  mkdir -p "$2"
  tar -C "$1" --exclude=__pycache__ --exclude='*.pyc' -cf - . | tar -C "$2" -xf -
}

build_arch() {
  local arch="$1" name stage plats v
  name="huishen-$VERSION-linux-$arch"
  stage="$OUT/$name"
  echo "== $name"
  # Earlier builds of this architecture go: dist/ holds one bundle per architecture.
  rm -rf "$stage" "$OUT"/huishen-*-linux-"$arch".tar "$OUT"/huishen-*-linux-"$arch".tar.sha256
  mkdir -p "$stage/app/resources" "$stage/share" "$stage/wheelhouse"

  # Huishen itself: the source tree, not a wheel — the program finds resources/ beside app/.
  for d in app ui models migrations; do copy_tree "$SRC/$d" "$stage/app/$d"; done
  cp "$SRC/main.py" "$SRC/pyproject.toml" "$stage/app/"
  copy_tree "$SRC/resources/fonts" "$stage/app/resources/fonts"
  cp "$SRC/resources/matter_kinds.json" "$stage/app/resources/"
  mkdir -p "$stage/app/resources/i18n"
  for ts in "$SRC"/resources/i18n/*.ts; do
    "$LRELEASE" -silent "$ts" -qm "$stage/app/resources/i18n/$(basename "${ts%.ts}").qm"
  done

  # Every wheel the lock names, for this architecture and Python; hashes checked by pip here and
  # again by pip on the workstation.
  plats=""
  for v in 2_17 2_28 2_31 2_34 2_35 2_36 2_38 2_39; do plats="$plats --platform manylinux_${v}_${arch}"; done
  # Pure-Python packages published only as source (SOURCE_ONLY) are split off: their hash-checked source is
  # built into a wheel here, on the connected machine, and the staged lock names that wheel's hash (the
  # lock is covered by the signed manifest), so the workstation still installs wheels only, offline.
  local lockdir
  lockdir="$(mktemp -d)"
  # shellcheck disable=SC2086
  "$VENV_PY" "$HERE/split_lock.py" "$HERE/requirements.lock" "$lockdir" $SOURCE_ONLY
  # shellcheck disable=SC2086
  env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null \
    "$VENV_PY" -m pip download --isolated --quiet --no-deps --require-hashes --only-binary=:all: \
    $plats --platform "manylinux2014_$arch" --python-version "$PYVER" --implementation cp \
    -r "$lockdir/binary.lock" -d "$stage/wheelhouse"
  cp "$lockdir/binary.lock" "$stage/requirements.lock"
  if [ -s "$lockdir/source.lock" ]; then
    env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null \
      "$VENV_PY" -m pip download --isolated --quiet --no-deps --require-hashes --no-binary=:all: \
      -r "$lockdir/source.lock" -d "$lockdir/src"
    env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null \
      "$VENV_PY" -m pip wheel --isolated --quiet --no-deps -w "$lockdir/built" "$lockdir"/src/*
    local wheel pkg ver
    for wheel in "$lockdir"/built/*.whl; do
      case "$(basename "$wheel")" in
        *-py3-none-any.whl | *-py2.py3-none-any.whl) ;;
        *)
          echo "build.sh: $(basename "$wheel") is not pure Python; it cannot serve every machine" >&2
          exit 1
          ;;
      esac
      cp "$wheel" "$stage/wheelhouse/"
      pkg="$(basename "$wheel" | cut -d- -f1)"
      ver="$(basename "$wheel" | cut -d- -f2)"
      printf '%s==%s \\\n    --hash=sha256:%s\n' "$pkg" "$ver" "$(sha256sum "$wheel" | cut -d' ' -f1)" \
        >>"$stage/requirements.lock"
    done
  fi
  rm -rf "$lockdir"

  # The lowest glibc every wheel accepts: the installer checks the workstation has it.
  local glibc
  glibc="$("$VENV_PY" - "$stage/wheelhouse" <<'EOF'
import re, sys
from pathlib import Path
need = (2, 17)
for wheel in Path(sys.argv[1]).glob("*.whl"):
    tags = wheel.name[:-4].split("-")[-1].split(".")
    versions = []
    for tag in tags:
        m = re.match(r"manylinux_(\d+)_(\d+)_", tag)
        if m:
            versions.append((int(m[1]), int(m[2])))
        elif tag.startswith("manylinux2014_"):
            versions.append((2, 17))
        elif tag.startswith("manylinux2010_"):
            versions.append((2, 12))
        elif tag.startswith("manylinux1_"):
            versions.append((2, 5))
    if versions:
        need = max(need, min(versions))
print(f"{need[0]}.{need[1]}")
EOF
)"

  cat >"$stage/bundle.env" <<EOF
NAME=huishen
VERSION=$VERSION
ARCH=$arch
PYTHON=$PYVER
GLIBC_MIN=$glibc
SCHEMA_HEAD=$HEAD_REV
SCHEMA_REVISIONS=$REVISIONS
EOF
  cp "$HERE/install.sh" "$stage/install.sh"
  chmod 755 "$stage/install.sh"
  cp "$HERE/debian-packages.txt" "$stage/"
  cp "$HERE/huishen.desktop" "$HERE/huishen.svg" "$stage/share/"
  cp "$OUT/release-key.pub.pem" "$stage/"

  # Manifest of every file, then the signature over it.
  (
    cd "$stage"
    find . -type f ! -name MANIFEST.sha256 ! -name MANIFEST.sha256.sig -printf '%P\n' | LC_ALL=C sort \
      | while IFS= read -r f; do sha256sum -- "$f"; done >MANIFEST.sha256
  )
  openssl pkeyutl -sign -inkey "$KEY" -rawin -in "$stage/MANIFEST.sha256" -out "$stage/MANIFEST.sha256.sig"

  tar -C "$OUT" --sort=name --owner=0 --group=0 --numeric-owner -cf "$OUT/$name.tar" "$name"
  rm -rf "$stage"
  (cd "$OUT" && sha256sum "$name.tar" >"$name.tar.sha256")
  echo "   $OUT/$name.tar: $(du -m "$OUT/$name.tar" | cut -f1) MB; needs glibc >= $glibc, Python $PYVER"
}

for arch in $ARCHS; do build_arch "$arch"; done
echo "Release key fingerprint (SHA-256 of the public key, DER): $FINGERPRINT"
echo "签名公钥指纹（SHA-256）：$FINGERPRINT"
