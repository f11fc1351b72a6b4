#!/bin/sh
# Runs every test: the cmocka unit binaries given as arguments, the golden
# command-line cases under tests/cli/<case>/, the bad-input corpus under
# tests/bad/<case>/, and the shell tests tests/sh/test_*.sh. Prints a
# summary; exits 1 if anything failed. ONLY_CASES=1 skips tests/sh (quick
# iteration on the golden cases); ONLY='PATTERN' runs only the tests whose
# name (unit/test_x, cli/case, bad/case, sh/test_x) matches the shell
# pattern, e.g. ONLY='*plot*' make check.
#
# A golden case folder holds:
#   cmd              shell commands, run in a fresh temporary folder with
#                    $BIN (the stage binaries), $ROOT (project), $CASE (this folder)
#   expected-exit    the exit status (default 0)
#   expected-stderr  exact stderr (after replacing the temporary folder's path by TMP)
#   expected-stdout  exact stdout (likewise), optional
#   check            optional shell commands (run with sh -e) afterwards in the same folder;
#                    must exit 0
#
# A tests/bad case (tests/bad/README.md) has the same files; its cmd writes
# the input folder ./in and runs jobbspar-ingest with -o out. Every bad case
# is also checked generically:
#   - cmd finishes within $BAD_TIMEOUT seconds (default 60) and exits 0 or 1
#   - stdout is empty (unless expected-stdout), every stderr line starts with
#     "jobbspar-ingest: "
#   - some message names a file and line: on stderr (jobbspar-ingest: FILE:LINE:)
#     or in out/rejects.csv (FILE,LINE,...); a file `no-line` says why not
#   - out/ingest.json gives read = accepted + rejected for every file and
#     out/rejects.csv holds as many records as rejected; a file `no-accounting`
#     says why the run writes no ingest.json
#   - exit 1 leaves no table in out/work; exit 0 writes all nine
#   - no identity number of ./in appears in stdout, stderr or under out/
# A file `known-bug` (what is wrong, where it is reported) marks a case that
# shows an open bug: its failure is counted as XFAIL, its passing as a failure
# (remove known-bug once the bug is fixed).
: "${JOBBSPAR_BIN:?}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT BIN="$JOBBSPAR_BIN"
BAD_TIMEOUT=${BAD_TIMEOUT:-60}
pass=0 fail=0 skip=0 xfail=0
failed=""

# only: is $1 a test that ONLY selects?
only() {
	[ -z "${ONLY:-}" ] && return 0
	case "$1" in $ONLY) return 0 ;; esac
	return 1
}

nunit=0
for t in "$@"; do
	only "unit/${t##*/tests/}" || continue
	nunit=$((nunit + 1))
	if "$t" >"$t.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $t"
		cat "$t.log"
	fi
done
echo "unit: $nunit binaries run"

# bad_checks TMP RC CASE: the generic checks of a tests/bad case; prints what
# is wrong and returns 1, or returns 0.
bad_checks()
{
	tmp=$1 rc=$2 case=$3
	case $rc in
	0|1) ;;
	124) echo "did not finish within $BAD_TIMEOUT s"; return 1 ;;
	*) echo "exit status $rc (crash or signal?); want 0 or 1"; return 1 ;;
	esac
	if [ ! -f "$case/expected-stdout" ] && [ -s "$tmp/stdout" ]; then
		echo "unexpected stdout:"; head -c 600 "$tmp/stdout"; return 1
	fi
	if grep -av '^jobbspar-ingest: ' "$tmp/stderr" >"$tmp/stray"; then
		echo "stderr line not of the form 'jobbspar-ingest: ...':"; head -c 600 "$tmp/stray"; return 1
	fi
	if [ ! -f "$case/no-line" ] &&
	   ! grep -aqE '^jobbspar-ingest: [^:]+:[1-9][0-9]*:' "$tmp/stderr" &&
	   ! { [ -f "$tmp/out/rejects.csv" ] &&
	       grep -aqE '^[a-z_]+\.csv,[1-9][0-9]*,' "$tmp/out/rejects.csv"; }; then
		echo "no message with file and line on stderr or in out/rejects.csv (or add no-line saying why)"
		return 1
	fi
	if [ -f "$tmp/out/ingest.json" ]; then
		if [ -f "$case/no-accounting" ]; then
			echo "no-accounting, but out/ingest.json was written: remove no-accounting"; return 1
		fi
		sh "$ROOT/tests/fixtures/ingest/check-accounting.sh" "$tmp/out" || return 1
		if command -v jq >/dev/null 2>&1 && ! jq -e '.files | length == 9' "$tmp/out/ingest.json" >/dev/null; then
			echo "out/ingest.json is not valid JSON with nine files"; return 1
		fi
	elif [ ! -f "$case/no-accounting" ]; then
		echo "no out/ingest.json (add no-accounting saying why)"; return 1
	fi
	ntables=$(find "$tmp/out/work" -type f 2>/dev/null | wc -l)
	if [ "$rc" = 1 ] && [ "$ntables" != 0 ]; then
		echo "exit 1 but files left in out/work:"; ls -a "$tmp/out/work"; return 1
	fi
	if [ "$rc" = 0 ] && [ "$(ls "$tmp"/out/work/*.tsv 2>/dev/null | wc -l)" != 9 ]; then
		echo "exit 0 but out/work does not hold the nine tables:"; ls -a "$tmp/out/work"; return 1
	fi
	[ -d "$tmp/in" ] || { echo "the case's cmd wrote no ./in folder"; return 1; }
	sh "$ROOT/tests/fixtures/ingest/check-no-identity-numbers.sh" "$tmp/in" \
		"$tmp/stdout" "$tmp/stderr" "$tmp/out" || return 1
	return 0
}

