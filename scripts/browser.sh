#!/usr/bin/env bash
# Make sure a headless Chromium for the end-to-end tests is at /usr/bin/chromium (Debian's
# package; tests never download a browser of their own). Best effort: without root or apt, the
# browser tests say why they cannot run.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "chromium is missing and cannot be installed here (need root and apt-get)" >&2
fi
