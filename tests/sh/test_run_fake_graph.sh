#!/bin/sh
# run.sh and stages/graph.mk with fake stages (tests/sh/run_fakes.sh): the
# first run publishes a complete report; a rerun with nothing changed runs no
# stage and publishes the same bytes; changing a track reruns only trackfit,
# plot and report; survey settings rerun shortage onwards; a multi-line
# value is read as the stages read it (the municipalities: shortage
# onwards); a configuration error stops the run before any stage; input, a new or
# removed track, or the key rerun everything; a removed track's chart is not
# published; a failing stage stops the run with its name and message, exit 1,
# and leaves the previous report published; usage errors exit 2.
# shellcheck disable=SC2015 # intended: word-split option lists, "a && b || fail"
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_fakes.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FK=$T/fk
fake_setup "$FK"
OUT=$T/out
run() { JOBBSPAR_BIN=$FK/bin "$ROOT/run.sh" -c "$FK/data/test.ini" -o "$OUT" "$@" </dev/null; }
expect_calls() { # expect_calls "STAGES" ARGS...: run.sh ARGS runs exactly STAGES
	want=$1
	shift
	m=$(fake_calls_mark)
	run "$@" >"$T/stdout" 2>"$T/stderr" || { cat "$T/stderr"; fail "run.sh $* exited $?"; }
	[ ! -s "$T/stdout" ] && [ ! -s "$T/stderr" ] || { cat "$T/stdout" "$T/stderr"; fail "run.sh $* printed something without a terminal"; }
	got=$(fake_calls_since "$m")
	[ "$got" = "$want" ] || fail "run.sh $*: stages run: \"$got\", want \"$want\""
	complete_publish "$OUT" || fail "run.sh $*: incomplete publish"
}

# 1. first run: every stage, in order; OUT is a link to a complete folder
expect_calls "ingest shortage trackfit plot report"
target1=$(readlink "$OUT")
case $target1 in out.d/run-*) ;; *) fail "OUT links to $target1" ;; esac
[ "$(stat -c %a "$OUT/restricted")" = 700 ] || fail "restricted is not 0700"
[ "$(stat -c %a "$OUT/restricted/assignment.tsv")" = 600 ] || fail "assignment.tsv is not 0600"
[ "$(stat -c %a "$OUT/work")" = 700 ] || fail "work is not 0700"
[ -f "$OUT/report/chart-b.svg" ] || fail "chart of track b missing"
[ ! -e "$OUT/.graph" ] || fail "the graph's stamps were published"
grep -q '"seed": 42,' "$OUT/manifest.json" || fail "manifest lacks the seed"
grep -q '"file": "first.csv", "sha256": "'"$(sha256sum <"$FK/data/in/first.csv" | cut -d' ' -f1)"'"' "$OUT/manifest.json" ||
	fail "manifest lacks the input's checksum"
grep -q '"stage": "trackfit", "ran": true, "seconds": ' "$OUT/manifest.json" || fail "manifest lacks stage timings"
if command -v jq >/dev/null; then jq -e .run.stages "$OUT/manifest.json" >/dev/null || fail "manifest is not valid JSON"; fi
ls "$OUT.d/logs/"run-*.log >/dev/null || fail "no log"
cp -R "$OUT/" "$T/first"

# 2. nothing changed: no stage runs, a new snapshot with the same bytes
expect_calls ""
[ "$(readlink "$OUT")" != "$target1" ] || fail "the rerun did not publish a new snapshot"
[ -d "$(dirname "$OUT")/$target1" ] || fail "the previous snapshot was not kept (--keep 5 by default)"
same_publish "$T/first" "$OUT/" || fail "rerun differs"
grep -q '"stage": "ingest", "ran": false' "$OUT/manifest.json" || fail "manifest says ingest ran"

# 3. a track's settings: only the later stages
sed -i 's/^capacity = 40/capacity = 45/' "$FK/data/test.ini"
expect_calls "trackfit plot report"
cmp -s "$T/first/shortage.tsv" "$OUT/shortage.tsv" || fail "shortage.tsv changed"
cmp -s "$T/first/trackfit.tsv" "$OUT/trackfit.tsv" && fail "trackfit.tsv did not change"
expect_calls ""
# the same through --set, then the same --set again
expect_calls "trackfit plot report" --set track.a.capacity=9
expect_calls "" --set track.a.capacity=9
expect_calls "trackfit plot report"
# the report language: plot and report only
expect_calls "plot report" --lang en
grep -q 'lang=en' "$OUT/report/index.html" || fail "--lang en not passed to report"
expect_calls "plot report"

# 4. survey settings: shortage onwards
sed -i 's/^max_cv = 0.35/max_cv = 0.30/' "$FK/data/test.ini"
expect_calls "shortage trackfit plot report"

# 4b. a multi-line value (indented continuation lines, joined with commas as
# pipeline/config.c joins them): a change on its first line reruns too; the
# municipalities are read from shortage on (ingest reads every row), so
# ingest does not rerun (jobbspar-config --stage-config ingest)
sed -i 's/^municipalities = 0581, 0882$/municipalities = 0581\n  0882/' "$FK/data/test.ini"
expect_calls "shortage trackfit plot report"
grep -q '"municipalities": "0581,0882",' "$OUT/manifest.json" || fail "manifest: multi-line value not joined"
sed -i 's/^municipalities = 0581$/municipalities = 0180/' "$FK/data/test.ini"
expect_calls "shortage trackfit plot report"
grep -q '"municipalities": "0180,0882",' "$OUT/manifest.json" || fail "manifest: first line of a multi-line value lost"
sed -i '/^municipalities = 0180$/{N;s/.*/municipalities = 0581, 0882/}' "$FK/data/test.ini"
expect_calls "shortage trackfit plot report"
grep -q '^municipalities = 0581, 0882$' "$FK/data/test.ini" || fail "test configuration not restored"

