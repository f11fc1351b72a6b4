#!/bin/sh
# run.sh killed with SIGKILL (the whole process group) at many points, with
# fake stages: during each stage, while the snapshot is assembled, and just
# after OUT was switched. After every kill OUT is a complete report, equal byte for byte to the
# uninterrupted run of one of the two configurations used (the previous or
# the new one; the sequence of which is printed); the next run is not blocked, and a final run gives exactly
# the uninterrupted run's report.
# shellcheck disable=SC2046 # intended: word-split option lists, "a && b || fail"
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_fakes.sh"
command -v setsid >/dev/null || { echo "setsid(1) is not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FK=$T/fk
fake_setup "$FK"
OUT=$T/out
run() { JOBBSPAR_BIN=$FK/bin "$ROOT/run.sh" -c "$FK/data/test.ini" --no-wait --keep 1 "$@" </dev/null; }
# two configurations that differ for every stage (ingest reads run.*)
conf() { echo "--set track.a.capacity=$1 --set run.max_reject_rate=0.0$1"; }

# the two uninterrupted references (their own OUT)
run -o "$T/refa" $(conf 1) || fail "reference run a"
run -o "$T/refb" $(conf 2) || fail "reference run b"
run -o "$T/refb" $(conf 2) || fail "reference run b (rerun)"
for s in ingest shortage trackfit plot report; do echo 0.2 >"$FK/ctl/sleep-$s"; done

check_out() { # after a kill: OUT a complete report of configuration a or b
	complete_publish "$OUT" || fail "$1: OUT is not a complete report"
	if same_publish "$T/refa/" "$OUT/" >/dev/null 2>&1; then
		published="${published}a"
	elif same_publish "$T/refb/" "$OUT/" >/dev/null 2>&1; then
		published="${published}b"
	else
		fail "$1: OUT is neither complete report"
	fi
}
killrun() { # killrun WHAT CAPACITY: start a run, wait for WHAT, kill -9 its group
	JOBBSPAR_TEST_PUBLISH_PAUSE=0.5 JOBBSPAR_BIN=$FK/bin setsid "$ROOT/run.sh" -c "$FK/data/test.ini" \
		--no-wait --keep 1 -o "$OUT" $(conf "$2") </dev/null >"$T/killed.out" 2>&1 &
	pid=$!
	was=$(readlink "$OUT")
	case $1 in
	sleep:*) sleep "${1#sleep:}" ;;
	stage:*)
		i=0
		until grep -q "^begin ${1#stage:} .* $OUT.d/build\$" "$FK/calls.log" 2>/dev/null; do
			i=$((i + 1)); [ $i -lt 600 ] || break; sleep 0.02
		done ;;
	publish)
		i=0
		until ls -d "$OUT.d"/run-*.tmp >/dev/null 2>&1; do
			i=$((i + 1)); [ $i -lt 600 ] || break; sleep 0.02
		done
		sleep 0.1 ;;
	switched)
		i=0
		until [ "$(readlink "$OUT")" != "$was" ]; do
			i=$((i + 1)); [ $i -lt 1500 ] || break; sleep 0.01
		done ;;
	esac
	if kill -9 "-$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
	else # it finished before the point was reached (a slow machine): fine if it succeeded
		wait "$pid" || { cat "$T/killed.out"; fail "kill at $1: the run failed by itself"; }
		echo "note: the run ended before the kill at $1"
	fi
	# nothing of the run may survive the kill
	sleep 0.1
	check_out "kill at $1 (capacity $2)"
	echo "kill at $1 (capacity $2): OUT -> $(readlink "$OUT"), stages begun: $(grep -c "^begin" "$FK/calls.log")"
}

# a published report to start from
run -o "$OUT" $(conf 2) || fail "first run"
: >"$FK/calls.log"
published=""
cap=1
for point in stage:ingest stage:shortage sleep:0.1 stage:trackfit stage:plot publish switched stage:report \
	sleep:0.7 publish sleep:1.3 switched stage:trackfit publish sleep:2.1 stage:report switched sleep:0.4; do
	killrun "$point" "$cap"
	cap=$((3 - cap))
	: >"$FK/calls.log"
done

rm -f "$FK"/ctl/sleep-*
run -o "$OUT" $(conf 1) || fail "the run after the kills failed"
complete_publish "$OUT" || fail "final run incomplete"
same_publish "$T/refa/" "$OUT/" || fail "the final report differs from the uninterrupted run's"
n=$(find "$OUT.d" -maxdepth 1 -name "run-*" | wc -l)
[ "$n" = 1 ] || { ls -la "$OUT.d"; fail "want 1 snapshot in OUT.d, found $n"; }
echo "ok (published after each kill: $published)"
