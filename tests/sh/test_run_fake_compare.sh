#!/bin/sh
# run.sh --compare with fake stages: every stage gets the listed
# municipalities (codes or names) through --set run.municipalities; the run
# publishes into its own folder OUT-compare-<list> beside run.output, not
# into OUT; the report stage gets --compare; the manifest records compare mode; one municipality is a usage
# error.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_fakes.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FK=$T/fk
fake_setup "$FK"
run() { JOBBSPAR_BIN=$FK/bin "$ROOT/run.sh" -c "$FK/data/test.ini" "$@" </dev/null; }

run --compare "0581,Oskarshamn,Norrköping" || fail "compare run"
C=$FK/out-compare-0581-oskarshamn-norrkoping
complete_publish "$C" || { ls -la "$FK"; fail "no compare report in $C"; }
[ ! -e "$FK/out" ] || fail "the compare run wrote the default OUT"
grep -q '0581,Oskarshamn,Norrköping' "$C/shortage.tsv" || fail "the stages did not get the municipalities"
grep -q '0581,Oskarshamn,Norrköping' "$C/report/index.html" || fail "the report did not get the municipalities"
grep -q '"compare": true' "$C/manifest.json" || fail "manifest: compare"
grep -q '^compare mode$' "$C/report/index.html" || fail "the report stage was not run with --compare"
grep -q '"municipalities": "0581,Oskarshamn,Norrköping"' "$C/manifest.json" || fail "manifest: municipalities"

# the ordinary run is separate, and -o names the compare folder
run || fail "default run"
grep -q '^compare mode$' "$FK/out/report/index.html" && fail "the default run's report is in compare mode"
grep -q '0581, 0882' "$FK/out/shortage.tsv" || fail "the default run's municipalities"
run --compare 0581,0882,0360 -o "$T/cmp" || fail "compare run with -o"
complete_publish "$T/cmp" || fail "no compare report in -o"

run --compare 0581 2>"$T/stderr"
[ $? = 2 ] || fail "--compare with one municipality: want exit 2"
grep -q 'two or more' "$T/stderr" || fail "--compare: message"
echo ok
