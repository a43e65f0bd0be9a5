#!/usr/bin/env bash
# Make sure Node.js is on PATH for the tests that check the generated JavaScript (`node --check`)
# and replay the same inputs through the Python rules and their JavaScript ports. Installs
# Debian's nodejs when it is missing (as root); without root, the tests say how to get it.
set -uo pipefail
if command -v node >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's nodejs for the JavaScript tests" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
else
  echo "node is missing and cannot be installed here (need root and apt-get)" >&2
fi
