#!/bin/sh
# The real pipeline on the bundled sample, killed with SIGKILL (the whole
# process group: run.sh, make, the stage, gnuplot) at many points spread over
# every stage and the publish, and rerun. The points are chosen inside each
# stage, not by wall-clock delay: the stage programs are wrapped
# (tests/sh/faults.sh) so a kill lands a seeded random fraction of that
# stage's measured duration after its program started, or right after it
# exited (before its stamp is made); publish points land a random delay after
# the snapshot folder appeared.
#
# The runs go in rounds; a round uses one of two configurations (they differ
# for every stage), kills a run at two points in each stage in pipeline order
# plus one in the publish, each time rerunning (so the rerun resumes at the
# killed stage), and ends with a run left alone. Checks:
#  - after every kill OUT is absent (nothing published yet) or a complete
#    report equal byte for byte to the uninterrupted run of one of the two
#    configurations (the previous or the new one), never a mix;
#  - the run at the end of every round publishes exactly the uninterrupted
#    run's report;
#  - at the end one snapshot is left in OUT.d and no temporary.
# KILL_ROUNDS (default 2: 22 points) and KILL_SEED (default fixed, so a
# failure reproduces) set the size; KILL_WALL=1 adds a pure wall-clock kill
# at the start of every round. tests/torture.sh runs it with 9 rounds (99 points).
# shellcheck disable=SC2046 # intended: word-split option lists
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_real.sh"
. "$ROOT/tests/sh/run_fakes.sh"
. "$ROOT/tests/sh/faults.sh"
command -v setsid >/dev/null || { echo "setsid(1) is not installed"; exit 77; }
SEED=${KILL_SEED:-20261123}
ROUNDS=${KILL_ROUNDS:-2}
WALL=${KILL_WALL:-0}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
W=$T/bin CTL=$T/ctl OUT=$T/out
fault_wrappers "$W" "$BIN" "$CTL"
conf() { echo "--set track.grund.capacity=6$1 --set run.max_reject_rate=0.0$1"; }
run() { JOBBSPAR_BIN=$W "$ROOT/run.sh" --no-wait --keep 1 --set run.key_file="$T/keys/pseudonym.key" "$@" </dev/null; }
now() { date +%s; }
t0=$(now)

# the two uninterrupted references, at the same time (two output folders,
# one key: ingest creates it first)
"$BIN/jobbspar-ingest" -c "$ROOT/data/default.ini" --set run.key_file="$T/keys/pseudonym.key" \
	-o "$T/keyinit" >/dev/null 2>&1 || fail "ingest (creating the key)"
run -o "$T/ref5" $(conf 5) >"$T/ref5.out" 2>&1 &
ref5=$!
run -o "$T/ref6" $(conf 6) || fail "reference 6"
wait $ref5 || { cat "$T/ref5.out"; fail "reference 5"; }
# stage durations of the uninterrupted run (seconds), for the kill offsets
dur=$(sed -n 's/.* stage \([a-z]*\): ok in \([0-9.]*\) s$/\1 \2/p' "$T/ref5.d/logs/latest.log")
[ "$(echo "$dur" | wc -l)" = 5 ] || fail "stage timings not in the log: $dur"
total=$(echo "$dur" | awk '{ t += $2 } END { print t + 3 }')

# the kill points: one line per point, "ROUND CAP KIND STAGE SECONDS"
echo "$dur" | awk -v seed="$SEED" -v rounds="$ROUNDS" -v wall="$WALL" -v total="$total" '
	{ d[$1] = $2 }
	END {
		srand(seed)
		n = split("ingest shortage trackfit plot report", st, " ")
		for (r = 1; r <= rounds; r++) {
			cap = (r % 2) ? 5 : 6
			if (wall) printf "%d %d wall - %.3f\n", r, cap, 0.5 * rand() * total
			# the references ran two at a time: the offsets stay in the
			# first half of those durations, so most land inside the stage
			# two points per stage: one early, then one later or right
			# after the program ended
			for (i = 1; i <= n; i++) {
				s = st[i]
				printf "%d %d in %s %.3f\n", r, cap, s, d[s] * (0.02 + 0.2 * rand())
				if (rand() < 0.25) printf "%d %d after %s 0\n", r, cap, s
				else printf "%d %d in %s %.3f\n", r, cap, s, d[s] * (0.25 + 0.3 * rand())
			}
			printf "%d %d publish - %.3f\n", r, cap, 2 * rand()
			printf "%d %d end - 0\n", r, cap
		}
	}' >"$T/points"

