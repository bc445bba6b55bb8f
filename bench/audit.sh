#!/usr/bin/env bash
# Times `ownergate audit --format json` against the npm CODEOWNERS auditors on the same flat-CODEOWNERS trees,
# in the same run, then prints a small correctness probe (each tool's owners for a few tricky paths).
#   bench/audit.sh [sizes...]         sizes like 10k 100k 500k (default: 10k 100k)
# Env: RUNS (5), WARMUP (1), PEER_RUNS (RUNS below 100k files, else 1), PEER_TIMEOUT (300 s),
#      PEER_HEAP_MB (10240, for github-codeowners and @snyk/github-codeowners), SEED, OWNERGATE, PROBE_ONLY=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sizes=("$@")
(( ${#sizes[@]} )) || sizes=(10k 100k)
PEER_TIMEOUT="${PEER_TIMEOUT:-300}"
PEER_HEAP_MB="${PEER_HEAP_MB:-10240}"

ensure_time
ensure_peers
new_results_dir audit
have_ownergate=true
ownergate_has audit || have_ownergate=false

# name|heap|command run inside the tree. codeowners 5.1.1 audits the current folder and walks the disk;
# the github-codeowners CLIs walk --dir (their --only-git mode overflows git ls-files' 1 MB buffer at 100k).
peers=(
  "codeowners 5.1.1 (codeowners audit)|default|node $PEERS/codeowners/index.js audit"
  "github-codeowners 0.2.1 (audit)|$PEER_HEAP_MB|node $PEERS/github-codeowners/dist/cli.js audit --dir ."
  "@snyk/github-codeowners 1.1.0 (audit)|$PEER_HEAP_MB|node $PEERS/@snyk/github-codeowners/dist/cli.js audit --dir ."
)

run_peer() { # run_peer KEY TREE RUNS HEAP CMD
  local key="$1" tree="$2" runs="$3" heap="$4" cmd="$5" opts=""
  [[ "$heap" == default ]] || opts="--max-old-space-size=$heap"
  series "$key" 0 "$runs" "$RESULTS/$key.out" -- \
    env NODE_OPTIONS="$opts" bash -c 'cd "$1" && exec timeout "$2" $3' _ "$tree" "$PEER_TIMEOUT" "$cmd"
}

cell_wall() { # wall cell, marking timeouts and failures
  local key="$1" ms="$2" fail="$3" rc
  if (( fail == 0 )); then fmt_s "$ms"; return; fi
  rc="$(last_failure "$key")"
  if [[ "$rc" == 124 ]]; then echo "> ${PEER_TIMEOUT} s (timeout)"; else echo "$(fmt_s "$ms") (failed, exit $rc)"; fi
}

table="$RESULTS/table.md"
{
  echo "audit: $(machine_line); ownergate: median of $RUNS runs after $WARMUP warm-up; peers: see runs column"
  echo
  echo "| files | rules | tool | wall | CPU | peak RSS | runs | ownergate wall / tool | ownergate CPU / tool | ownergate peak / tool |"
  echo "|------:|------:|------|-----:|----:|---------:|-----:|----------------------:|---------------------:|----------------------:|"
} > "$table"

for size in "${sizes[@]}"; do
  [[ "${PROBE_ONLY:-0}" == 1 ]] && break
  files="$(size_to_files "$size")"
  tree="$(ensure_tree flat "$size")"
  rules="$(grep -cv '^\s*\(#.*\)\?$' "$tree/.github/CODEOWNERS")"
  peer_runs="${PEER_RUNS:-$(( files < 100000 ? RUNS : 1 ))}"

  o_ms=NA o_rss=NA o_cpu=NA o_cell="skipped: no ownergate audit yet" o_runs=0
  if $have_ownergate; then
    log "bench: ownergate audit, $size"
    series "ownergate-$size" "$WARMUP" "$RUNS" "$RESULTS/ownergate-$size.json" -- \
      "$OWNERGATE" audit --format json --root "$tree"
    read -r o_ms o_rss o_fail o_runs o_cpu < <(summary "ownergate-$size")
    # audit exits 1 when it finds problems; only 2 and up (invalid input, crash) is a failed run.
    if awk '$3 >= 2 { bad = 1 } END { exit !bad }' "$RESULTS/ownergate-$size"; then
      o_cell="$(fmt_s "$o_ms") (failed, exit $(last_failure "ownergate-$size"))"
      log "bench: ownergate audit failed at $size: $(tail -n3 "$RESULTS/ownergate-$size.stderr")"
    else
      o_cell="$(fmt_s "$o_ms")"
    fi
  fi
  one=1.00; [[ "$o_ms" == NA ]] && one=-
  printf '| %s | %s | ownergate audit | %s | %s | %s | %s | %s | %s | %s |\n' "$files" "$rules" "$o_cell" \
    "$(fmt_s "$o_cpu")" "$(fmt_mb "$o_rss")" "$o_runs" "$one" "$one" "$one" >> "$table"

  i=0
  for peer in "${peers[@]}"; do
    IFS='|' read -r label heap cmd <<< "$peer"
    key="peer$i-$size"; i=$((i + 1))
    log "bench: $label, $size ($peer_runs run(s), timeout ${PEER_TIMEOUT}s, heap $heap)"
    run_peer "$key" "$tree" "$peer_runs" "$heap" "$cmd"
    read -r p_ms p_rss p_fail p_n p_cpu < <(summary "$key")
    (( p_fail == 0 )) || log "bench: $label: $p_fail of $p_n runs failed: $(tail -c 300 "$RESULTS/$key.stderr" | tr '\n' ' ')"
    wall_ratio="$(ratio "$o_ms" "$p_ms")"
    # A timed-out peer ran at least PEER_TIMEOUT: the true ratio is at most the one shown.
    if (( p_fail > 0 )) && [[ "$(last_failure "$key")" == 124 && "$wall_ratio" != - ]]; then wall_ratio="< $wall_ratio"; fi
    [[ "$wall_ratio" == - || "$wall_ratio" == "<"* ]] || wall_ratio="$wall_ratio ($(ratio "$p_ms" "$o_ms")x faster)"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$files" "$rules" "$label" \
      "$(cell_wall "$key" "$p_ms" "$p_fail")" "$(fmt_s "$p_cpu")" "$(fmt_mb "$p_rss")" "$p_n" \
      "$wall_ratio" "$(ratio "$o_cpu" "$p_cpu")" "$(ratio "$o_rss" "$p_rss")" >> "$table"
  done
done

# ---- correctness probe ---------------------------------------------------------------------------------------
# GitHub's documented behaviour is the expected answer: paths are case-sensitive, `docs/*` matches only files
# directly in docs/, `apps/` matches an apps folder anywhere, `/build/logs/` only at the root, `**/fixtures` a
# fixtures folder anywhere, the last matching rule wins.
# https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
probe="$WORK_DIR/probe"
rm -rf "$probe"
mkdir -p "$probe/.github"
cat > "$probe/.github/CODEOWNERS" <<'EOF'
* @org/default
*.md @org/markdown
docs/* @org/docs-star
/guides/ @org/guides
apps/ @org/apps
/build/logs/ @org/logs
**/fixtures @org/fixtures
lib/**/BUILD @org/build
EOF
# path|GitHub's answer
probes=(
  "docs/a.md|@org/docs-star"
  "docs/a/b.md|@org/markdown"
  "Docs/x.md|@org/markdown"
  "Guides/intro.txt|@org/default"
  "src/apps/main.py|@org/apps"
  "build/logs/x.log|@org/logs"
  "src/build/logs/y.log|@org/default"
  "a/b/fixtures/f.json|@org/fixtures"
  "lib/BUILD|@org/build"
  "lib/x/y/BUILD|@org/build"
)
for p in "${probes[@]}"; do
  mkdir -p "$probe/$(dirname "${p%%|*}")"
  : > "$probe/${p%%|*}"
done
git -C "$probe" init -q -b main
git -C "$probe" -c core.fsmonitor=false add -A
git -C "$probe" -c user.name=bench -c user.email=bench@example.com commit -q --no-verify -m probe

(cd "$probe" && node "$PEERS/codeowners/index.js" audit -w 1 > "$RESULTS/probe-codeowners.txt" 2>&1) || true
# github-codeowners reads .github/CODEOWNERS relative to the current folder, whatever --dir says.
(cd "$probe" && node "$PEERS/github-codeowners/dist/cli.js" audit --dir . --output jsonl > "$RESULTS/probe-gc.jsonl" 2>&1) || true
(cd "$probe" && node "$PEERS/@snyk/github-codeowners/dist/cli.js" audit --dir . --output jsonl > "$RESULTS/probe-snyk.jsonl" 2>&1) || true

from_text() { awk -v p="$1" '$1 == p { $1 = ""; sub(/^ +/, ""); print; exit }' "$2"; }
from_jsonl() { node -e 'const [p, f] = process.argv.slice(1);
  for (const l of require("fs").readFileSync(f, "utf8").split("\n")) {
    try { const r = JSON.parse(l); if (r.path === p) { console.log(r.owners.join(" ") || "nobody"); break; } } catch (e) {}
  }' "$1" "$2"; }
from_ownergate() {
  $have_ownergate_who || { echo "n/a"; return; }
  local out
  out="$("$OWNERGATE" who --json --root "$probe" "$1" 2>/dev/null)" || { echo "error"; return; }
  # docs/cli-json.md: {"paths": [{"path": ..., "owners": [...]}]}
  node -e 'const d = JSON.parse(process.argv[1]); const o = d.paths[0].owners;
    console.log(o.length ? o.join(" ") : "nobody")' "$out" 2>/dev/null || echo "error"
}
have_ownergate_who=true
ownergate_has who || have_ownergate_who=false

mark() { [[ "$1" == "$2" || "$1" == n/a ]] && echo "$1" || echo "**$1**"; }
probe_table="$RESULTS/probe.md"
{
  echo "probe: owners per path; **bold** differs from GitHub's documented answer. CODEOWNERS:"
  echo
  sed 's/^/    /' "$probe/.github/CODEOWNERS"
  echo
  echo "| path | GitHub | ownergate who | codeowners 5.1.1 | github-codeowners 0.2.1 | @snyk/github-codeowners 1.1.0 |"
  echo "|------|--------|---------------|------------------|-------------------------|-------------------------------|"
  for p in "${probes[@]}"; do
    path="${p%%|*}" want="${p#*|}"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$path" "$want" \
      "$(mark "$(from_ownergate "$path")" "$want")" \
      "$(mark "$(from_text "$path" "$RESULTS/probe-codeowners.txt")" "$want")" \
      "$(mark "$(from_jsonl "$path" "$RESULTS/probe-gc.jsonl")" "$want")" \
      "$(mark "$(from_jsonl "$path" "$RESULTS/probe-snyk.jsonl")" "$want")"
  done
} > "$probe_table"

echo
[[ "${PROBE_ONLY:-0}" == 1 ]] || { cat "$table"; echo; }
cat "$probe_table"
echo
echo "Raw runs and outputs: $RESULTS"
