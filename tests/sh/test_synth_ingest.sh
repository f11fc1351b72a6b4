#!/bin/sh
# Every file jobbspar-synth writes passes ingest with zero rejects, and in
# --dirty mode ingest rejects exactly the rows listed in dirty.tsv (same file
# and physical line), nothing else.
: "${BIN:?}" "${ROOT:?}"
set -u
[ -x "$BIN/jobbspar-ingest" ] || { echo "jobbspar-ingest is not built yet"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/keys"
ingest() { # DIR OUT
	"$BIN/jobbspar-ingest" -c "$ROOT/data/default.ini" --set run.input="$1" \
		--set run.key_file="$tmp/keys/k" --set run.max_reject_rate=1 -o "$2"
}
"$BIN/jobbspar-synth" -c "$ROOT/data/default.ini" --scale 0.2 -o "$tmp/clean" || { echo "synth failed"; exit 1; }
ingest "$tmp/clean" "$tmp/out-clean" || { echo "FAIL: ingest of the clean folder failed"; exit 1; }
rejects=$(($(wc -l <"$tmp/out-clean/rejects.csv") - 1))
if [ "$rejects" -ne 0 ]; then
	echo "FAIL: $rejects rejects in clean mode:"; head -20 "$tmp/out-clean/rejects.csv"; exit 1
fi
# every file was read and had rows
for f in survey_respondents survey_frame survey_occupations jobseekers employment vacancies outcomes yrkesbarometer; do
	grep -q "\"file\": \"$f.csv\", \"present\": true" "$tmp/out-clean/ingest.json" ||
		{ echo "FAIL: $f.csv not reported present in ingest.json"; exit 1; }
done
# (of the files given: jobseekers_aggregated.csv, the alternative to
# jobseekers.csv, is not written by synth)
if grep -A1 '"present": true' "$tmp/out-clean/ingest.json" | grep -q '"rows_read": 0,'; then
	echo "FAIL: a file has no rows"; exit 1
fi

"$BIN/jobbspar-synth" -c "$ROOT/data/default.ini" --scale 0.2 --dirty -o "$tmp/dirty" || { echo "synth --dirty failed"; exit 1; }
ingest "$tmp/dirty" "$tmp/out-dirty" || { echo "FAIL: ingest of the dirty folder failed"; exit 1; }
tail -n +2 "$tmp/dirty/dirty.tsv" | cut -f1,2 | tr '\t' ',' | sort >"$tmp/want"
tail -n +2 "$tmp/out-dirty/rejects.csv" | cut -d, -f1,2 | sort -u >"$tmp/got"
[ "$(wc -l <"$tmp/want")" -ge 20 ] || { echo "FAIL: dirty.tsv lists too few rows"; exit 1; }
if ! diff -u "$tmp/want" "$tmp/got"; then
	echo "FAIL: rejected rows (+) differ from the planted bad rows (-)"; exit 1
fi
echo "ok: 0 rejects clean; $(wc -l <"$tmp/want") planted bad rows = rejected rows"