# 5. an input file, a new input file, the key: everything
echo "4" >>"$FK/data/in/second.csv"
expect_calls "ingest shortage trackfit plot report"
echo "x" >"$FK/data/in/third.csv"
expect_calls "ingest shortage trackfit plot report"
grep -q '"file": "third.csv"' "$OUT/manifest.json" || fail "manifest lacks the new input"
rm "$FK/keys/pseudonym.key"
expect_calls "ingest shortage trackfit plot report"
expect_calls ""

# 6. a track removed: ingest too (it checks track ids), and its chart is gone
sed -i '/^\[track.b\]/,$d' "$FK/data/test.ini"
expect_calls "ingest shortage trackfit plot report"
[ ! -e "$OUT/report/chart-b.svg" ] || fail "the removed track's chart was published"
[ -f "$OUT/report/chart-a.svg" ] || fail "chart-a.svg missing"
[ ! -e "$OUT.d/build/report/chart-b.svg" ] || fail "the removed track's chart is still in the work area"

# 7. a program changed: that stage onwards
sleep 0.01
touch "$FK/bin/jobbspar-fake"
expect_calls "ingest shortage trackfit plot report"

# 8. a failing stage: its name and message, exit 1, the previous report stays
cp -R "$OUT/" "$T/before-fail"
before=$(readlink "$OUT")
touch "$FK/ctl/fail-trackfit"
sed -i 's/^capacity = 20/capacity = 21/' "$FK/data/test.ini"
m=$(fake_calls_mark)
run >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc = 1 ] || fail "a failing stage: exit $rc, want 1"
grep -q 'stage trackfit failed' "$T/stderr" || { cat "$T/stderr"; fail "no stage name in the message"; }
grep -q 'jobbspar-trackfit: .*fake failure' "$T/stderr" || { cat "$T/stderr"; fail "no stage message"; }
[ "$(fake_calls_since "$m")" = "trackfit" ] || fail "stages after the failed one ran"
[ "$(readlink "$OUT")" = "$before" ] || fail "OUT changed after a failure"
diff -r "$T/before-fail" "$OUT/" >/dev/null || fail "the published report changed after a failure"
grep -q 'FAILED' "$OUT.d/logs/latest.log" || fail "the log does not record the failure"
rm "$FK/ctl/fail-trackfit"
expect_calls "trackfit plot report"

# 9. --force and -j
expect_calls "ingest shortage trackfit plot report" --force -j 4
expect_calls "" -j 3

# 10. --previous: only the report reruns (and again when the previous report changes)
cp -R "$OUT/" "$T/prev"
expect_calls "report" --previous "$T/prev"
grep -q '^previous: ' "$OUT/report/index.html" || fail "--previous not passed to the report"
expect_calls "" --previous "$T/prev"
echo changed >>"$T/prev/report/index.html"
expect_calls "report" --previous "$T/prev"
expect_calls "report"

# 11. OUT as a plain folder (a stage run by hand) is moved aside, never deleted;
# a symbolic link run.sh did not make is refused
mkdir -p "$T/plain/work" && echo mine >"$T/plain/work/x.tsv"
JOBBSPAR_BIN=$FK/bin "$ROOT/run.sh" -c "$FK/data/test.ini" -o "$T/plain" </dev/null || fail "run into a plain folder"
complete_publish "$T/plain" || fail "plain folder: no publish"
grep -q mine "$T"/plain.d/replaced-*/work/x.tsv || fail "the plain folder's files were not kept"
ln -s "$T/first" "$T/foreign"
JOBBSPAR_BIN=$FK/bin "$ROOT/run.sh" -c "$FK/data/test.ini" -o "$T/foreign" </dev/null 2>"$T/stderr"
[ $? = 1 ] || fail "a foreign link as OUT: want exit 1"
grep -q 'not made by run.sh' "$T/stderr" || { cat "$T/stderr"; fail "foreign link message"; }
[ "$(readlink "$T/foreign")" = "$T/first" ] || fail "the foreign link was replaced"

# 12. errors before anything runs
run --bogus >/dev/null 2>"$T/stderr"
[ $? = 2 ] || fail "unknown option: want exit 2"
grep -q "unknown option --bogus" "$T/stderr" || fail "unknown option message"
run --set nodot >/dev/null 2>"$T/stderr"
[ $? = 2 ] || fail "--set without section.key: want exit 2"
run --compare 0581 >/dev/null 2>"$T/stderr"
[ $? = 2 ] || fail "--compare with one municipality: want exit 2"
JOBBSPAR_BIN=$T/nobin "$ROOT/run.sh" -c "$FK/data/test.ini" -o "$OUT" </dev/null >/dev/null 2>"$T/stderr"
[ $? = 1 ] || fail "missing stage programs: want exit 1"
grep -q 'jobbspar-ingest: stage program missing' "$T/stderr" || { cat "$T/stderr"; fail "missing program message"; }
run --set run.input=nowhere >/dev/null 2>"$T/stderr"
[ $? = 1 ] || fail "missing input folder: want exit 1"
grep -q 'nowhere: input folder' "$T/stderr" || { cat "$T/stderr"; fail "missing input message"; }
run --set run.key_file="$OUT/key" >/dev/null 2>"$T/stderr"
[ $? = 1 ] || fail "key inside OUT: want exit 1"
"$ROOT/run.sh" --help | grep -q -- '--no-wait' || fail "--help does not list --no-wait"
complete_publish "$OUT" || fail "errors damaged the published report"
echo "ok"
