#!/usr/bin/env bash
# Makes sure PostgreSQL answers at 127.0.0.1:5432 with trust auth for 127.0.0.1 and a database `test`, as the
# store's tests expect. This kind of machine starts it before CI; on one that lacks it, it is installed from
# Debian's packages and set up the same way. Idempotent; needs root.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    # Trust local TCP connections, as the machine's own service does (a fresh install asks for a password).
    if [ -f "$hba" ] && ! grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
      sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

pg_isready -q -h 127.0.0.1 -p 5432 || { echo "start-postgres: PostgreSQL does not answer at 127.0.0.1:5432" >&2; exit 1; }
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test'
fi
