#!/usr/bin/env bash
# Builds the Ownergate image from the release jar with Debian's podman, saves it as a tarball, prints its
# user, entrypoint and ports (skopeo), and smoke-runs it read-only. Run after ./mvnw -B verify (or package).
#
#   deploy/image/build.sh                      # base made here: debootstrap + a jlink'd Java runtime
#   BASE_IMAGE=docker.io/library/eclipse-temurin:21-jre deploy/image/build.sh   # with registry access
#
# Outputs app/target/ownergate-image-<version>.tar (docker-archive: podman load / docker load).
# Needs root (or rootless podman), podman, skopeo, and for the local base debootstrap and a JDK >= 21.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=app/target
jar="$target/ownergate.jar"
[ -f "$jar" ] || { echo "build.sh: $jar missing; run ./mvnw -B verify first" >&2; exit 2; }
version="$(unzip -p "$jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *\([^[:space:]]*\).*/\1/p')"
[ -f "$target/ownergate-$version.jar" ] || { echo "build.sh: $target/ownergate-$version.jar missing" >&2; exit 2; }
image="localhost/ownergate:$version"

if [ -z "${BASE_IMAGE:-}" ]; then
  # No registry: a Debian bookworm minbase root filesystem plus a Java runtime cut to the modules the jar
  # uses, laid out like eclipse-temurin's (/opt/java/openjdk, java on PATH).
  jdk="${OWNERGATE_JAVA_HOME:-${JAVA_HOME:-}}"
  if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jlink" ]; then
    jdk=""
    for d in /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do
      if [ -x "$d/bin/jlink" ]; then jdk="$d"; break; fi
    done
  fi
  [ -n "$jdk" ] || { echo "build.sh: no JDK >= 21 with jlink found; set OWNERGATE_JAVA_HOME" >&2; exit 2; }
  rootfs="${OWNERGATE_ROOTFS:-$target/image/rootfs}"
  if [ ! -x "$rootfs/bin/sh" ]; then
    mkdir -p "$(dirname "$rootfs")"
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian
  fi
  base_dir="$target/image/base"
  rm -rf "$base_dir" && mkdir -p "$base_dir"
  cp -a "$rootfs/." "$base_dir/"
  rm -rf "$base_dir"/var/cache/apt/archives/*.deb "$base_dir"/var/lib/apt/lists/*
  modules="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 "$jar")"
  "$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.localedata" \
    --strip-debug --no-header-files --no-man-pages --output "$base_dir/opt/java/openjdk"
  grep -q '^ownergate:' "$base_dir/etc/passwd" || {
    echo 'ownergate:x:65532:65532:ownergate:/data:/usr/sbin/nologin' >> "$base_dir/etc/passwd"
    echo 'ownergate:x:65532:' >> "$base_dir/etc/group"
  }
  BASE_IMAGE="localhost/ownergate-base:$(basename "$jdk")"
  tar -C "$base_dir" --numeric-owner -c . | podman import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$BASE_IMAGE" >/dev/null
  echo "build.sh: base $BASE_IMAGE (Debian bookworm minbase + jlink of $(basename "$jdk"): $modules)"
fi

podman build --pull=never ${PODMAN_BUILD_OPTS:---isolation=chroot} -f deploy/image/Dockerfile --build-arg "BASE_IMAGE=$BASE_IMAGE" \
  --build-arg "VERSION=$version" -t "$image" "$target"
tarball="$target/ownergate-image-$version.tar"
rm -f "$tarball"
podman save --format docker-archive -o "$tarball" "$image"
echo "build.sh: $tarball ($(du -h "$tarball" | cut -f1))"
skopeo inspect --config "docker-archive:$tarball" \
  | jq '{User: .config.User, Entrypoint: .config.Entrypoint, Cmd: .config.Cmd, ExposedPorts: .config.ExposedPorts, Volumes: .config.Volumes, WorkingDir: .config.WorkingDir, Env: .config.Env}'

# Smoke run: the image's own filesystem, entrypoint, environment, working directory and user, read-only,
# with /data on a volume and no App configured yet (setup mode). With podman run when this machine can run
# OCI containers; otherwise (a sandbox that forbids setrlimit or cgroups, as on the build machine) the image's
# root filesystem is mounted and run under bubblewrap the same way.
if [ "${SMOKE:-1}" = 1 ]; then
  port="${SMOKE_PORT:-18080}"
  data="$(mktemp -d)"
  config="$(skopeo inspect --config "docker-archive:$tarball")"
  mapfile -t command < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' <<<"$config")
  mapfile -t envs < <(jq -r '.config.Env[]' <<<"$config")
  user="$(jq -r '.config.User' <<<"$config")"
  workdir="$(jq -r '.config.WorkingDir' <<<"$config")"
  if podman run --rm --network host "$image" true >/dev/null 2>&1; then
    how="podman run --read-only"
    chown 65532:65532 "$data"
    podman run -d --rm --name "ownergate-smoke-$$" --read-only --network host -e OWNERGATE_PORT="$port" \
      -v "$data:/data" "$image" >/dev/null
    trap 'podman rm -f "ownergate-smoke-$$" >/dev/null 2>&1; rm -rf "$data"' EXIT
  else
    how="bubblewrap over the image's root filesystem (podman cannot run containers here)"
    rootfs="$(podman image mount "$image")"
    # In bubblewrap's user namespace the sandbox's uid (65532) is this script's uid outside, so the data
    # directory stays ours.
    bw=(bwrap --ro-bind "$rootfs" / --bind "$data" /data --dev /dev --proc /proc --tmpfs /tmp
        --unshare-user --uid "${user%%:*}" --gid "${user##*:}" --chdir "$workdir" --clearenv)
    for e in "${envs[@]}"; do bw+=(--setenv "${e%%=*}" "${e#*=}"); done
    bw+=(--setenv OWNERGATE_PORT "$port")
    "${bw[@]}" "${command[@]}" >"$data.log" 2>&1 &
    pid=$!
    trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; [ "${healthz:-}" = 200 ] || cat "$data.log" >&2; podman image unmount "$image" >/dev/null; rm -rf "$data" "$data.log"' EXIT
  fi
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 1
  done
  healthz="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")"
  readyz="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")"
  setup="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/setup")"
  echo "build.sh: smoke run ($how): ${command[*]} as $user in $workdir:" \
       "/healthz $healthz, /readyz $readyz (503: setup mode), /setup $setup"
  [ "$healthz" = 200 ] && [ "$readyz" = 503 ] && [ "$setup" = 200 ] || { echo "build.sh: smoke run failed" >&2; exit 1; }
fi
