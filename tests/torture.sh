#!/bin/sh
# make torture: the long hardening runs (docs/RELIABILITY.md), not part of
# make check. About 10-15 minutes on two cores.
#  1. the kill test (tests/sh/test_run_e2e_kill.sh) with TORTURE_ROUNDS rounds
#     (default 9: 99 points inside the stages and the publish) plus a pure
#     wall-clock kill per round, seed TORTURE_SEED (default: the time; printed,
#     so a failure can be replayed with TORTURE_SEED=...);
#  2. the I/O fault test (tests/sh/test_fault_io.sh);
#  3. TORTURE_FAULTS (default 60) random write faults: a random stage run
#     alone with a random file size limit (512 B to 3 MB, SIGXFSZ ignored): it
#     must exit 0 having written exactly the bytes of an unlimited run, or
#     exit 1 with its own messages, no temporary, and every file either its
#     previous or its new bytes;
#  4. (root) OUT on a tmpfs filled up at TORTURE_FILLS (default 8) random
#     moments: as each stage starts, leaving a random 0-3 MB free: run.sh
#     exits 0 or 1, and OUT is always a complete previous or new report.
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${JOBBSPAR_BIN:-$ROOT/bin}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export ROOT BIN JOBBSPAR_BIN="$BIN"
if [ -z "${FAULT_IN_NS:-}" ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	FAULT_IN_NS=1 exec unshare -m sh "$0" "$@"
fi
. "$ROOT/tests/sh/run_real.sh"
. "$ROOT/tests/sh/run_fakes.sh"
. "$ROOT/tests/sh/faults.sh"
SEED=${TORTURE_SEED:-$(date +%s)}
ROUNDS=${TORTURE_ROUNDS:-9}
NFAULTS=${TORTURE_FAULTS:-60}
NFILLS=${TORTURE_FILLS:-8}
echo "torture: seed $SEED"
status=0
t0=$(date +%s)

# ---------------------------------------------------------------- 1. kills
t=$(date +%s)
if KILL_ROUNDS=$ROUNDS KILL_SEED=$SEED KILL_WALL=1 sh "$ROOT/tests/sh/test_run_e2e_kill.sh" >"/tmp/torture-kill.$$" 2>&1; then
	echo "1. kills: $(tail -n 1 "/tmp/torture-kill.$$") [$(($(date +%s) - t)) s]"
else
	grep -v '^Killed' "/tmp/torture-kill.$$" | tail -n 30
	echo "1. kills: FAILED (seed $SEED)"
	status=1
fi
rm -f "/tmp/torture-kill.$$"

# ---------------------------------------------------------------- 2. I/O faults
t=$(date +%s)
if FAULT_IN_NS="" sh "$ROOT/tests/sh/test_fault_io.sh" >"/tmp/torture-io.$$" 2>&1; then
	echo "2. I/O faults: $(tail -n 1 "/tmp/torture-io.$$") [$(($(date +%s) - t)) s]"
else
	tail -n 30 "/tmp/torture-io.$$"
	echo "2. I/O faults: FAILED"
	status=1
fi
rm -f "/tmp/torture-io.$$"

# ---------------------------------------------------------------- 3. random write faults
T=$(mktemp -d)
trap 'umount "$T/fs" 2>/dev/null; rm -rf "$T"' EXIT
KEY=$T/keys/pseudonym.key
t=$(date +%s)
JOBBSPAR_BIN=$BIN "$ROOT/run.sh" -o "$T/base" --set run.key_file="$KEY" </dev/null || { echo "3. base run failed"; exit 1; }
B=$T/base.d/build
stage_conf() {
	case $1 in
	ingest) echo "--set run.key_file=$T/keys/other.key" ;;
	shortage) echo "--set shortage.horizon_years=10" ;;
	trackfit) echo "--set track.grund.capacity=61" ;;
	plot | report) echo "--lang en" ;;
	esac
}
for s in ingest shortage trackfit plot report; do
	rm -rf "$T/new-$s" && cp -a "$B" "$T/new-$s"
	# shellcheck disable=SC2046
	"$BIN/jobbspar-$s" -c "$ROOT/data/default.ini" --set run.key_file="$KEY" $(stage_conf "$s") -o "$T/new-$s" \
		</dev/null || { echo "3. $s: the unlimited run failed"; exit 1; }
	tree_sums "$T/new-$s" >"$T/new-$s.sum"
done
tree_sums "$B" >"$T/old.sum"
awk -v seed="$SEED" -v n="$NFAULTS" 'BEGIN { srand(seed); split("ingest shortage trackfit plot report", st, " ")
	for (i = 1; i <= n; i++) printf "%s %d\n", st[1 + int(rand() * 5)], int(exp(log(512) + rand() * (log(3000000) - log(512)))) }' >"$T/faults"
