#!/usr/bin/env bash
# 会审 Huishen — offline installer and bundle verifier.  Needs no network.
#
#   ./install.sh --key ORG-RELEASE-KEY.pub.pem     verify this bundle, then install or upgrade Huishen
#   ./install.sh --verify --key KEY                verify only (nothing is written)
#   ./install.sh --check-system                    list the Debian packages this bundle needs that are missing
#
# Options:
#   --key FILE           the organisation's release public key (Ed25519, PEM), delivered separately from the
#                        bundle; after the first install it is pinned in PREFIX/etc and used when --key is absent
#   --replace-key        accept a --key that differs from the pinned one (the organisation changed its key)
#   --bundle DIR         the bundle directory to verify or install (default: the directory of this script)
#   --prefix DIR         where Huishen lives (default /opt/huishen as root, else ~/.local/opt/huishen)
#   --bin-dir DIR        where the `huishen` command goes (default /usr/local/bin as root, else ~/.local/bin)
#   --data-dir DIR       where the launcher and icon go (default /usr/share as root, else ~/.local/share)
#   --no-desktop         no launcher or icon
#   --python FILE        the Python interpreter to use (default: python3.X as the bundle says, else python3)
#   --skip-system-check  install even when Debian packages are missing
#
# Exit status: 0 ok · 1 the bundle failed verification · 2 refused (wrong machine, missing packages, downgrade)
set -euo pipefail
umask 022

# The whole script is one function, read to its end before anything runs: a truncated copy does nothing.
main() {
say() { printf '%s\n' "$@"; }
# Every message: a Chinese line, then the English one.
refuse() { local code="$1"; shift; printf '%s\n' "$@" >&2; exit "$code"; }
untrusted() {
  refuse 1 "安装包未通过校验，已拒绝：$1" "Bundle refused, verification failed: $2" \
    "请勿使用此安装包；请向发布单位重新索取。" "Do not use this bundle; obtain it again from the issuing office."
}

KEY="" BUNDLE="" PREFIX="" BIN_DIR="" DATA_DIR="" PYTHON="" MODE=install
REPLACE_KEY=0 DESKTOP=1 SYSCHECK=1
while [ $# -gt 0 ]; do
  case "$1" in
    --key) KEY="${2:?--key FILE}"; shift 2;;
    --replace-key) REPLACE_KEY=1; shift;;
    --bundle) BUNDLE="${2:?--bundle DIR}"; shift 2;;
    --prefix) PREFIX="${2:?--prefix DIR}"; shift 2;;
    --bin-dir) BIN_DIR="${2:?--bin-dir DIR}"; shift 2;;
    --data-dir) DATA_DIR="${2:?--data-dir DIR}"; shift 2;;
    --no-desktop) DESKTOP=0; shift;;
    --python) PYTHON="${2:?--python FILE}"; shift 2;;
    --verify) MODE=verify; shift;;
    --check-system) MODE=check; shift;;
    --skip-system-check) SYSCHECK=0; shift;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0;;
    *) refuse 2 "未知选项：$1（见 --help）" "Unknown option: $1 (see --help)";;
  esac
done

BUNDLE="$(cd "${BUNDLE:-$(dirname "$0")}" && pwd)"
if [ "$(id -u)" = 0 ]; then
  PREFIX="${PREFIX:-/opt/huishen}" BIN_DIR="${BIN_DIR:-/usr/local/bin}" DATA_DIR="${DATA_DIR:-/usr/share}"
else
  PREFIX="${PREFIX:-$HOME/.local/opt/huishen}" BIN_DIR="${BIN_DIR:-$HOME/.local/bin}"
  DATA_DIR="${DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}}"
fi
PINNED="$PREFIX/etc/release-key.pub.pem"

fingerprint() { openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -d' ' -f1; }

