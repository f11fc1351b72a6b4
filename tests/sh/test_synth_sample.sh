#!/bin/sh
# data/sample is what its README's command generates (byte for byte), says it
# is synthetic, and stays small.
: "${BIN:?}" "${ROOT:?}"
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
readme="$ROOT/data/sample/README.md"
grep -qi 'synthetic' "$readme" || { echo "FAIL: README does not say the data are synthetic"; exit 1; }
cmd=$(grep -m1 '^    bin/jobbspar-synth ' "$readme" | sed 's/^    //')
[ -n "$cmd" ] || { echo "FAIL: no generating command in the README"; exit 1; }
case "$cmd" in *"-o data/sample"*) ;; *) echo "FAIL: command does not write data/sample"; exit 1 ;; esac
cmd=$(printf '%s\n' "$cmd" | sed "s|^bin/|$BIN/|; s|-c data/|-c $ROOT/data/|; s|-o data/sample|-o $tmp/s|")
sh -c "$cmd" || { echo "FAIL: the README's command failed: $cmd"; exit 1; }
for f in "$tmp"/s/*; do
	cmp -s "$f" "$ROOT/data/sample/$(basename "$f")" ||
		{ echo "FAIL: data/sample/$(basename "$f") is not what the README's command generates"; exit 1; }
done
kb=$(du -sk "$ROOT/data/sample" | cut -f1)
[ "$kb" -le 5120 ] || { echo "FAIL: data/sample is ${kb} KiB, more than 5 MiB"; exit 1; }
echo "ok: data/sample reproduced, ${kb} KiB"
