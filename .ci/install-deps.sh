#!/usr/bin/env bash
# Installs what the build and tests need and a fresh machine may lack. Idempotent; needs root for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

have_jdk21() {
  local d v
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -r "$d/release" ] || continue
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")"
    [ -n "$v" ] && [ "$v" -ge 21 ] && return 0
  done
  return 1
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v git >/dev/null || apt_install git
if ! have_jdk21; then
  # Debian 12 ships JDK 17 only; newer Debians ship 21 or 25.
  apt_install openjdk-25-jdk-headless 2>/dev/null || apt_install openjdk-21-jdk-headless || {
    echo "install-deps: no JDK >= 21 found or installable; install one and set JAVA_HOME" >&2; exit 1; }
fi
# The deploy tests render deploy/kubernetes with `kubectl kustomize` (the kubectl package; newer Debians call it
# kubernetes-client) and start the server the image's way under bubblewrap (a read-only root, non-root uid).
command -v kubectl >/dev/null || apt_install kubectl 2>/dev/null || apt_install kubernetes-client || {
  echo "install-deps: kubectl not found or installable; the deploy tests will be skipped" >&2; }
command -v bwrap >/dev/null || apt_install bubblewrap
if [ -f .ci/install-chromium.sh ]; then bash .ci/install-chromium.sh; fi