# --- verification: signature over the manifest, then every file against the manifest ------------
verify_bundle() {
  command -v openssl >/dev/null && command -v sha256sum >/dev/null \
    || refuse 2 "校验需要 openssl（3.0 或更高）和 sha256sum。" "Verification needs openssl (3.0 or later) and sha256sum."
  if [ -z "$KEY" ]; then
    if [ -f "$PINNED" ]; then KEY="$PINNED"; else
      refuse 2 "未指定发布公钥。请用 --key 指定本单位另行下发的发布公钥文件，并先核对其指纹。" \
        "No release key given. Use --key with the organisation's release public key, delivered separately;" \
        "check its fingerprint first (README: Installing on an air-gapped workstation)."
    fi
  fi
  [ -f "$KEY" ] || refuse 2 "找不到公钥文件：$KEY" "No such key file: $KEY"
  case "$(cd "$(dirname "$KEY")" && pwd -P)/" in
    "$(cd "$BUNDLE" && pwd -P)/"*)
      refuse 2 "发布公钥必须来自安装包之外（另行下发的公钥文件）；安装包内的公钥不能证明安装包的来源。" \
        "The release key must come from outside the bundle (delivered separately): a key inside the bundle" \
        "proves nothing about where the bundle came from.";;
  esac
  openssl pkey -pubin -in "$KEY" -noout -text 2>/dev/null | head -n1 | grep -q "ED25519" \
    || refuse 2 "$KEY 不是 Ed25519 公钥（PEM 格式）。" "$KEY is not an Ed25519 public key in PEM form."
  if [ -f "$PINNED" ] && [ "$KEY" != "$PINNED" ] && ! cmp -s "$KEY" "$PINNED" && [ "$REPLACE_KEY" = 0 ]; then
    refuse 2 "给出的公钥与本机已固定的发布公钥不同（指纹 $(fingerprint "$PINNED")）。若本单位确已更换密钥，请加 --replace-key。" \
      "The key given differs from the release key pinned on this machine (fingerprint $(fingerprint "$PINNED"))." \
      "If the organisation has really changed its key, add --replace-key."
  fi

  local manifest="$BUNDLE/MANIFEST.sha256" sig="$BUNDLE/MANIFEST.sha256.sig"
  [ -f "$manifest" ] || untrusted "缺少清单 MANIFEST.sha256（安装包不完整或未签名）" "MANIFEST.sha256 is missing (incomplete or unsigned bundle)"
  [ -f "$sig" ] || untrusted "缺少签名 MANIFEST.sha256.sig（未签名的安装包）" "MANIFEST.sha256.sig is missing (unsigned bundle)"
  [ "$(stat -c %s "$sig")" = 64 ] || untrusted "签名文件长度不对" "the signature file is not 64 bytes"
  openssl pkeyutl -verify -pubin -inkey "$KEY" -rawin -in "$manifest" -sigfile "$sig" >/dev/null 2>&1 \
    || untrusted "清单签名无效（清单被改动，或不是由该公钥签发）" "the manifest's signature does not verify against this key (changed, or signed by another key)"

  # The manifest is authentic: now every line must be a plain path, every file must match, nothing extra.
  local bad listed present
  bad="$(LC_ALL=C grep -nvE '^[0-9a-f]{64}  [A-Za-z0-9_][A-Za-z0-9._+/-]*$' "$manifest" | head -n1 || true)"
  [ -z "$bad" ] || untrusted "清单第 ${bad%%:*} 行格式不对" "manifest line ${bad%%:*} is malformed"
  if LC_ALL=C grep -qE '(^|/)\.\.(/|$)' "$manifest"; then untrusted "清单含有 .. 路径" "the manifest names a path with .."; fi
  if [ -n "$(find "$BUNDLE" ! -type f ! -type d -print -quit)" ]; then
    untrusted "安装包中有符号链接或特殊文件" "the bundle holds a symbolic link or special file"
  fi
  listed="$(cut -c67- "$manifest" | LC_ALL=C sort)"
  present="$(cd "$BUNDLE" && find . -type f ! -name MANIFEST.sha256 ! -name MANIFEST.sha256.sig -printf '%P\n' | LC_ALL=C sort)"
  if [ "$listed" != "$present" ]; then
    local missing extra
    missing="$(LC_ALL=C comm -23 <(printf '%s\n' "$listed") <(printf '%s\n' "$present") | head -n3 | tr '\n' ' ')"
    extra="$(LC_ALL=C comm -13 <(printf '%s\n' "$listed") <(printf '%s\n' "$present") | head -n3 | tr '\n' ' ')"
    [ -z "$missing" ] || untrusted "缺少文件（安装包被截断？）：$missing" "files missing (truncated bundle?): $missing"
    untrusted "有清单之外的文件：$extra" "files not in the manifest: $extra"
  fi
  local failed
  failed="$(cd "$BUNDLE" && sha256sum --strict -c MANIFEST.sha256 2>/dev/null | grep -v ': OK$' | head -n3 | tr '\n' ' ' || true)"
  [ -z "$failed" ] || untrusted "文件内容与清单不符（被修改或截断）：$failed" "files differ from the manifest (modified or truncated): $failed"
  say "安装包校验通过：签名有效，$(wc -l <"$manifest") 个文件完整。发布公钥指纹 $(fingerprint "$KEY")" \
    "Bundle verified: signature good, $(wc -l <"$manifest") files intact. Release key fingerprint $(fingerprint "$KEY")"
}

