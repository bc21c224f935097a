#!/usr/bin/env bash
# Copies the pinned govuk-frontend build from node_modules into web/assets/govuk/
# so that go:embed puts it in the binary. Fonts are left out on purpose: this
# is not a GOV.UK service, so it uses a system font stack (web/assets/app.css).
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/govuk-frontend/dist/govuk
dst=web/assets/govuk
if [ ! -f "$src/govuk-frontend.min.css" ]; then
  echo "assets.sh: $src is missing; run npm ci first" >&2
  exit 1
fi
rm -rf "$dst"
mkdir -p "$dst/assets/images"
cp "$src/govuk-frontend.min.css" "$src/govuk-frontend.min.js" "$dst/"
cp "$src/assets/images/favicon.ico" "$src/assets/images/favicon.svg" "$dst/assets/images/"
