#!/usr/bin/env bash
# Webhook attack benchmark (issue #10): unsigned 26 MB bodies, then slow bodies, each next to a stream of signed
# deliveries, against the real server on loopback. Every loop is bounded in time. Figures in bench/README.md.
# Usage: bench/webhook-attack.sh [largeAttackers=240] [slowAttackers=260] [seconds=30] [slowGapSeconds=5]
set -euo pipefail
BENCH_MAIN=dev.ownergate.app.bench.WebhookAttackBench exec "$(dirname "$0")/webhook-load.sh" "$@"
