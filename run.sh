#!/bin/bash
# run.sh: runs the jobbspar pipeline (ingest, shortage, trackfit, plot,
# report) through the stage graph stages/graph.mk, and publishes the finished
# report atomically. docs/OPERATIONS.md describes layout, lock, logs and
# exit codes; ./run.sh --help lists the options.
set -eu
export LC_ALL=C
# the stages run in C.UTF-8 where it exists (gnuplot draws UTF-8 text), else C:
# the same locale whoever runs them, so the outputs do not depend on the caller
JOBBSPAR_STAGE_LOCALE=C
if locale -a 2>/dev/null | grep -Eqx 'C\.(UTF-8|utf8)'; then JOBBSPAR_STAGE_LOCALE=C.UTF-8; fi
export JOBBSPAR_STAGE_LOCALE
unset LANGUAGE MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS MAKEFILES JOBBSPAR_CONFIG
PATH=${PATH:-/usr/bin:/bin}:/usr/bin:/bin
export PATH

ROOT=$(cd "$(dirname "$0")" && pwd -P)
me=run.sh
ORIG_ARGS="$*"

usage() {
	cat <<'EOF'
Usage: ./run.sh [OPTION]...
Runs the jobbspar pipeline (ingest, shortage, trackfit, plot, report): builds
what is missing, reruns only the stages whose inputs, program or
configuration changed, and publishes the report atomically into OUT.

  -c, --config FILE    configuration (default data/default.ini); relative
                       paths in it are resolved against its folder
  -o, --output DIR     output folder OUT (default run.output of the
                       configuration: out/ in the project)
      --set S.K=V      override one configuration key for every stage
                       (repeatable), e.g. --set run.reference_year=2023
      --compare LIST   compare mode: report the municipalities in LIST (two or
                       more codes or names, comma-separated) side by side,
                       into OUT-compare-<list> unless -o is given
      --lang L         report language (sv, en); the same as --set run.lang=L
      --previous DIR   a previous report folder the report compares with; "last"
                       is the run OUT pointed to before this one (OUT.d keeps
                       the --keep newest published runs)
      --keep N         keep the N newest published runs in OUT.d (default 5, at
                       least 1) so last year's report stays at hand
  -j, --jobs N         run up to N independent jobs at once (build and
                       stages; default: the number of processors)
      --force          rerun every stage even if nothing changed
      --wait[=SECS]    if another run holds OUT, wait for it (at most SECS)
      --no-wait        if another run holds OUT, exit 1 with a message
                       (default: --wait on a terminal, --no-wait otherwise)
  -v, --verbose        print each stage's command and messages
  -q, --quiet          print nothing on success (default without a terminal)
  -h, --help           this help
      --version        print the version

Files: OUT is a symbolic link to OUT.d/run-<id>/, the last published run;
OUT.d/build/ is the stages' work area, OUT.d/logs/run-<id>.log the log of
each run, OUT.d/lock the lock. OUT/manifest.json lists inputs with SHA-256,
configuration, seed, version and stage timings.

Exit status: 0 the report was published, 1 a stage, the build, the lock or
an I/O operation failed (the message names the stage; OUT keeps the previous
report), 2 usage: a bad option, or a configuration (file or --set) that
does not pass jobbspar-config --check; then no stage has run.
EOF
}

die_usage() {
	printf '%s: %s\n' "$me" "$1" >&2
	printf "Try './run.sh --help'.\n" >&2
	exit 2
}
die() {
	printf '%s: %s\n' "$me" "$1" >&2
	if [ -n "${LOG:-}" ] && [ -f "$LOG" ]; then
		printf '%s ERROR %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$1" >>"$LOG"
		printf '%s: log: %s\n' "$me" "$LOG" >&2
	fi
	exit 1
}

version() {
	sed -n 's/^#define JOBBSPAR_VERSION "\(.*\)"/\1/p' "$ROOT/pipeline/version.h" 2>/dev/null | head -n 1
}