check_out() { # after a kill: no OUT (nothing published yet), or a or b
	if [ ! -e "$OUT" ] && [ ! -L "$OUT" ]; then
		[ -z "$published" ] || fail "$1: OUT disappeared"
		seen="${seen}-"
		return
	fi
	complete_publish "$OUT" || fail "$1: OUT is not a complete report"
	if same_publish "$T/ref5/" "$OUT/" >/dev/null 2>&1; then
		seen="${seen}5"
	elif same_publish "$T/ref6/" "$OUT/" >/dev/null 2>&1; then
		seen="${seen}6"
	else
		fail "$1: OUT is neither complete report"
	fi
	published=1
}

# a run that ended before its point (a fast machine) published the round's
# configuration: the next run then takes --force, so the later points still
# meet their stages
published="" seen="" points=0 nokill=0 force=""
while read -r round cap kind stage secs; do
	what="round $round, capacity 6$cap: $kind $stage $secs"
	if [ "$kind" = end ]; then
		force=""
		run -o "$OUT" $(conf "$cap") >"$T/end.out" 2>&1 || { cat "$T/end.out"; fail "$what: the run failed"; }
		same_publish "$T/ref$cap/" "$OUT/" || fail "$what: the rerun's report differs from the uninterrupted run's"
		published=1
		continue
	fi
	rm -f "$CTL"/kill-*
	case $kind in in | after) echo "$kind $secs" >"$CTL/kill-$stage" ;; esac
	JOBBSPAR_BIN=$W setsid "$ROOT/run.sh" --no-wait --keep 1 --set run.key_file="$T/keys/pseudonym.key" \
		-o "$OUT" $(conf "$cap") $force </dev/null >"$T/killed.out" 2>&1 &
	pid=$!
	case $kind in
	wall) sleep "$secs"; kill -9 "-$pid" 2>/dev/null ;;
	publish)
		i=0
		until ls -d "$OUT.d"/run-*.tmp >/dev/null 2>&1 || ! kill -0 "$pid" 2>/dev/null; do
			i=$((i + 1)); [ $i -lt 3000 ] || break; sleep 0.01
		done
		sleep "$secs"
		kill -9 "-$pid" 2>/dev/null && echo "in publish" >>"$CTL/landed" ;;
	esac
	wait "$pid"
	rc=$?
	case $rc in
	137) points=$((points + 1)) force="" ;;
	0) nokill=$((nokill + 1)) force=--force; rm -f "$CTL"/kill-* ;; # the run ended before the point: fine
	*) cat "$T/killed.out"; fail "$what: the run failed by itself (exit $rc)" ;;
	esac
	check_out "$what"
	echo "$what: exit $rc, OUT $(readlink "$OUT" 2>/dev/null || echo absent)"
done <"$T/points"

n=$(find "$OUT.d" -maxdepth 1 -name "run-*" | wc -l)
[ "$n" = 1 ] || { ls -la "$OUT.d"; fail "want 1 snapshot in OUT.d, found $n"; }
no_temporaries "$OUT/" || fail "a temporary was published"
inside=$(grep -c '^in ' "$CTL/landed")
echo "landed: $(sort "$CTL/landed" | uniq -c | awk '{ printf "%s%s %s x%s", sep, $2, $3, $1; sep = ", " }')"
[ "$points" -ge $((ROUNDS * 10)) ] || fail "only $points kills landed (want at least $((ROUNDS * 10)))"
[ "$inside" -ge $((ROUNDS * 5)) ] || fail "only $inside kills landed inside a running stage or the publish"
echo "ok: $points kill points (seed $SEED, $ROUNDS rounds), $nokill runs ended first, $(($(now) - t0)) s; published after each kill: $seen"
