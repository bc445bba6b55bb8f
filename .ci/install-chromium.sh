#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the HTML report's browser test
# (HtmlReportBrowserTest). Idempotent: does nothing when /usr/bin/chromium and
# /usr/bin/chromedriver are already there. Needs root (or sudo) and network access to the apt mirror.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
  exit 0
fi

SUDO=""
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-chromium: run as root or install sudo" >&2
    exit 2
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
/usr/bin/chromium --version
