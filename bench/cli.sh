#!/usr/bin/env bash
# Times the CLI targets of issue #13 that have no npm peer: start-up (--help, who on a small repository),
# audit of an OWNERS tree and who --stdin with every path of a tree.
#   bench/cli.sh [size]        size of the OWNERS tree (default 100k)
# Env: RUNS (5), WARMUP (1), SEED (42), OWNERGATE (./ownergate), BENCH_WORK (bench/work).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

size="${1:-100k}"
ensure_time
new_results_dir cli
ownergate_has who || die "no ownergate who"
tree="$(ensure_tree owners "$size")"
paths="$RESULTS/paths.txt"
git -C "$tree" ls-files > "$paths"
small="$REPO_DIR/examples/pynest"

table="$RESULTS/table.md"
{
  echo "cli: $(machine_line); median of $RUNS runs after $WARMUP warm-up, whole process"
  echo
  echo "| command | wall | CPU | peak RSS | runs |"
  echo "|---------|-----:|----:|---------:|-----:|"
} > "$table"

row() { # row NAME LABEL -- CMD...
  local name="$1" label="$2"; shift 2
  series "$name" "$WARMUP" "$RUNS" /dev/null "$@"
  local ms rss fail n cpu
  read -r ms rss fail n cpu < <(summary "$name")
  (( fail == 0 )) || label="$label (failed $fail/$n)"
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$(fmt_s "$ms")" "$(fmt_s "$cpu")" "$(fmt_mb "$rss")" "$n" >> "$table"
}

log "bench: start-up"
row help '`ownergate --help`' -- "$OWNERGATE" --help
row who-small '`ownergate who README.md` on examples/pynest' -- "$OWNERGATE" who --root "$small" README.md
log "bench: audit and who --stdin, $size"
row audit "\`ownergate audit --format json\` on the $size OWNERS tree" -- "$OWNERGATE" audit --format json --root "$tree"
row who-stdin "\`ownergate who --stdin\`, $(wc -l < "$paths") paths of the $size OWNERS tree" -- \
  bash -c 'exec "$1" who --stdin --root "$2" < "$3"' _ "$OWNERGATE" "$tree" "$paths"

echo
cat "$table"
echo
echo "Raw runs: $RESULTS"
