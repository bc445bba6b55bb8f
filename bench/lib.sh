# Shared helpers for bench/compile.sh and bench/audit.sh. Source it; do not run it.
# shellcheck shell=bash

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="${BENCH_WORK:-$BENCH_DIR/work}"
SEED="${SEED:-42}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
OWNERGATE="${OWNERGATE:-$REPO_DIR/ownergate}"
PEERS="$BENCH_DIR/node_modules"

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 2; }

# Sizes are written 10k, 100k, 500k or as plain numbers.
size_to_files() {
  case "$1" in
    *k) echo $(( ${1%k} * 1000 )) ;;
    *m) echo $(( ${1%m} * 1000000 )) ;;
    *[!0-9]*|'') die "size '$1' is not a number like 10k, 100k or 500000" ;;
    *) echo "$1" ;;
  esac
}

# A JDK >= 21 for the generator (single-file source launcher), found as ./ownergate finds one: JAVA_HOME, then
# /usr/lib/jvm and friends, reading each JDK's release file; `java` on the PATH last.
find_java() {
  local d v
  for d in "${OWNERGATE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* "$HOME"/.jdks/*; do
    [[ -n "$d" && -x "$d/bin/java" && -r "$d/release" ]] || continue
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")"
    if [[ -n "$v" ]] && (( v >= 21 )); then
      echo "$d/bin/java"
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    v="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
    if [[ "${v%%.*}" =~ ^[0-9]+$ ]] && (( ${v%%.*} >= 21 )); then
      command -v java
      return 0
    fi
  fi
  die "no JDK 21 or newer found (set JAVA_HOME)"
}

# GNU time gives peak RSS. Debian/Ubuntu ship it in the 'time' package, often not installed in containers.
ensure_time() {
  [[ -x /usr/bin/time ]] && return 0
  log "bench: /usr/bin/time is missing; installing the 'time' package with apt-get (needs root)"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
  else
    sudo apt-get install -y -qq time >/dev/null
  fi
  [[ -x /usr/bin/time ]] || die "could not install GNU time (/usr/bin/time)"
}

# The npm peers, exactly as pinned in bench/package-lock.json.
ensure_peers() {
  command -v node >/dev/null || die "node is needed for the npm peers"
  if [[ ! -f "$PEERS/.package-lock.json" || "$BENCH_DIR/package-lock.json" -nt "$PEERS/.package-lock.json" ]]; then
    log "bench: npm ci (peers pinned in bench/package-lock.json)"
    (cd "$BENCH_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# Generates (once, cached under bench/work/) a tree; prints its path. Regenerated when the generator changes.
ensure_tree() {
  local mode="$1" size="$2" files dir stamp java
  files="$(size_to_files "$size")"
  dir="$WORK_DIR/$mode-$size-seed$SEED"
  stamp="$(sha256sum "$BENCH_DIR/GenerateMonorepo.java" | cut -c1-16) files=$files seed=$SEED mode=$mode"
  if [[ -f "$dir.done" && "$(cat "$dir.done")" == "$stamp" ]]; then
    echo "$dir"
    return 0
  fi
  java="$(find_java)"
  log "bench: generating $mode tree with $files files (seed $SEED) in $dir"
  rm -rf "$dir" "$dir.done"
  mkdir -p "$WORK_DIR"
  # owners-small: the owners layout with 1 to 4 files per folder, so three times the folders and OWNERS files.
  local args=(--mode "${mode%-small}")
  [[ "$mode" == *-small ]] && args+=(--small-folders)
  "$java" "$BENCH_DIR/GenerateMonorepo.java" --files "$files" --seed "$SEED" "${args[@]}" --out "$dir" >&2
  echo "$stamp" > "$dir.done"
  echo "$dir"
}

# ownergate_has SUBCOMMAND: true when ./ownergate exists and knows the subcommand.
ownergate_has() {
  if [[ ! -x "$OWNERGATE" ]]; then
    log "bench: SKIP ownergate $1: no launcher at $OWNERGATE yet (it lands on main with 'compile'; run 'git merge main')"
    return 1
  fi
  if ! "$OWNERGATE" "$1" --help >/dev/null 2>&1; then
    log "bench: SKIP ownergate $1: '$OWNERGATE $1 --help' fails, so the subcommand is not there yet"
    return 1
  fi
}

# measure NAME OUT -- CMD...: one run; appends "wall_ms peak_rss_kb exit cpu_ms" to $RESULTS/NAME.
# Wall time is taken around the whole process with nanosecond clocks (GNU time rounds to 10 ms);
# peak RSS is GNU time's %M, the largest resident set among the process and its waited-for children;
# CPU is user + system time of the process tree, which says more than wall time when other jobs share the cores.
measure() {
  local name="$1" out="$2"; shift 3
  local tfile="$RESULTS/$name.time" start end rc=0
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$tfile" "$@" >"$out" 2>"$RESULTS/$name.stderr" || rc=$?
  end=$(date +%s%N)
  local rss cpu
  # GNU time writes "Command exited with non-zero status N" first when the command fails.
  read -r rss cpu < <(tail -n1 "$tfile" | awk '{ printf "%d %d\n", $1, ($2 + $3) * 1000 }')
  [[ "$rss" =~ ^[0-9]+$ ]] || rss=0
  [[ "$cpu" =~ ^[0-9]+$ ]] || cpu=0
  echo "$(( (end - start) / 1000000 )) $rss $rc $cpu" >> "$RESULTS/$name"
  return 0
}

# series NAME WARMUP RUNS OUT -- CMD...: warm-up runs (discarded), then timed runs.
series() {
  local name="$1" warm="$2" runs="$3" out="$4"; shift 5
  local i
  : > "$RESULTS/$name"
  for ((i = 0; i < warm; i++)); do
    measure "$name.warmup" "$out" -- "$@"
  done
  for ((i = 0; i < runs; i++)); do
    measure "$name" "$out" -- "$@"
  done
}

# summary NAME: "median_wall_ms max_rss_kb failures runs median_cpu_ms" over the timed runs.
summary() {
  awk '
    function median(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { wall[NR] = $1; cpu[NR] = $4; if ($2 > rss) rss = $2; if ($3 != 0) fail++ }
    END {
      if (NR == 0) { print "NA NA 0 0 NA"; exit }
      printf "%d %d %d %d %d\n", median(wall, NR), rss, fail + 0, NR, median(cpu, NR)
    }' "$RESULTS/$1"
}

# The last failed run's exit code, for the table ("timeout" for 124).
last_failure() {
  awk '$3 != 0 { rc = $3 } END { print rc + 0 }' "$RESULTS/$1"
}

fmt_s() { [[ "$1" == NA ]] && echo "-" || awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
fmt_mb() { [[ "$1" == NA || "$1" == 0 ]] && echo "-" || awk -v kb="$1" 'BEGIN { printf "%.0f MB", kb / 1024 }'; }
ratio() { [[ "$1" == NA || "$2" == NA || "$2" == 0 || "$1" == 0 ]] && echo "-" || awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

machine_line() {
  local cpu jdk
  cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  jdk="$("$(find_java)" -version 2>&1 | head -n1)"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), node $(node --version), generator JDK: $jdk, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

new_results_dir() {
  RESULTS="$WORK_DIR/results/$1-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$RESULTS"
}
