#!/usr/bin/env bash
# Durability benchmark (issue #11): real `ownergate serve` processes on one database, 20,000 signed deliveries,
# one replica killed with kill -9 mid-run; checks none lost, none committed twice, every final check right.
# Usage: bench/durable-load.sh [pg|h2] [deliveries=20000] [pullRequests=2000] [replicas=2 for pg, 1 for h2] [senders=32]
# pg needs the PostgreSQL at 127.0.0.1:5432 (user postgres, database test); each run uses a schema of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_MAIN=dev.ownergate.app.bench.DurableLoad exec bench/webhook-load.sh "$@"
