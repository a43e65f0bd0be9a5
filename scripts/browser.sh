#!/usr/bin/env bash
# Make sure a headless Chromium for the end-to-end tests is at /usr/bin/chromium (Debian's
# package; tests never download a browser of their own), with fonts that carry emoji and CJK
# (Debian's fonts-noto-color-emoji and fonts-noto-cjk), so a title like "Bunny Hop 🐰 토끼" draws
# its glyphs rather than boxes. Best effort: without root or apt, the browser tests say why they
# cannot run.
set -uo pipefail

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if command -v dpkg-query >/dev/null 2>&1; then
  for font in fonts-noto-color-emoji fonts-noto-cjk; do
    installed "$font" || missing+=("$font")
  done
fi
if [ "${#missing[@]}" = 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's ${missing[*]} for the browser tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "${missing[*]} missing and cannot be installed here (need root and apt-get)" >&2
fi
