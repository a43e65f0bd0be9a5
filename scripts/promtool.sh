#!/usr/bin/env bash
# Put a promtool at .venv/bin/promtool for tests/unit/test_prometheus_config.py, which checks
# config/prometheus/ (the scrape config, the rules and their unit tests). Debian's prometheus package
# holds promtool, a static Go binary: the .deb is downloaded and only that file copied out, never
# installed (installing it would add a Prometheus service and its web assets). Best effort: without
# apt-get and dpkg-deb it says so and exits 0, and the test skips (or fails under CI) saying why.
set -uo pipefail
cd "$(dirname "$0")/.."

target=.venv/bin/promtool
if command -v promtool >/dev/null 2>&1 || [ -x "$target" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "promtool is missing and cannot be fetched here (need apt-get and dpkg-deb)" >&2
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt downloads as the _apt user when it can: let it write the folder, else apt warns it runs unsandboxed.
[ "$(id -u)" = 0 ] && chown _apt "$work" 2>/dev/null

download() { (cd "$work" && apt-get download -qq prometheus >/dev/null 2>&1); }
if ! download; then
  # A fresh machine may have no package lists yet; only root can fetch them.
  if [ "$(id -u)" != 0 ] || ! { apt-get update -qq >/dev/null 2>&1 && download; }; then
    echo "could not download Debian's prometheus package for its promtool (need root or package lists)" >&2
    exit 0
  fi
fi

deb=$(ls "$work"/prometheus_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ] || ! dpkg-deb -x "$deb" "$work/root" || [ ! -x "$work/root/usr/bin/promtool" ]; then
  echo "Debian's prometheus package held no usr/bin/promtool" >&2
  exit 0
fi
mkdir -p "$(dirname "$target")"
cp "$work/root/usr/bin/promtool" "$target"
echo "installed promtool at $target ($("$target" --version 2>&1 | head -n 1))" >&2
