#!/usr/bin/env bash
# Times `ownergate compile` against the npm codeowners-generator on the same generated trees, in the same run.
#   bench/compile.sh [sizes...]       sizes like 10k 100k 500k (default: 10k 100k)
# Env: RUNS (5), WARMUP (1), SEED (42), OWNERGATE (./ownergate), BENCH_WORK (bench/work),
#      TREES ("owners owners-small": the README's tree, and the harder one with 1 to 4 files per folder).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sizes=("$@")
(( ${#sizes[@]} )) || sizes=(10k 100k)

ensure_time
ensure_peers
new_results_dir compile
have_ownergate=true
ownergate_has compile || have_ownergate=false

table="$RESULTS/table.md"
{
  echo "compile: $(machine_line); median of $RUNS runs after $WARMUP warm-up, whole process"
  echo
  echo "| tree | files | OWNERS | ownergate compile: wall | CPU | peak RSS | codeowners-generator: wall | CPU | peak RSS | wall ratio | CPU ratio | memory ratio |"
  echo "|------|------:|-------:|------------------------:|----:|---------:|---------------------------:|----:|---------:|-----------:|----------:|-------------:|"
} > "$table"

read -r -a trees <<< "${TREES:-owners owners-small}"
for shape in "${trees[@]}"; do
for size in "${sizes[@]}"; do
  tree="$(ensure_tree "$shape" "$size")"
  owners_files="$(git -C "$tree" ls-files '*OWNERS' | grep -c '/OWNERS$\|^OWNERS$' || true)"

  # codeowners-generator works in the current folder and keeps what is already in the output file, so each
  # run starts without one. Called through its bin script, not npx, so npx's own start-up is not counted.
  peer_out="$RESULTS/codeowners-generator-$shape-$size.CODEOWNERS"
  peer_cmd=(bash -c 'cd "$1" && rm -f "$2" && exec node "$3" generate --output "$2"' _
    "$tree" "$peer_out" "$PEERS/codeowners-generator/dist/cli.js")
  log "bench: codeowners-generator generate, $shape $size"
  series "peer-$shape-$size" "$WARMUP" "$RUNS" /dev/null -- "${peer_cmd[@]}"
  read -r p_ms p_rss p_fail p_n p_cpu < <(summary "peer-$shape-$size")
  (( p_fail == 0 )) || log "bench: codeowners-generator failed $p_fail of $p_n runs at $size: $(tail -n3 "$RESULTS/peer-$shape-$size.stderr")"

  o_ms=NA o_rss=NA o_cpu=NA o_note=" (skipped: no ownergate compile yet)"
  if $have_ownergate; then
    og_out="$RESULTS/ownergate-$shape-$size.CODEOWNERS"
    log "bench: ownergate compile, $shape $size"
    series "ownergate-$shape-$size" "$WARMUP" "$RUNS" /dev/null -- "$OWNERGATE" compile --root "$tree" --output "$og_out"
    read -r o_ms o_rss o_fail o_n o_cpu < <(summary "ownergate-$shape-$size")
    o_note=""
    if (( o_fail > 0 )); then
      o_note=" (failed $o_fail/$o_n, exit $(last_failure "ownergate-$shape-$size"))"
      log "bench: ownergate compile failed $o_fail of $o_n runs at $size: $(tail -n3 "$RESULTS/ownergate-$shape-$size.stderr")"
    fi
  fi
  printf '| %s | %s | %s | %s%s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$shape" "$(size_to_files "$size")" "$owners_files" \
    "$(fmt_s "$o_ms")" "$o_note" "$(fmt_s "$o_cpu")" "$(fmt_mb "$o_rss")" \
    "$(fmt_s "$p_ms")" "$(fmt_s "$p_cpu")" "$(fmt_mb "$p_rss")" \
    "$(ratio "$o_ms" "$p_ms")" "$(ratio "$o_cpu" "$p_cpu")" "$(ratio "$o_rss" "$p_rss")" >> "$table"
done
done

echo
cat "$table"
echo
echo "wall and CPU (user + system) are medians; ratio = ownergate / codeowners-generator (below 1.00: ownergate is faster / smaller). Raw runs: $RESULTS"
