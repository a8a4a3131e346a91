#!/usr/bin/env bash
# Refresh requirements.lock — every package Huishen needs, pinned, with the hashes of all their files on PyPI
# (so one lock serves x86_64 and aarch64).  Run on a connected machine after changing pyproject.toml; review
# the diff and commit it.  Uses pip-tools in a throw-away environment (a build-time tool only).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE/../.."
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install --quiet pip-tools
env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null \
  "$tools/bin/pip-compile" --quiet --generate-hashes --strip-extras --no-emit-index-url --allow-unsafe \
  --output-file resources/bundle/requirements.lock resources/bundle/bundle.in pyproject.toml