# ---------------------------------------------------------------- options
CFG=$ROOT/data/default.ini
OUT_ARG="" COMPARE="" LANG_ARG="" PREVIOUS_ARG="" JOBS="" FORCE=0 KEEP=5
WAIT="" WAIT_SECS="" VERBOSITY=""
SETS=()
need_arg() { [ $# -ge 2 ] || die_usage "option $1 needs an argument"; }
while [ $# -gt 0 ]; do
	case $1 in
	-c | --config) need_arg "$@"; CFG=$2; shift 2 ;;
	--config=*) CFG=${1#*=}; shift ;;
	-o | --output) need_arg "$@"; OUT_ARG=$2; shift 2 ;;
	--output=*) OUT_ARG=${1#*=}; shift ;;
	--set) need_arg "$@"; SETS+=("$2"); shift 2 ;;
	--set=*) SETS+=("${1#*=}"); shift ;;
	--compare) need_arg "$@"; COMPARE=$2; shift 2 ;;
	--compare=*) COMPARE=${1#*=}; shift ;;
	--lang) need_arg "$@"; LANG_ARG=$2; shift 2 ;;
	--lang=*) LANG_ARG=${1#*=}; shift ;;
	--previous) need_arg "$@"; PREVIOUS_ARG=$2; shift 2 ;;
	--previous=*) PREVIOUS_ARG=${1#*=}; shift ;;
	--keep) need_arg "$@"; KEEP=$2; shift 2 ;;
	--keep=*) KEEP=${1#*=}; shift ;;
	-j | --jobs) need_arg "$@"; JOBS=$2; shift 2 ;;
	-j*) JOBS=${1#-j}; shift ;;
	--jobs=*) JOBS=${1#*=}; shift ;;
	--force) FORCE=1; shift ;;
	--wait) WAIT=1; shift ;;
	--wait=*) WAIT=1; WAIT_SECS=${1#*=}; shift ;;
	--no-wait) WAIT=0; shift ;;
	-v | --verbose) VERBOSITY=2; shift ;;
	-q | --quiet) VERBOSITY=0; shift ;;
	-h | --help) usage; exit 0 ;;
	--version) printf 'jobbspar %s\n' "$(version)"; exit 0 ;;
	--) shift; break ;;
	-*) die_usage "unknown option $1" ;;
	*) die_usage "unexpected argument $1" ;;
	esac
done
case $KEEP in
'' | *[!0-9]* | 0) die_usage "--keep: expected a whole number of runs, at least 1, not \"$KEEP\"" ;;
esac
[ $# -eq 0 ] || die_usage "unexpected argument $1"
case $JOBS in "" | *[!0-9]* | 0*) [ -z "$JOBS" ] || die_usage "-j: expected a positive number, not \"$JOBS\"" ;; esac
case $WAIT_SECS in *[!0-9]*) die_usage "--wait: expected seconds, not \"$WAIT_SECS\"" ;; esac
# the stages get the overrides one a line (stages/run-stage.sh); every other
# check of --set is jobbspar-config's, below
for s in ${SETS[@]+"${SETS[@]}"}; do
	case $s in *"
"*) die_usage "--set: a value cannot hold a line break" ;; esac
done
[ -n "$JOBS" ] || JOBS=$(nproc 2>/dev/null || echo 1)
if [ -z "$VERBOSITY" ]; then
	if [ -t 2 ]; then VERBOSITY=1; else VERBOSITY=0; fi
fi
if [ -z "$WAIT" ]; then
	if [ -t 0 ] && [ -t 2 ]; then WAIT=1; else WAIT=0; fi
fi

abspath() { # abspath PATH [BASE]: PATH made absolute against BASE (default .)
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "${2:-$(pwd -P)}" "$1" ;;
	esac
}
# the path without "." and "x/.." parts and trailing slashes (no symlinks resolved)
tidypath() {
	printf '%s\n' "$1" | awk '{
		n = split($0, p, "/"); k = 0
		for (i = 1; i <= n; i++) {
			if (p[i] == "" || p[i] == ".") continue
			if (p[i] == ".." && k > 0 && out[k] != "..") { k--; continue }
			out[++k] = p[i]
		}
		s = ""; for (i = 1; i <= k; i++) s = s "/" out[i]
		print (s == "" ? "/" : s)
	}'
}

[ -f "$CFG" ] || die "$CFG: no such configuration file"
[ -r "$CFG" ] || die "$CFG: cannot read the configuration file"
CFG=$(tidypath "$(abspath "$CFG")")

