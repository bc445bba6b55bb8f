#!/usr/bin/env bash
# CPU cost of one webhook acknowledgement, stage by stage, without HTTP (signature, parse, route, dedup, metrics).
# Usage: bench/ack-cost.sh [iterations=50000]
set -euo pipefail
BENCH_MAIN=dev.ownergate.app.bench.AckCost exec "$(dirname "$0")/webhook-load.sh" "$@"
