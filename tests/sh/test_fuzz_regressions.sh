#!/bin/sh
# Every input the fuzzers once crashed on (tests/fuzz/regressions) runs
# through the real program without a crash: ingest-* files are one input
# file each, the first byte choosing which (as in tests/fuzz/fuzz_ingest.c).
set -u
: "${ROOT:?}" "${BIN:?}"
names="survey_frame.csv survey_respondents.csv survey_occupations.csv jobseekers.csv employment.csv vacancies.csv outcomes.csv yrkesbarometer.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$ROOT"/tests/fuzz/regressions/ingest-*; do
	[ -f "$f" ] || continue
	rm -rf "$tmp/in" "$tmp/out"
	cp -r "$ROOT/tests/fixtures/ingest/good" "$tmp/in" && chmod -R u+w "$tmp/in"
	first=$(od -An -tu1 -N1 "$f" | tr -d ' ')
	name=$(echo $names | cut -d' ' -f$((first % 8 + 1)))
	tail -c +2 "$f" > "$tmp/in/$name"
	"$BIN/jobbspar-ingest" -c "$ROOT/data/default.ini" -i "$tmp/in" -o "$tmp/out" --key "$tmp/key" \
		--max-reject-rate 1 >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
		echo "$(basename "$f") ($name): exit $rc"; cat "$tmp/err"; exit 1
	fi
	if grep -q 'Sanitizer' "$tmp/err"; then
		echo "$(basename "$f") ($name):"; cat "$tmp/err"; exit 1
	fi
	n=$((n + 1))
done
echo "$n regression inputs ran clean"
