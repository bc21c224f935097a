#!/usr/bin/env bash
# Installs headless Chromium from Debian for the browser tests (web/browser_test.go).
# Safe to run repeatedly; does nothing when chromium is already installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: chromium is missing and this is not root; install the Debian package 'chromium'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
