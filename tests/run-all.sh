#!/bin/sh
# Runs every test: the cmocka unit binaries given as arguments, the golden
# command-line cases under tests/cli/<case>/, and the shell tests
# tests/sh/test_*.sh. Prints a summary; exits 1 if anything failed.
#
# A golden case folder holds:
#   cmd              shell commands, run in a fresh temporary folder with
#                    $BIN (the stage binaries), $ROOT (project), $CASE (this folder)
#   expected-exit    the exit status (default 0)
#   expected-stderr  exact stderr (after replacing the temporary folder's path by TMP)
#   expected-stdout  exact stdout (likewise), optional
#   check            optional shell commands (run with sh -e) afterwards in the same folder;
#                    must exit 0
: "${JOBBSPAR_BIN:?}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT BIN="$JOBBSPAR_BIN"
pass=0 fail=0 skip=0
failed=""

for t in "$@"; do
	if "$t" >"$t.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $t"
		cat "$t.log"
	fi
done
echo "unit: $# binaries run"

for case in "$ROOT"/tests/cli/*/; do
	[ -f "$case/cmd" ] || continue
	name=$(basename "$case")
	tmp=$(mktemp -d)
	(cd "$tmp" && CASE="$case" sh "$case/cmd" >stdout 2>stderr; echo $? >rc)
	want_rc=0
	[ -f "$case/expected-exit" ] && want_rc=$(cat "$case/expected-exit")
	ok=1 why=""
	got_rc=$(cat "$tmp/rc")
	[ "$got_rc" = "$want_rc" ] || { ok=0; why="exit $got_rc, want $want_rc"; }
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
	if [ $ok = 1 ]; then
		pass=$((pass + 1)); rm -rf "$tmp"
	else
		fail=$((fail + 1)); failed="$failed cli/$name"
		echo "FAIL cli/$name: $why"; echo "  (stderr: $(head -c 600 "$tmp/stderr"))"
	fi
done

for t in "$ROOT"/tests/sh/test_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
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

echo "tests: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ] || { echo "failed:$failed"; exit 1; }
