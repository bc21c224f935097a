#!/usr/bin/env bash
# Side-by-side throughput: `peervoice redact` against compromise's
# .people() name detection on the same corpus. Usage: bash run.sh [MB]
# (default 2 MB of corpus). Needs go, node and npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
size_mb=${1:-2}
cd "$here"

if [ ! -d node_modules/compromise ]; then
	npm ci --no-audit --no-fund >/dev/null
fi

# Corpus: the labelled evaluation lines without their markup, repeated.
strip() { grep -v '^#' "$root/privacy/redact/testdata/labelled.txt" |
	sed -E 's/\{[A-Z_]+:([^}]*)\}/\1/g; s/<<|>>//g'; }
: > corpus.txt
while [ "$(stat -c %s corpus.txt)" -lt $((size_mb * 1000000)) ]; do strip >> corpus.txt; done
bytes=$(stat -c %s corpus.txt)

(cd "$root" && go build -o "$here/peervoice" ./cmd/peervoice)
# Best of three runs: the machine is shared, and the first run also warms
# the page cache. Each run includes process start and word-list loading.
go_mbps=0
for _ in 1 2 3; do
	start=$(date +%s.%N)
	./peervoice redact < corpus.txt > /dev/null
	end=$(date +%s.%N)
	go_mbps=$(awk -v b="$bytes" -v s="$start" -v e="$end" -v m="$go_mbps" \
		'BEGIN { r = b / 1e6 / (e - s); print (r > m ? r : m) }')
done

js=$(node compromise.mjs corpus.txt)
js_mbps=$(node -e "console.log(JSON.parse(process.argv[1]).mbps)" "$js")

printf 'corpus: %d bytes, %d lines\n' "$bytes" "$(wc -l < corpus.txt)"
printf 'peervoice redact (all categories, 1 process): %.2f MB/s\n' "$go_mbps"
printf 'compromise %s .people() (names only):        %.2f MB/s\n' \
	"$(node -p "require('./node_modules/compromise/package.json').version")" "$js_mbps"
printf 'ratio peervoice / compromise: %.1fx\n' "$(awk -v a="$go_mbps" -v b="$js_mbps" 'BEGIN { print a / b }')"
