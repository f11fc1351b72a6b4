#!/bin/sh
# End to end: ./run.sh with the real stages on the bundled sample, in a
# temporary folder (its own OUT and pseudonym key). Checks: a complete,
# published report (restricted 0700/0600, no pseudonym in report/, no
# identity number anywhere, disclosure control of the published tables); a rerun
# with nothing changed runs no stage and publishes the same bytes; another
# output folder gets byte-identical tables and report (reproducible); a
# changed track reruns only trackfit, plot and report; cron's bare
# environment; compare mode.
# shellcheck disable=SC2015 # intended: word-split option lists, "a && b || fail"
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_real.sh"
. "$ROOT/tests/sh/run_fakes.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
OUT=$T/out
run() { JOBBSPAR_BIN=$BIN "$ROOT/run.sh" --set run.key_file="$T/keys/pseudonym.key" "$@" </dev/null; }
ran() { # ran OUT: the stages the manifest says ran in that run
	sed -n 's/^  "run": .*"stages": \[\(.*\)\]}$/\1/p' "$1/manifest.json" |
		tr '{' '\n' | sed -n 's/^"stage": "\([a-z]*\)", "ran": true.*/\1/p' | tr '\n' ' ' | sed 's/ $//'
}

run -o "$OUT" >"$T/stdout" 2>"$T/stderr" || { cat "$T/stderr"; tail -n 30 "$OUT.d/logs/latest.log"; fail "first run failed"; }
[ ! -s "$T/stdout" ] && [ ! -s "$T/stderr" ] || { cat "$T/stdout" "$T/stderr"; fail "printed something without a terminal"; }
complete_publish "$OUT" || fail "incomplete report"
[ "$(ran "$OUT")" = "ingest shortage trackfit plot report" ] || fail "first run: stages $(ran "$OUT")"
[ "$(stat -c %a "$OUT/restricted")" = 700 ] || fail "restricted is not 0700"
for f in "$OUT"/restricted/*; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"
done
[ "$(stat -c %a "$T/keys/pseudonym.key")" = 600 ] || fail "the key is not 0600"
find -L "$OUT" -name '*.key' | grep -q . && fail "a key file was published"
# no pseudonym of a person in the published report
cut -f1 "$OUT/work/jobseekers.tsv" | tail -n +2 | grep -E '^[0-9a-f]{32}$' >"$T/persons"
[ -s "$T/persons" ] || fail "no pseudonyms in work/jobseekers.tsv?"
if grep -rlF -f "$T/persons" "$OUT/report/"; then fail "a pseudonym is in the published report"; fi
# privacy (tests/sh/check_published.py): no identity number of the inputs in
# any format in any file under OUT.d (published run, work area, restricted,
# logs) or on the terminal; work/ 0700 with 0600 files; the published tables
# respect the disclosure thresholds of data/default.ini
if command -v python3 >/dev/null 2>&1; then
	python3 "$ROOT/tests/sh/check_published.py" idnumbers "$ROOT/data/sample" "$OUT.d" "$T/stdout" "$T/stderr" ||
		fail "an identity number is in the output"
	# the scan finds a number planted in another format (so a pass means something)
	n=$(sed -n '2s/^\([0-9]*\)-\([0-9]*\),.*/\1 \2/p' "$ROOT/data/sample/jobseekers.csv")
	mkdir "$T/planted" && echo "x${n% *}+${n#* }y" >"$T/planted/f"
	python3 "$ROOT/tests/sh/check_published.py" idnumbers "$ROOT/data/sample" "$T/planted" >/dev/null &&
		fail "the identity-number scan missed a planted number"
	minp=$(sed -n '/^\[disclosure\]/,/^\[/s/^min_persons *= *//p' "$ROOT/data/default.ini")
	minr=$(sed -n '/^\[disclosure\]/,/^\[/s/^min_respondents *= *//p' "$ROOT/data/default.ini")
	python3 "$ROOT/tests/sh/check_published.py" disclosure "$OUT" "${minp:?}" "${minr:?}" ||
		fail "a published table breaks disclosure control"
else
	echo "note: python3 missing: no identity-number scan or disclosure check"
fi
[ "$(stat -c %a "$OUT/work")" = 700 ] || fail "work is not 0700"
find "$OUT/work" -type f ! -perm 600 | grep . && fail "a file in work is not 0600"
[ "$(stat -c %a "$OUT.d/build")" = 700 ] || fail "the work area OUT.d/build is not 0700"

# nothing changed: no stage reruns, the same bytes
cp -R "$OUT/" "$T/first"
run -o "$OUT" || fail "rerun failed"
[ "$(ran "$OUT")" = "" ] || fail "rerun with nothing changed ran: $(ran "$OUT")"
same_publish "$T/first" "$OUT/" || fail "the rerun's report differs"

# reproducible: another output folder, the same bytes
run -o "$T/again" || fail "second output folder failed"
same_publish "$T/first" "$T/again/" || fail "not reproducible: the same inputs, configuration and seed gave other bytes"

# a track's setting: only trackfit, plot, report
run -o "$OUT" --set track.grund.capacity=61 || fail "track change failed"
[ "$(ran "$OUT")" = "trackfit plot report" ] || fail "track change ran: $(ran "$OUT")"
cmp -s "$T/first/shortage.tsv" "$OUT/shortage.tsv" || fail "shortage.tsv changed with a track setting"

# cron's bare environment (no HOME, TERM, locale), from /
(cd / && env -i PATH=/usr/bin:/bin JOBBSPAR_BIN="$BIN" "$ROOT/run.sh" -o "$OUT" \
	--set run.key_file="$T/keys/pseudonym.key" </dev/null >"$T/stdout" 2>"$T/stderr")
rc=$?
[ $rc = 0 ] || { cat "$T/stderr"; fail "bare environment: exit $rc"; }
[ ! -s "$T/stdout" ] && [ ! -s "$T/stderr" ] || { cat "$T/stdout" "$T/stderr"; fail "bare environment printed something"; }
same_publish "$T/first" "$OUT/" || fail "the bare environment's report differs"

# compare mode
run --compare 0581,Oskarshamn -o "$T/cmp" || fail "compare mode failed"
complete_publish "$T/cmp" || fail "compare report incomplete"
grep -q '"compare": true' "$T/cmp/manifest.json" || fail "compare manifest"
echo ok
