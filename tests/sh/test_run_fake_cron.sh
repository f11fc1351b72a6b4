#!/bin/sh
# run.sh under cron's bare environment (env -i PATH=/usr/bin:/bin: no HOME,
# TERM, locale, terminal), with fake stages, from another working folder:
# success prints nothing and exits 0 with a complete report and a log of
# timestamped lines naming each stage; --verbose prints the stages and the
# report's path; a failure prints the stage's name and message and exits 1.
# shellcheck disable=SC2015 # intended: word-split option lists, "a && b || fail"
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_fakes.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FK=$T/fk
fake_setup "$FK"
OUT=$T/out
bare() { (cd / && env -i PATH=/usr/bin:/bin JOBBSPAR_BIN="$FK/bin" "$ROOT/run.sh" -c "$FK/data/test.ini" -o "$OUT" "$@" </dev/null); }

bare >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc = 0 ] || { cat "$T/stderr"; fail "bare environment: exit $rc"; }
[ ! -s "$T/stdout" ] && [ ! -s "$T/stderr" ] || { cat "$T/stdout" "$T/stderr"; fail "printed something on success"; }
complete_publish "$OUT" || fail "incomplete publish"
log=$OUT.d/logs/latest.log
[ -f "$log" ] || fail "no log"
for s in ingest shortage trackfit plot report; do
	grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[-+][0-9]{4} stage $s: ok in [0-9.]+ s$" "$log" ||
		{ cat "$log"; fail "the log lacks a timestamped line for stage $s"; }
done
grep -q ' run .*: ok$' "$log" || fail "the log does not end the run with ok"
set -- "$OUT.d/logs/"run-*.log
[ $# = 1 ] || fail "want one log file per run"

# a second run: a second log; --verbose prints progress and the report
sed -i 's/^capacity = 20/capacity = 25/' "$FK/data/test.ini"
bare --verbose >"$T/stdout" 2>"$T/stderr" || { cat "$T/stderr"; fail "--verbose run failed"; }
[ "$(cat "$T/stdout")" = "$OUT/report/index.html" ] || { cat "$T/stdout"; fail "--verbose: stdout is not the report's path"; }
grep -q 'jobbspar: trackfit ok' "$T/stderr" || { cat "$T/stderr"; fail "--verbose: no stage progress"; }
grep -q 'jobbspar-trackfit -c ' "$T/stderr" || fail "--verbose: no stage command"
set -- "$OUT.d/logs/"run-*.log
[ $# = 2 ] || fail "want one log file per run"

# a failure: the stage's name and message on stderr, exit 1
touch "$FK/ctl/fail-plot"
sed -i 's/^capacity = 25/capacity = 26/' "$FK/data/test.ini"
bare >"$T/stdout" 2>"$T/stderr"
rc=$?
[ $rc = 1 ] || fail "failing stage under bare environment: exit $rc, want 1"
grep -q 'stage plot failed' "$T/stderr" || { cat "$T/stderr"; fail "no stage name"; }
grep -q 'jobbspar-plot: .*fake failure' "$T/stderr" || { cat "$T/stderr"; fail "no stage message"; }
grep -q 'log: ' "$T/stderr" || fail "the failure does not name the log"
echo ok