for case in "$ROOT"/tests/cli/*/ "$ROOT"/tests/bad/*/; do
	[ -f "$case/cmd" ] || continue
	case=${case%/}
	kind=$(basename "$(dirname "$case")")
	name=$kind/$(basename "$case")
	only "$name" || continue
	tmp=$(mktemp -d)
	if [ "$kind" = bad ]; then
		(cd "$tmp" && CASE="$case" timeout "$BAD_TIMEOUT" sh "$case/cmd" >stdout 2>stderr; echo $? >rc)
	else
		(cd "$tmp" && CASE="$case" sh "$case/cmd" >stdout 2>stderr; echo $? >rc)
	fi
	want_rc=0
	[ -f "$case/expected-exit" ] && want_rc=$(cat "$case/expected-exit")
	ok=1 why=""
	got_rc=$(cat "$tmp/rc")
	if [ "$kind" = bad ] && ! bad_checks "$tmp" "$got_rc" "$case" >"$tmp/generic.log" 2>&1; then
		ok=0; why="$(cat "$tmp/generic.log")"
	fi
	[ $ok = 0 ] || [ "$got_rc" = "$want_rc" ] || { ok=0; why="exit $got_rc, want $want_rc"; }
	for s in stderr stdout; do
		if [ $ok = 1 ] && [ -f "$case/expected-$s" ]; then
			sed "s|$tmp|TMP|g" "$tmp/$s" >"$tmp/$s.norm"
			if ! diff -u "$case/expected-$s" "$tmp/$s.norm" >"$tmp/diff"; then
				ok=0; why="$s differs:
$(cat "$tmp/diff")"
			fi
		fi
	done
	if [ $ok = 1 ] && [ -f "$case/check" ]; then
		if ! (cd "$tmp" && CASE="$case" sh -e "$case/check") >"$tmp/check.log" 2>&1; then
			ok=0; why="check failed:
$(cat "$tmp/check.log")"
		fi
	fi
	if [ -f "$case/known-bug" ]; then
		if [ $ok = 0 ]; then
			xfail=$((xfail + 1)); rm -rf "$tmp"
			echo "XFAIL $name (known bug: $(head -n 1 "$case/known-bug")): $(echo "$why" | head -n 2 | tr '\n' ' ' | cut -c1-200)"
			continue
		fi
		ok=0; why="passes, but is marked known-bug: remove $case/known-bug"
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1)); rm -rf "$tmp"
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "FAIL $name: $why"; echo "  (stderr: $(head -c 600 "$tmp/stderr"))"
	fi
done

if [ -z "${ONLY_CASES:-}" ]; then
	for t in "$ROOT"/tests/sh/test_*.sh; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		only "sh/$name" || continue
		log=$(mktemp)
		sh "$t" >"$log" 2>&1
		rc=$?
		if [ $rc = 0 ]; then
			pass=$((pass + 1))
		elif [ $rc = 77 ]; then
			skip=$((skip + 1)); echo "SKIP sh/$name: $(tail -n 1 "$log")"
		else
			fail=$((fail + 1)); failed="$failed sh/$name"
			echo "FAIL sh/$name:"; tail -n 30 "$log"
		fi
		rm -f "$log"
	done
fi

echo "tests: $pass passed, $fail failed, $skip skipped, $xfail known bugs (XFAIL)"
[ $fail = 0 ] || { echo "failed:$failed"; exit 1; }