if [ -n "${JOBBSPAR_BIN:-}" ]; then
	BIN=$(tidypath "$(abspath "$JOBBSPAR_BIN")")
	BUILD=0
else
	BIN=$ROOT/bin
	BUILD=1
fi

if [ -n "$COMPARE" ]; then
	n_items=$(printf '%s\n' "$COMPARE" | awk -F, '{ n = 0; for (i = 1; i <= NF; i++) { gsub(/^[ \t]+|[ \t]+$/, "", $i); if ($i != "") n++ } print n }')
	[ "$n_items" -ge 2 ] || die_usage "--compare: name two or more municipalities, e.g. --compare 0581,0882"
fi

# ---------------------------------------------------------------- build
# Before anything else: jobbspar-config reads the configuration. Its output
# goes into the run's log once there is one.
BUILD_OUT=""
if [ "$BUILD" = 1 ]; then
	mkdir -p "$ROOT/build"
	BUILD_OUT=$(mktemp "${TMPDIR:-/tmp}/jobbspar-build.XXXXXX") || die "cannot create a temporary file"
	trap 'rm -f "$BUILD_OUT"' EXIT
	echo "build: make deps-check && make -j$JOBS all (in $ROOT)" >"$BUILD_OUT"
	if ! flock "$ROOT/build/.run.lock" make -C "$ROOT" --no-print-directory deps-check >>"$BUILD_OUT" 2>&1; then
		cat "$BUILD_OUT" >&2
		die "Debian packages are missing (make deps); nothing done"
	fi
	if ! flock "$ROOT/build/.run.lock" make -C "$ROOT" --no-print-directory -j"$JOBS" all >>"$BUILD_OUT" 2>&1; then
		tail -n 20 "$BUILD_OUT" >&2
		die "the build failed (make); nothing done"
	fi
	[ "$VERBOSITY" -ge 2 ] && cat "$BUILD_OUT" >&2
fi
STAGES="ingest shortage trackfit plot report"
for s in $STAGES config; do
	[ -x "$BIN/jobbspar-$s" ] || die "$BIN/jobbspar-$s: stage program missing (not built: is stages/$s/main.c written?)"
done

# ---------------------------------------------------------------- configuration
# jobbspar-config (stages/config/main.c) reads the configuration as every
# stage does and knows every key (pipeline/schema.c): it checks the file and
# the overrides before any stage runs, gives the values run.sh needs and the
# keys each stage reads (the stamps below), and writes the manifest. The
# overrides, in this order: every --set, then --compare, then --lang.
CONFIG_ARGS=(-c "$CFG")
for s in ${SETS[@]+"${SETS[@]}"}; do CONFIG_ARGS+=(--set "$s"); done
[ -z "$COMPARE" ] || CONFIG_ARGS+=(--compare "$COMPARE")
[ -z "$LANG_ARG" ] || CONFIG_ARGS+=(--lang "$LANG_ARG")
config() { "$BIN/jobbspar-config" "${CONFIG_ARGS[@]}" "$@"; }
# the stages get the same overrides, as --set (stages/run-stage.sh)
[ -z "$COMPARE" ] || SETS+=("run.municipalities=$COMPARE")
[ -z "$LANG_ARG" ] || SETS+=("run.lang=$LANG_ARG")
SETS_TEXT=""
for s in ${SETS[@]+"${SETS[@]}"}; do SETS_TEXT="$SETS_TEXT$s
"; done

# every error of the configuration at once, as run.sh's (exit 2: nothing ran)
rc=0
config_err=$(config --check 2>&1 >/dev/null) || rc=$?
if [ "$rc" != 0 ]; then
	printf '%s\n' "$config_err" | sed 's/^jobbspar-config: /run.sh: /' >&2
	[ "$rc" = 2 ] && exit 2
	exit 1
fi
config_values=$(config --get run.input --get run.refdir --get run.key_file --get run.output --get run.lang) ||
	die "jobbspar-config --get failed"
{ read -r INPUT; read -r REFDIR; read -r KEY; read -r CFG_OUT; read -r RUN_LANG; } <<VALUES
$config_values
VALUES

if [ -n "$OUT_ARG" ]; then
	OUT=$(tidypath "$(abspath "$OUT_ARG")")