nf=0 nok=0
while read -r s lim; do
	rm -rf "$T/f" && cp -a "$B" "$T/f"
	# shellcheck disable=SC2046
	{ (trap '' XFSZ; exec prlimit --fsize="$lim" "$BIN/jobbspar-$s" -c "$ROOT/data/default.ini" \
		--set run.key_file="$KEY" $(stage_conf "$s") -o "$T/f" </dev/null); echo $? >"$T/rc"; } 2>&1 | cat >"$T/err"
	rc=$(cat "$T/rc")
	tree_sums "$T/f" >"$T/got.sum"
	why=""
	if [ "$rc" = 0 ]; then
		cmp -s "$T/got.sum" "$T/new-$s.sum" || why="exit 0 but other bytes than the unlimited run"
		nok=$((nok + 1))
	elif [ "$rc" = 1 ]; then
		[ -s "$T/err" ] && ! grep -qv "^jobbspar-$s: " "$T/err" || why="messages: $(head -c 300 "$T/err")"
		no_temporaries "$T/f" >/dev/null || why="temporaries left"
		awk 'FILENAME == ARGV[1] { old[$2] = $1; next } FILENAME == ARGV[2] { new[$2] = $1; next }
			$1 != old[$2] && $1 != new[$2] { print $2; bad = 1 } END { exit bad }' \
			"$T/old.sum" "$T/new-$s.sum" "$T/got.sum" >"$T/partial" || why="partial files: $(head -n 3 "$T/partial")"
		nf=$((nf + 1))
	else
		why="exit $rc"
	fi
	if [ -n "$why" ]; then
		echo "3. $s with a file size limit of $lim bytes: $why"
		status=1
	fi
done <"$T/faults"
echo "3. random write faults: $NFAULTS ($nf failed cleanly, $nok fitted) [$(($(date +%s) - t)) s]"

# ---------------------------------------------------------------- 4. a full tmpfs
if [ -z "${FAULT_IN_NS:-}" ]; then
	echo "4. full tmpfs: skipped (not root or no mount namespace)"
else
	t=$(date +%s)
	W=$T/bin CTL=$T/ctl
	fault_wrappers "$W" "$BIN" "$CTL"
	mkdir "$T/fs" || exit 1
	mount -t tmpfs -o size=40m tmpfs "$T/fs" || { echo "4. cannot mount a tmpfs"; exit 1; }
	OUT=$T/fs/out
	run() { JOBBSPAR_BIN=$W "$ROOT/run.sh" --no-wait --set run.key_file="$KEY" "$@" </dev/null; }
	run -o "$T/ref5" --set track.grund.capacity=65 --set run.max_reject_rate=0.05 || exit 1
	run -o "$T/ref6" --set track.grund.capacity=66 --set run.max_reject_rate=0.06 || exit 1
	run -o "$OUT" --set track.grund.capacity=65 --set run.max_reject_rate=0.05 || exit 1
	awk -v seed="$SEED" -v n="$NFILLS" 'BEGIN { srand(seed + 1); split("ingest shortage trackfit plot report", st, " ")
		for (i = 1; i <= n; i++) printf "%s %d %d\n", st[1 + int(rand() * 5)], int(rand() * 3000000), 5 + i % 2 }' >"$T/fills"
	fails=0
	while read -r s free cap; do
		echo "$T/fs $free" >"$CTL/fill-$s"
		# ingest reruns only when its configuration changes
		run -o "$OUT" --set track.grund.capacity="6$cap" --set run.max_reject_rate="0.0$cap" >"$T/err" 2>&1
		rc=$?
		rm -f "$CTL/fill-$s" "$T/fs/filler"
		[ $rc = 0 ] || [ $rc = 1 ] || { echo "4. fill at $s ($free B free): exit $rc"; status=1; }
		[ $rc = 1 ] && fails=$((fails + 1))
		[ $rc = 1 ] && ! grep -q '^run.sh: ' "$T/err" && { echo "4. fill at $s: exit 1 without a run.sh message"; status=1; }
		complete_publish "$OUT" >/dev/null || { echo "4. fill at $s: OUT incomplete"; status=1; }
		same_publish "$T/ref5/" "$OUT/" >/dev/null 2>&1 || same_publish "$T/ref6/" "$OUT/" >/dev/null 2>&1 ||
			{ echo "4. fill at $s ($free B free): OUT is neither report"; status=1; }
	done <"$T/fills"
	run -o "$OUT" --set track.grund.capacity=66 --set run.max_reject_rate=0.06 || { echo "4. the final run failed"; status=1; }
	same_publish "$T/ref6/" "$OUT/" || { echo "4. the final run differs from the uninterrupted run"; status=1; }
	echo "4. full tmpfs: $NFILLS fills ($fails runs failed cleanly) [$(($(date +%s) - t)) s]"
fi
echo "torture: $([ $status = 0 ] && echo ok || echo FAILED) in $(($(date +%s) - t0)) s (seed $SEED)"
exit $status
