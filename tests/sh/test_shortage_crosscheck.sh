#!/bin/sh
# jobbspar-shortage against the independent Python implementation
# tests/unit/shortage/crosscheck.py: on the hand-made fixture
# (tests/fixtures/shortage, made by its make_fixture.py), and on the bundled
# sample when jobbspar-ingest and data/sample exist.
: "${BIN:?}" "${ROOT:?}"
command -v python3 >/dev/null || { echo "python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/fix"
cp -R "$ROOT/tests/fixtures/shortage/work" "$tmp/fix/"
"$BIN/jobbspar-shortage" -c "$ROOT/data/default.ini" -o "$tmp/fix" || exit 1
python3 "$ROOT/tests/unit/shortage/crosscheck.py" "$tmp/fix" 0581,0882 "$ROOT/data/ref" || exit 1
# the same inputs give byte-identical outputs
cp "$tmp/fix/shortage.tsv" "$tmp/first.tsv"
"$BIN/jobbspar-shortage" -c "$ROOT/data/default.ini" -o "$tmp/fix" || exit 1
cmp "$tmp/first.tsv" "$tmp/fix/shortage.tsv" || exit 1

if [ -x "$BIN/jobbspar-ingest" ] && [ -d "$ROOT/data/sample" ]; then
	"$BIN/jobbspar-ingest" -c "$ROOT/data/default.ini" \
		--set run.key_file="$tmp/key" -o "$tmp/sample" || exit 1
	"$BIN/jobbspar-shortage" -c "$ROOT/data/default.ini" -o "$tmp/sample" || exit 1
	python3 "$ROOT/tests/unit/shortage/crosscheck.py" "$tmp/sample" 0581,0882 "$ROOT/data/ref" || exit 1
else
	echo "note: sample cross-check not run (no jobbspar-ingest or data/sample yet)"
fi
exit 0
