#!/bin/bash
# run-stage.sh STAGE STAMP OUTPUT...: runs one stage for stages/graph.mk.
#
# Called by make with STATE, BIN and PREVIOUS in the environment (make
# exports its command-line variables) and, from run.sh, JOBBSPAR_RUN_ID,
# JOBBSPAR_RUN_LOG, JOBBSPAR_RUN_CFG, JOBBSPAR_RUN_LANG and
# JOBBSPAR_RUN_PROGRESS (0 quiet, 1 one line per stage, 2 verbose).
#
# 1. removes STAMP and the files the stage wrote in its last successful run
#    (its list $G/STAGE.files), so nothing stale outlives a rerun;
# 2. runs $BIN/jobbspar-STAGE -c CFG --set ...(from $G/config/sets) -o STATE
#    [--lang L] [--previous DIR] [--compare], its stdout and stderr into the run log;
# 3. checks the exit status and that every OUTPUT exists;
# 4. records the files the stage wrote ($G/STAGE.files, what run.sh
#    publishes), its duration ($G/runs/RUN_ID/STAGE.time), and touches STAMP.
# On failure it prints "run.sh: stage STAGE failed ..." with the stage's last
# messages on run.sh's stderr (fd 3), writes $G/runs/RUN_ID/STAGE.failed and
# exits 1, which stops make.
set -u
export LC_ALL=C

stage=$1 stamp=$2
shift 2
: "${STATE:?}" "${BIN:?}" "${JOBBSPAR_RUN_ID:?}" "${JOBBSPAR_RUN_CFG:?}"
G=$STATE/.graph
runs=$G/runs/$JOBBSPAR_RUN_ID
log=${JOBBSPAR_RUN_LOG:-/dev/null}
progress=${JOBBSPAR_RUN_PROGRESS:-0}
mkdir -p "$runs" || exit 1

# fd 3 is run.sh's stderr; when make is run by hand use ours
if ! { true >&3; } 2>/dev/null; then
	exec 3>&2
fi

stamp_now() { date '+%Y-%m-%dT%H:%M:%S%z'; }
say_log() { printf '%s %s\n' "$(stamp_now)" "$*" >>"$log"; }

list_files() {
	find "$STATE" -path "$G" -prune -o -type f -printf '%P\t%i\t%s\t%T@\n' | sort
}

rm -f "$stamp" "$runs/$stage.failed" "$runs/$stage.time"
if [ -f "$G/$stage.files" ]; then
	# one rm for them all: the plot stage alone writes 1 669 charts in a
	# national run, and a process per file took 16 s
	while IFS= read -r f; do
		case $f in "" | /* | ../* | */../* | .graph/*) continue ;; esac
		printf '%s\0' "$f"
	done <"$G/$stage.files" | (cd "${STATE:?}" && xargs -0 -r rm -f --)
	rm -f "$G/$stage.files"
fi

args=(-c "$JOBBSPAR_RUN_CFG")
if [ -f "$G/config/sets" ]; then
	while IFS= read -r s; do
		args+=(--set "$s")
	done <"$G/config/sets"
fi
args+=(-o "$STATE")
case $stage in
plot | report) [ -n "${JOBBSPAR_RUN_LANG:-}" ] && args+=(--lang "$JOBBSPAR_RUN_LANG") ;;
esac
if [ "$stage" = report ] && [ -n "${PREVIOUS:-}" ]; then
	args+=(--previous "$PREVIOUS")
fi
# run.sh --compare: the report's side-by-side layout
if [ "$stage" = report ] && [ -n "${JOBBSPAR_RUN_COMPARE:-}" ]; then
	args+=(--compare)
fi

before=$(mktemp "$G/.before.$stage.XXXXXX") || exit 1
after=$before.after
list_files >"$before"

prog=$BIN/jobbspar-$stage
say_log "stage $stage: start: $prog ${args[*]}"
if [ "$progress" -ge 2 ]; then
	printf 'jobbspar: %s: %s\n' "$stage" "$prog ${args[*]}" >&3
elif [ "$progress" -ge 1 ]; then
	printf 'jobbspar: %s ...\n' "$stage" >&3
fi
start=$(date +%s%N)
LC_ALL=${JOBBSPAR_STAGE_LOCALE:-C} "$prog" "${args[@]}" >"$runs/$stage.out" 2>&1 </dev/null
rc=$?
end=$(date +%s%N)
ms=$(((end - start) / 1000000))
secs=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))

# the stage's own messages, prefixed, into the log (and the terminal if verbose)
if [ -s "$runs/$stage.out" ]; then
	# (awk, not sed: a last line without its newline, e.g. cut short by a
	# full disk, still ends with one, so run.sh's next message is a line)
	awk '{ print "    | " $0 }' "$runs/$stage.out" >>"$log"
	[ "$progress" -ge 2 ] && awk '{ print "    | " $0 }' "$runs/$stage.out" >&3
fi

why=""
if [ "$rc" -ne 0 ]; then
	why="exit $rc"
else
	for o in "$@"; do
		if [ ! -e "$STATE/$o" ]; then
			why="exit 0 but $o was not written"
			rc=1
			break
		fi
	done
fi

if [ -n "$why" ]; then
	say_log "stage $stage: FAILED ($why) after $secs s"
	printf '%s\n' "$rc" >"$runs/$stage.failed"
	{
		printf 'run.sh: stage %s failed (%s)\n' "$stage" "$why"
		[ -s "$runs/$stage.out" ] && tail -n 15 "$runs/$stage.out" | awk '{ print "  " $0 }'
	} >&3
	rm -f "$before"
	exit 1
fi

# the stage's files: new or replaced (other inode, size or time) since it began
list_files >"$after"
comm -13 "$before" "$after" | cut -f1 >"$G/$stage.files.tmp" &&
	mv -f "$G/$stage.files.tmp" "$G/$stage.files" || exit 1
rm -f "$before" "$after"
printf '%s\n' "$secs" >"$runs/$stage.time"
say_log "stage $stage: ok in $secs s"
[ "$progress" -ge 1 ] && printf 'jobbspar: %s ok (%s s)\n' "$stage" "$secs" >&3
touch "$stamp"