field() { sed -n "s/^$1=//p" "$BUNDLE/bundle.env" | head -n1; }

missing_packages() {
  local p missing=""
  command -v dpkg-query >/dev/null || { echo "?"; return; }
  while IFS= read -r p; do
    case "$p" in ''|'#'*) continue;; esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done <"$BUNDLE/debian-packages.txt"
  echo "${missing# }"
}

check_system() {
  local missing
  missing="$(missing_packages)"
  if [ "$missing" = "?" ]; then
    say "本机没有 dpkg，无法检查系统软件包；所需软件包见 debian-packages.txt。" \
      "No dpkg on this machine: the packages this bundle needs are listed in debian-packages.txt."
    return 0
  fi
  if [ -z "$missing" ]; then say "系统软件包齐全。" "All required system packages are installed."; return 0; fi
  printf '%s\n' "缺少以下系统软件包（请从本单位的离线软件源或系统安装介质安装）：" \
    "These system packages are missing (install them from the organisation's offline mirror or the system media):" \
    "  apt-get install $missing" >&2
  return 1
}

if [ "$MODE" = check ]; then
  [ -f "$BUNDLE/debian-packages.txt" ] || refuse 2 "找不到 debian-packages.txt" "debian-packages.txt not found"
  check_system || exit 2
  exit 0
fi

verify_bundle
[ "$MODE" = verify ] && exit 0

# --- the machine -----------------------------------------------------------------------------
VERSION="$(field VERSION)" ARCH="$(field ARCH)" PYVER="$(field PYTHON)" GLIBC_MIN="$(field GLIBC_MIN)"
if [ "$(uname -m)" != "$ARCH" ]; then
  refuse 2 "此安装包用于 $ARCH，本机是 $(uname -m)。" "This bundle is for $ARCH; this machine is $(uname -m)."
fi
glibc="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
if [ -z "$glibc" ] || [ "$(printf '%s\n%s\n' "$GLIBC_MIN" "$glibc" | sort -V | head -n1)" != "$GLIBC_MIN" ]; then
  refuse 2 "本机 glibc 版本为 ${glibc:-未知}，此安装包需要 $GLIBC_MIN 或更高（Qt 6 的要求）。" \
    "This machine's glibc is ${glibc:-unknown}; the bundle needs $GLIBC_MIN or later (required by its Qt 6 build)."
fi
if [ -z "$PYTHON" ]; then
  PYTHON="$(command -v "python$PYVER" || command -v python3 || true)"
fi
if [ -z "$PYTHON" ] || [ "$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$PYVER" ]; then
  refuse 2 "需要 Python $PYVER（Debian 12 的 python3），未找到；可用 --python 指定。" \
    "Python $PYVER is needed (Debian 12's python3) and was not found; name it with --python."
fi
if [ "$SYSCHECK" = 1 ] && ! check_system; then
  refuse 2 "已停止安装。装好上述软件包后重试，或加 --skip-system-check 跳过此检查。" \
    "Installation stopped. Install those packages and try again, or add --skip-system-check."
fi

# --- no downgrade: a store migrated by the installed version cannot be read by an older one --------
if [ -f "$PREFIX/current/bundle.env" ]; then
  installed_version="$(sed -n 's/^VERSION=//p' "$PREFIX/current/bundle.env")"
  installed_head="$(sed -n 's/^SCHEMA_HEAD=//p' "$PREFIX/current/bundle.env")"
  case " $(field SCHEMA_REVISIONS) " in
    *" $installed_head "*) ;;
    *) refuse 2 "本机已安装较新的会审 $installed_version（数据库结构 $installed_head），此安装包 $VERSION 是旧版本，不能识别已升级的数据库，已拒绝降级安装。" \
         "A newer Huishen ($installed_version, schema $installed_head) is installed; this bundle ($VERSION) is older" \
         "and cannot read stores that version has migrated. Downgrade refused.";;
  esac
fi

