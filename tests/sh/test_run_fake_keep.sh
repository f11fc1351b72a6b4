#!/bin/sh
# run.sh keeps the --keep newest published runs in OUT.d (default 5), so a
# comparison with last year's report needs no copying by hand, and
# --previous last compares with the run OUT pointed to before this one;
# half-built snapshots are removed; --keep 0 is a usage error. Fake stages
# (tests/sh/run_fakes.sh).
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_fakes.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FK=$T/fk
fake_setup "$FK"
OUT=$T/out
run() { JOBBSPAR_BIN=$FK/bin "$ROOT/run.sh" -c "$FK/data/test.ini" -o "$OUT" "$@" </dev/null; }
runs() { find "$OUT.d" -maxdepth 1 -name 'run-*' -type d | wc -l | tr -d ' '; }

run --previous last 2>"$T/stderr" && fail "--previous last without a published run succeeded"
grep -q 'no published run yet' "$T/stderr" || fail "--previous last: message: $(cat "$T/stderr")"
for i in 1 2 3 4; do
	run --keep 2 || fail "run $i"
	sleep 1 # run ids are UTC seconds
done
[ "$(runs)" = 2 ] || fail "--keep 2: $(runs) runs in $OUT.d"
[ "$OUT.d/$(basename "$(readlink "$OUT")")" = "$(find "$OUT.d" -maxdepth 1 -name 'run-*' | sort | tail -n 1)" ] ||
	fail "OUT does not point to the newest run"
for i in 1 2 3; do
	run || fail "default run $i"
	sleep 1
done
[ "$(runs)" = 5 ] || fail "default: $(runs) runs kept, want 5"

# --previous last: the report of the run OUT pointed to before
before=$(readlink -f "$OUT")
run --previous last --force || fail "--previous last"
want=$(sha256sum <"$before/report/index.html" | cut -c1-16)
grep -q "^previous: $want" "$OUT/report/index.html" || fail "the report did not get the previous run's report"
[ -d "$before" ] || fail "the previous run was removed"

# a half-built snapshot of a killed run is removed by the next run
mkdir "$OUT.d/run-19990101T000000-1.tmp"
run || fail "run after a killed one"
[ ! -e "$OUT.d/run-19990101T000000-1.tmp" ] || fail "half-built snapshot left"

run --keep 0 2>"$T/stderr"
[ $? = 2 ] || fail "--keep 0: want exit 2"
grep -q 'at least 1' "$T/stderr" || fail "--keep 0: message"
echo ok
