#!/usr/bin/env bash
# Make sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are up for the integration
# tests: start them if they are down, install them (Debian/Ubuntu, as root) if they are missing.
set -u

have() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if [ "$(id -u)" != 0 ] || ! have apt-get; then
    echo "services: $* missing and cannot be installed here (needs root and apt-get)" >&2
    return 1
  fi
  [ -n "${_APT_UPDATED:-}" ] || { apt-get update -qq >/dev/null && _APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

installed_pg=""
if ! (have pg_isready && pg_isready -q -h 127.0.0.1 -p 5432); then
  have pg_ctlcluster || { apt_install postgresql && installed_pg=1; } || true
  if have pg_ctlcluster; then
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$installed_pg" ] && [ -n "$version" ]; then
      # A server installed just now, for the tests: let local connections in without a password
      # (as CI's is) and give the tests their database `test`.
      hba="/etc/postgresql/$version/main/pg_hba.conf"
      sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba" 2>/dev/null || true
    fi
    [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  fi
  for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && break; sleep 0.5; done
  if [ -n "$installed_pg" ]; then
    su postgres -c "createdb test" 2>/dev/null || true
  fi
fi
if ! (have redis-cli && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1); then
  have redis-server || apt_install redis-server || true
  if have redis-server; then
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || true
  fi
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
pg=$(pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo up || echo down)
redis=$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && echo up || echo down)
echo "services: postgresql $pg, redis $redis"
