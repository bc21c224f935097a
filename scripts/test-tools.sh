#!/usr/bin/env bash
# Installs the Debian packages the test suite drives: Chromium for the browser
# tests (web/browser_test.go) and poppler-utils (pdftotext, pdftoppm) for the
# session pack tests. Safe to run repeatedly; installs only what is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium fonts-liberation)
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test-tools.sh: missing ${missing[*]} and this is not root; install them with apt-get" >&2
  exit 1
fi
echo "test-tools.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
