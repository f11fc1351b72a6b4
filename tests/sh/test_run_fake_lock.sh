#!/bin/sh
# run.sh's lock with fake stages: while one run holds OUT, a --no-wait run
# exits 1 at once with a clear message and touches nothing; a --wait run
# waits and then runs, so the stages of the two runs never overlap; a
# --wait=SECS run gives up after SECS with exit 1. Runs on another OUT are
# not blocked.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_fakes.sh"
command -v flock >/dev/null || { echo "flock(1) is not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FK=$T/fk
fake_setup "$FK"
OUT=$T/out
run() { JOBBSPAR_BIN=$FK/bin "$ROOT/run.sh" -c "$FK/data/test.ini" "$@" </dev/null; }
wait_for() { # wait_for PATTERN: until the calls log has a line matching PATTERN (20 s)
	i=0
	until grep -q "$1" "$FK/calls.log"; do
		i=$((i + 1))
		[ $i -lt 400 ] || fail "timed out waiting for \"$1\" in the calls log"
		sleep 0.05
	done
}

run -o "$OUT" || fail "first run"
first=$(readlink "$OUT")

# A: a slow run holding the lock (trackfit sleeps)
echo 5 >"$FK/ctl/sleep-trackfit"
: >"$FK/calls.log"
run -o "$OUT" --set track.a.capacity=1 >"$T/a.out" 2>&1 &
a=$!
wait_for "begin trackfit"

# B: --no-wait exits 1 at once with a message; nothing runs, OUT unchanged
run -o "$OUT" --no-wait --set track.a.capacity=2 >"$T/b.out" 2>&1
rc=$?
[ $rc = 1 ] || fail "--no-wait while another run holds OUT: exit $rc, want 1"
grep -q "another run is using $OUT" "$T/b.out" || { cat "$T/b.out"; fail "no clear message"; }
[ "$(readlink "$OUT")" = "$first" ] || fail "--no-wait changed OUT"

# C: --wait waits for A, then runs its own (changed) configuration
run -o "$OUT" --wait --set track.a.capacity=3 >"$T/c.out" 2>&1 &
c=$!
kill -0 "$a" 2>/dev/null || fail "run A ended before C started (machine too slow?)"

# D: --wait=1 gives up
run -o "$OUT" --wait=1 --set track.a.capacity=2 >"$T/d.out" 2>&1
rc=$?
[ $rc = 1 ] || fail "--wait=1 while another run holds OUT: exit $rc, want 1"
grep -q "still using" "$T/d.out" || { cat "$T/d.out"; fail "--wait=1: no message"; }

# E: another OUT is not blocked
run -o "$T/other" --no-wait >"$T/e.out" 2>&1 || { cat "$T/e.out"; fail "a run on another OUT was blocked"; }

wait "$a" || { cat "$T/a.out"; fail "run A failed"; }
wait "$c" || { cat "$T/c.out"; fail "run C (--wait) failed"; }
complete_publish "$OUT" || fail "incomplete publish"
grep -q '"overrides": \["track.a.capacity=3"\]' "$OUT/manifest.json" || fail "the waiting run's report was not the last published"

# the stages of A and C (on OUT) never overlapped: begin/end strictly alternate
awk -v out="$OUT.d/build" '$4 == out' "$FK/calls.log" >"$T/calls.out"
awk '$1 == "begin" { if (open) { print "overlap: " $0; bad = 1 } open = 1 } $1 == "end" { open = 0 } END { exit bad }' "$T/calls.out" ||
	{ cat "$FK/calls.log"; fail "the stages of two runs on the same OUT overlapped"; }
n=$(grep -c '^begin trackfit' "$T/calls.out")
[ "$n" = 2 ] || { cat "$FK/calls.log"; fail "want trackfit run twice (A then C), got $n"; }
echo ok
