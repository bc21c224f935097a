#!/usr/bin/env bash
# Rebuilds the name gazetteers in this folder from openly licensed sources.
# Run it once by hand when the sources change; the outputs are committed and
# embedded in the binary, so nothing is fetched at build or run time.
#
# Needs: node + npm (npm registry), Debian packages python3-fake-factory and
# wbritish-small (apt-get update && apt-get install -y python3-fake-factory
# wbritish-small). See SOURCES.md for the licences.
#
# Outputs (one lower-case entry per line, sorted):
#   given.txt    given names
#   surnames.txt surnames
#   ambiguous.txt names that are also ordinary English words, so they are
#                redacted only with context (capitalised mid-sentence, title,
#                "called X", "X said", ...), less those in names_first.txt
#   words.txt    the ordinary-word list itself, used to tell a likely name
#                from a word after cues such as "my mate X" or "Mr X"
#   names_broad.txt  a broad list of given names and surnames (humannames),
#                a name only when written with a capital
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --silent @faker-js/faker@10.6.0 humannames@1.0.5 >/dev/null
cp "$here/extract_faker_js.mjs" .
{ node extract_faker_js.mjs; /usr/bin/python3 "$here/extract_faker_py.py"; } > raw.tsv

# Keep plain alphabetic names (hyphen and apostrophe allowed), lower-cased.
clean() { awk -F'\t' -v k="$1" '$1==k {print tolower($2)}' raw.tsv |
	grep -E "^[a-z][a-z'-]+$" | sort -u; }
{ clean F; grep -vE '^(#|$)' "$here/names_extra.txt"; } | sort -u > "$here/given.txt"
clean L > "$here/surnames.txt"

# Ordinary words: lower-case entries of the small British English word list
# plus the hand-kept extra_common.txt (slang and prison words).
{ grep -E '^[a-z]+$' /usr/share/dict/british-english-small
  grep -vE '^(#|$)' "$here/extra_common.txt"; } | sort -u > common.txt
cp common.txt "$here/words.txt"
# names_first.txt lists names whose use as a word is rare in this register
# ("harry", "martin"); they stay unambiguous.
grep -vE '^(#|$)' "$here/names_first.txt" | sort -u > first.txt
sort -u "$here/given.txt" "$here/surnames.txt" | comm -12 - common.txt |
	comm -23 - first.txt > "$here/ambiguous.txt"
# The broad list: humannames (MIT), folded to ASCII, less every word,
# gazetteer name and kept word above. Used only for capitalised words.
tr -d '\r' < node_modules/humannames/list.txt > humannames.txt
(cd "$here" && /usr/bin/python3 extract_broad.py "$work/humannames.txt") > "$here/names_broad.txt"
wc -l "$here/names_broad.txt" "$here/given.txt" "$here/surnames.txt" "$here/ambiguous.txt" "$here/words.txt"