# --- install into PREFIX/releases/VERSION, then switch PREFIX/current to it -----------------------
say "正在安装会审 $VERSION 到 $PREFIX …" "Installing Huishen $VERSION into $PREFIX …"
mkdir -p "$PREFIX/releases" "$PREFIX/bin" "$PREFIX/etc"
release="$PREFIX/releases/$VERSION"
staging="$PREFIX/releases/.$VERSION.partial"
rm -rf "$staging"
mkdir -p "$staging"
"$PYTHON" -m venv --without-pip "$staging/venv"
pip_wheel="$(ls "$BUNDLE"/wheelhouse/pip-*.whl | head -n1)"
# No network, ever: no index, an unreachable proxy, and no pip configuration from this machine.
env PIP_NO_INDEX=1 PIP_CONFIG_FILE=/dev/null http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
  "$staging/venv/bin/python" "$pip_wheel/pip" install --isolated --no-index --find-links "$BUNDLE/wheelhouse" \
  --require-hashes --only-binary=:all: --no-cache-dir --disable-pip-version-check --quiet \
  -r "$BUNDLE/requirements.lock"
cp -R "$BUNDLE/app" "$staging/app"
site="$("$staging/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$release/app" >"$site/huishen-app.pth"
"$staging/venv/bin/python" -m compileall -q -j 0 -d "$release/app" "$staging/app" >/dev/null || true
cp "$BUNDLE/bundle.env" "$BUNDLE/install.sh" "$BUNDLE/debian-packages.txt" "$staging/"
cp -R "$BUNDLE/share" "$staging/share"
rm -rf "$release"
mv "$staging" "$release"
# The venv records its own path: it was built at the staging path, so repoint its scripts.
grep -rlI -- "$staging" "$release/venv/bin" "$release/venv/pyvenv.cfg" | xargs -r sed -i "s#$staging#$release#g"
ln -sfn "releases/$VERSION" "$PREFIX/current.new" && mv -T "$PREFIX/current.new" "$PREFIX/current"

cat >"$PREFIX/bin/huishen" <<EOF
#!/bin/sh
# Huishen, installed from an offline bundle.  -I: no PYTHON* variables, no user site, no current directory.
exec "$PREFIX/current/venv/bin/python" -I "$PREFIX/current/app/main.py" "\$@"
EOF
cat >"$PREFIX/bin/huishen-verify-bundle" <<EOF
#!/bin/sh
# Verify a new bundle with the installed (trusted) verifier and the pinned key: huishen-verify-bundle DIR
[ \$# -eq 1 ] || { echo "usage: huishen-verify-bundle BUNDLE-DIR" >&2; exit 2; }
exec "$PREFIX/current/install.sh" --verify --prefix "$PREFIX" --bundle "\$1"
EOF
chmod 755 "$PREFIX/bin/huishen" "$PREFIX/bin/huishen-verify-bundle"
mkdir -p "$BIN_DIR"
ln -sfn "$PREFIX/bin/huishen" "$BIN_DIR/huishen"

if [ ! -f "$PINNED" ] || [ "$REPLACE_KEY" = 1 ]; then
  [ "$KEY" = "$PINNED" ] || cp "$KEY" "$PINNED"
fi

if [ "$DESKTOP" = 1 ]; then
  mkdir -p "$DATA_DIR/applications" "$DATA_DIR/icons/hicolor/scalable/apps"
  sed "s#@PREFIX@#$PREFIX#g" "$BUNDLE/share/huishen.desktop" >"$DATA_DIR/applications/huishen.desktop"
  cp "$BUNDLE/share/huishen.svg" "$DATA_DIR/icons/hicolor/scalable/apps/huishen.svg"
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA_DIR/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA_DIR/icons/hicolor" 2>/dev/null || true
fi

# Keep the release just replaced (to go back to) and drop older ones.
for old in $(ls -1t "$PREFIX/releases" | tail -n +3); do
  [ "$old" = "$VERSION" ] || rm -rf "${PREFIX:?}/releases/$old"
done

say "会审 $VERSION 已安装。命令：$BIN_DIR/huishen；桌面启动器：会审。" \
  "Huishen $VERSION installed. Command: $BIN_DIR/huishen; desktop launcher: Huishen." \
  "已有的数据库在新版本首次打开时自动升级，升级前的备份保存在数据库目录的 backups/ 下。" \
  "Existing stores are migrated when this version first opens them; a backup is made first, in the store's backups/."
case ":$PATH:" in *":$BIN_DIR:"*) ;; *) say "注意：$BIN_DIR 不在 PATH 中。" "Note: $BIN_DIR is not on PATH.";; esac
}

main "$@"
