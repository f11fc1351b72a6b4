#!/bin/sh
# The real pipeline on the bundled sample, killed with SIGKILL (the whole
# process group) at several moments, alternating two configurations: after
# every kill OUT is a complete report equal to the uninterrupted run of one
# of them; a final run gives exactly the uninterrupted run's report.
# shellcheck disable=SC2046 # intended: word-split option lists, "a && b || fail"
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_real.sh"
. "$ROOT/tests/sh/run_fakes.sh"
command -v setsid >/dev/null || { echo "setsid(1) is not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
OUT=$T/out
conf() { echo "--set track.grund.capacity=6$1 --set run.max_reject_rate=0.0$1"; }
run() { JOBBSPAR_BIN=$BIN "$ROOT/run.sh" --no-wait --set run.key_file="$T/keys/pseudonym.key" "$@" </dev/null; }

run -o "$T/refa" $(conf 5) || fail "reference a"
run -o "$T/refb" $(conf 6) || fail "reference b"
run -o "$OUT" $(conf 6) || fail "first run"
seen=""
cap=5
for delay in 0.05 0.3 0.7 1.2 2.0 3.0 5.0 8.0 1.6 6.0; do
	JOBBSPAR_BIN=$BIN setsid "$ROOT/run.sh" --no-wait --set run.key_file="$T/keys/pseudonym.key" \
		-o "$OUT" $(conf $cap) </dev/null >"$T/killed.out" 2>&1 &
	pid=$!
	sleep "$delay"
	if kill -9 "-$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
	else
		wait "$pid" || { cat "$T/killed.out"; fail "the run failed by itself"; }
	fi
	sleep 0.1
	complete_publish "$OUT" || fail "after a kill at $delay s: incomplete report"
	if same_publish "$T/refa/" "$OUT/" >/dev/null 2>&1; then
		seen="${seen}a"
	elif same_publish "$T/refb/" "$OUT/" >/dev/null 2>&1; then
		seen="${seen}b"
	else
		fail "after a kill at $delay s: OUT is neither complete report"
	fi
	cap=$((11 - cap))
done
run -o "$OUT" $(conf 5) || fail "the run after the kills failed"
same_publish "$T/refa/" "$OUT/" || fail "the final report differs from the uninterrupted run's"
echo "ok (published after each kill: $seen)"