else
	OUT=$CFG_OUT
	if [ -n "$COMPARE" ]; then
		slug=$(printf '%s\n' "$COMPARE" | sed 's/å/a/g; s/ä/a/g; s/ö/o/g; s/Å/a/g; s/Ä/a/g; s/Ö/o/g; s/é/e/g' |
			tr '[:upper:]' '[:lower:]' | sed 's/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//')
		OUT=$OUT-compare-$slug
	fi
fi
[ "$OUT" != / ] || die "the output folder cannot be /"
OUTD=$OUT.d
STATE=$OUTD/build
G=$STATE/.graph
OUTBASE=$(basename "$OUT")

PREVIOUS=""
if [ "$PREVIOUS_ARG" = last ]; then
	# the run OUT points to now: after this run it is the previous one
	[ -L "$OUT" ] && [ -d "$OUT/report" ] || die "--previous last: $OUT holds no published run yet"
	PREVIOUS=$(cd "$OUT" && pwd -P)
elif [ -n "$PREVIOUS_ARG" ]; then
	[ -d "$PREVIOUS_ARG" ] || die "--previous $PREVIOUS_ARG: no such folder"
	PREVIOUS=$(cd "$PREVIOUS_ARG" && pwd -P)
fi

# make cannot name files whose paths hold blanks or its special characters
for v in ROOT OUT INPUT REFDIR KEY BIN PREVIOUS; do
	case ${!v} in
	*[[:space:]]* | *[:\#\$%\;\*\?\[\]\\]*)
		die "$(printf '%s' "$v" | tr '[:upper:]' '[:lower:]') path \"${!v}\": blanks and the characters : # \$ % ; * ? [ ] \\ are not supported in paths" ;;
	esac
done
[ -d "$INPUT" ] || die "$INPUT: input folder (run.input) does not exist"
[ -d "$REFDIR" ] || die "$REFDIR: reference folder (run.refdir) does not exist"
case $KEY/ in
"$OUT"/* | "$OUTD"/*) die "run.key_file $KEY: the pseudonym key must not be inside the output folder $OUT" ;;
esac
case $OUT/ in
"$ROOT"/ | "$INPUT"/* | "$REFDIR"/*) die "output folder $OUT: must not be the project, input or reference folder" ;;
esac

# OUT is ours to replace only if absent, an empty folder, our link, or a
# folder a stage run by hand left (moved aside into OUT.d, never deleted)
if [ -L "$OUT" ]; then
	case $(readlink "$OUT") in
	"$OUTBASE.d/run-"*) ;;
	*) die "$OUT is a symbolic link not made by run.sh (to $(readlink "$OUT")); remove it or choose another -o" ;;
	esac
elif [ -e "$OUT" ] && [ ! -d "$OUT" ]; then
	die "$OUT exists and is not a folder; remove it or choose another -o"
fi

# ---------------------------------------------------------------- lock and log
mkdir -p "$OUTD/logs" || die "cannot create $OUTD"
exec 9>>"$OUTD/lock" || die "cannot open the lock file $OUTD/lock"
if ! flock -n 9; then
	if [ "$WAIT" = 1 ]; then
		[ "$VERBOSITY" -ge 1 ] && printf '%s: another run is using %s; waiting for it\n' "$me" "$OUT" >&2
		if [ -n "$WAIT_SECS" ]; then
			flock -w "$WAIT_SECS" 9 || die "another run is still using $OUT after $WAIT_SECS s (lock $OUTD/lock); nothing done"
		else
			flock 9 || die "cannot take the lock $OUTD/lock"
		fi
	else
		die "another run is using $OUT (lock $OUTD/lock); nothing done (--wait waits for it)"
	fi
fi

RUN_ID=$(date -u '+%Y%m%dT%H%M%S')-$$
STARTED=$(date '+%Y-%m-%dT%H:%M:%S%z')
LOG=$OUTD/logs/run-$RUN_ID.log
: >"$LOG" || die "cannot write the log $LOG"
ln -sfn "run-$RUN_ID.log" "$OUTD/logs/latest.log"
log() { printf '%s %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$*" >>"$LOG" || die "cannot write the log $LOG (is the disk full?)"; }
note() { # to the log, and the terminal unless quiet
	log "$*"
	[ "$VERBOSITY" -lt 1 ] || printf 'jobbspar: %s\n' "$*" >&2
}
log "run $RUN_ID: jobbspar $(version), pid $$, user $(id -un 2>/dev/null || id -u)"
log "command: $0 ${ORIG_ARGS:-}"
log "configuration $CFG; output $OUT; input $INPUT; stage programs $BIN"
if [ -n "$BUILD_OUT" ]; then
	cat "$BUILD_OUT" >>"$LOG"
	rm -f "$BUILD_OUT"
fi

SNAP_TMP=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	[ -z "$SNAP_TMP" ] || rm -rf "$SNAP_TMP"
	[ -z "$BUILD_OUT" ] || rm -f "$BUILD_OUT"
	rm -f "$OUTD/.link-$RUN_ID"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 1' INT TERM HUP

# leftovers of runs killed part-way (half-built snapshots, temporary links)
# and published runs beyond the --keep newest; the one OUT points to and the
# previous report this run compares with always stay
prune_runs() {
	current=""
	[ -L "$OUT" ] && current=$(basename "$(readlink "$OUT")")
	for d in "$OUTD"/run-*.tmp "$OUTD"/.link-*; do
		[ -e "$d" ] || [ -L "$d" ] || continue
		rm -rf "$d"
	done
	# run-<UTC time>-<pid>: the names sort by start time, newest last
	set --
	for d in "$OUTD"/run-*; do
		[ -d "$d" ] && [ "${d%.tmp}" = "$d" ] && set -- "$@" "$d"
	done
	while [ $# -gt "$KEEP" ]; do
		case $(basename "$1") in
		"$current") ;;
		*) case $PREVIOUS/ in "$(cd "$1" && pwd -P)"/*) ;; *) rm -rf "$1" ;; esac ;;
		esac
		shift
	done
}
prune_runs
# keep the 50 newest logs
# (names sort by start time)
set -- "$OUTD"/logs/run-*.log
while [ $# -gt 50 ]; do
	rm -f "$1"
	shift
done

# ---------------------------------------------------------------- stamps
# $G/config/<stage>.ini holds every key the stage reads with its value
# (jobbspar-config --stage-config: from the schema, so a key a stage reads
# cannot be missed), rewritten only when that changed, so make reruns
# exactly the affected stages; the report's also names --previous.
mkdir -p "$G/config" "$G/runs/$RUN_ID"
chmod 700 "$OUTD/build"
write_if_changed() { # write_if_changed FILE: stdin into FILE unless equal
	cat >"$1.tmp"
	if cmp -s "$1.tmp" "$1"; then rm -f "$1.tmp"; else mv -f "$1.tmp" "$1"; fi
}
for s in $STAGES; do
	stamp=$(config --stage-config "$s") || die "jobbspar-config --stage-config $s failed"
	[ "$s" != report ] || stamp="$stamp
# previous report	$PREVIOUS
# compare mode	${COMPARE:+1}"
	printf '%s\n' "$stamp" | write_if_changed "$G/config/$s.ini"
done
printf '%s' "$SETS_TEXT" | write_if_changed "$G/config/sets"
# -c itself: the stages read the file through it
printf '%s\n' "$CFG" | write_if_changed "$G/config/file"

# ---------------------------------------------------------------- stages
export JOBBSPAR_RUN_ID=$RUN_ID JOBBSPAR_RUN_LOG=$LOG JOBBSPAR_RUN_CFG=$CFG
export JOBBSPAR_RUN_LANG=$RUN_LANG JOBBSPAR_RUN_PROGRESS=$VERBOSITY
export JOBBSPAR_RUN_COMPARE=${COMPARE:+1}
make_args=(-f "$ROOT/stages/graph.mk" --no-print-directory -j"$JOBS"
	"ROOT=$ROOT" "STATE=$STATE" "BIN=$BIN" "INPUT=$INPUT" "REFDIR=$REFDIR" "KEY=$KEY" "PREVIOUS=$PREVIOUS")
[ "$FORCE" = 1 ] && make_args+=(-B)
log "stages: make ${make_args[*]}"
if ! make "${make_args[@]}" 3>&2 >>"$LOG" 2>&1; then
	failed=""
	for s in $STAGES; do
		[ -f "$G/runs/$RUN_ID/$s.failed" ] && failed="$failed $s"
	done
	if [ -n "$failed" ]; then
		die "the run stopped at stage${failed}; nothing published (${OUT} keeps the previous report)"
	fi
	tail -n 5 "$LOG" >&2
	die "the stage graph failed (make); nothing published"
fi

# ---------------------------------------------------------------- publish
# A fresh folder OUT.d/run-<id> with every file the stages wrote, then OUT
# (a symbolic link) is switched to it by one rename.
note_ran=""
for s in $STAGES; do
	if [ -f "$G/runs/$RUN_ID/$s.time" ]; then note_ran="$note_ran $s"; fi
done
[ -n "$note_ran" ] || note "nothing changed since the last run; every stage is up to date"

SNAP=$OUTD/run-$RUN_ID
SNAP_TMP=$SNAP.tmp
# every step of the publish is checked: on a full disk OUT keeps the previous report
publish_failed() { die "cannot $1 (is the disk full?); nothing published ($OUT keeps the previous report)"; }
mkdir "$SNAP_TMP" || publish_failed "create $SNAP_TMP"
for s in $STAGES; do
	[ -f "$G/$s.files" ] && cat "$G/$s.files"
done | sort -u | while IFS= read -r f; do
	case $f in "" | /* | ../* | */../* | .graph/*) continue ;; esac
	[ -f "$STATE/$f" ] && printf '%s\n' "$f"
done >"$G/publish.list"
(cd "$STATE" && xargs -r -d '\n' cp -p --parents -t "$SNAP_TMP" -- <"$G/publish.list") ||
	publish_failed "copy the stages' files into $SNAP_TMP"
# folders as in the work area (cp --parents makes them with default modes)
(cd "$STATE" && find . -mindepth 1 -path ./.graph -prune -o -type d -printf '%m %P\n') | while read -r mode d; do
	[ ! -d "$SNAP_TMP/$d" ] || chmod "$mode" "$SNAP_TMP/$d"
done
# person-level files (pseudonyms) are for their owners only
for d in restricted work; do
	if [ -d "$SNAP_TMP/$d" ]; then
		chmod 700 "$SNAP_TMP/$d"
		find "$SNAP_TMP/$d" -type f -exec chmod 600 {} +
	fi
done

# manifest.json (docs/OPERATIONS.md), written by jobbspar-config with
# pipeline/jsonw.c
manifest_args=(--manifest "$SNAP_TMP" --bin "$BIN" --previous "$PREVIOUS" --run-id "$RUN_ID"
	--started "$STARTED" --log "$LOG")
for s in $STAGES; do
	if [ -f "$G/runs/$RUN_ID/$s.time" ]; then
		manifest_args+=(--stage-time "$s=$(cat "$G/runs/$RUN_ID/$s.time")")
	fi
done
config "${manifest_args[@]}" || publish_failed "write $SNAP_TMP/manifest.json"

[ -z "${JOBBSPAR_TEST_PUBLISH_PAUSE:-}" ] || sleep "$JOBBSPAR_TEST_PUBLISH_PAUSE"
mv "$SNAP_TMP" "$SNAP" || publish_failed "rename $SNAP_TMP"
SNAP_TMP=""
if [ -d "$OUT" ] && [ ! -L "$OUT" ]; then
	if rmdir "$OUT" 2>/dev/null; then
		log "removed the empty folder $OUT"
	else
		mv "$OUT" "$OUTD/replaced-$RUN_ID"
		note "$OUT was a plain folder (a stage run by hand?); moved to $OUTD/replaced-$RUN_ID"
	fi
fi
ln -s "$OUTBASE.d/run-$RUN_ID" "$OUTD/.link-$RUN_ID" || publish_failed "create the link $OUTD/.link-$RUN_ID"
mv -T "$OUTD/.link-$RUN_ID" "$OUT" || publish_failed "switch $OUT to $SNAP"
log "published $SNAP as $OUT"
prune_runs

log "run $RUN_ID: ok"
if [ "$VERBOSITY" -ge 1 ]; then
	printf 'jobbspar: published %s/ (manifest.json lists every file); log: %s\n' "$OUT" "$LOG" >&2
	printf '%s/report/index.html\n' "$OUT"
fi
exit 0
