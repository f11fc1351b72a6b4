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
      --previous DIR   a previous report folder the report compares with
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
report), 2 usage.
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
OUT_ARG="" COMPARE="" LANG_ARG="" PREVIOUS_ARG="" JOBS="" FORCE=0
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
[ $# -eq 0 ] || die_usage "unexpected argument $1"
case $JOBS in "" | *[!0-9]* | 0*) [ -z "$JOBS" ] || die_usage "-j: expected a positive number, not \"$JOBS\"" ;; esac
case $WAIT_SECS in *[!0-9]*) die_usage "--wait: expected seconds, not \"$WAIT_SECS\"" ;; esac
for s in ${SETS[@]+"${SETS[@]}"}; do
	case $s in
	*=*) name=${s%%=*} ;;
	*) die_usage "--set $s: expected section.key=value" ;;
	esac
	case $name in
	*.*) if [ -z "${name%.*}" ] || [ -z "${name##*.}" ]; then die_usage "--set $s: expected section.key=value"; fi ;;
	*) die_usage "--set $s: expected section.key=value" ;;
	esac
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
CFGDIR=$(dirname "$CFG")

# ---------------------------------------------------------------- configuration
# The effective configuration as "section<TAB>key<TAB>value" lines, in file
# order, after the --set overrides (last value wins), read the way inih
# reads the file (pipeline/config.c): comments ; and # at line start, inline
# comments " ;", key = value or key: value, indented continuation lines.
if [ -n "$COMPARE" ]; then
	n_items=$(printf '%s\n' "$COMPARE" | awk -F, '{ n = 0; for (i = 1; i <= NF; i++) { gsub(/^[ \t]+|[ \t]+$/, "", $i); if ($i != "") n++ } print n }')
	[ "$n_items" -ge 2 ] || die_usage "--compare: name two or more municipalities, e.g. --compare 0581,0882"
	SETS+=("run.municipalities=$COMPARE")
fi
[ -z "$LANG_ARG" ] || SETS+=("run.lang=$LANG_ARG")

SETS_TEXT=""
for s in ${SETS[@]+"${SETS[@]}"}; do SETS_TEXT="$SETS_TEXT$s
"; done

effective_config() {
	printf '%s' "$SETS_TEXT" | awk -v cfgfile="$CFG" -v bom="$(printf '\357\273\277')" '
	function trim(s) { sub(/^[ \t\r\f\v]+/, "", s); sub(/[ \t\r\f\v]+$/, "", s); return s }
	function strip_comment(s,   i) {
		for (i = 2; i <= length(s); i++)
			if (substr(s, i, 1) == ";" && substr(s, i - 1, 1) ~ /[ \t]/) return substr(s, 1, i - 1)
		return s
	}
	function put(sec, key, val,   id) {
		id = sec SUBSEP key
		if (!(id in value)) order[++n] = id
		value[id] = val; secof[id] = sec; keyof[id] = key
	}
	BEGIN {
		sec = ""; prev = ""; ln = 0
		while ((getline line < cfgfile) > 0) {
			if (++ln == 1 && index(line, bom) == 1) line = substr(line, 4)
			indented = line ~ /^[ \t]/
			s = trim(line)
			if (s == "" || s ~ /^[;#]/) continue
			# a continuation line: joined to the value with a comma, as config.c does
			if (indented && prev != "") { put(sec, prev, value[sec SUBSEP prev] "," trim(strip_comment(s))); continue }
			if (s ~ /^\[/) {
				e = index(s, "]")
				if (e) { sec = substr(s, 2, e - 2); prev = "" }
				continue
			}
			s = strip_comment(s)
			e = match(s, /[=:]/)
			if (!e) continue
			prev = trim(substr(s, 1, e - 1))
			put(sec, prev, trim(substr(s, e + 1)))
		}
		close(cfgfile)
	}
	{
		e = index($0, "="); name = substr($0, 1, e - 1)
		d = match(name, /\.[^.]*$/)
		put(substr(name, 1, d - 1), substr(name, d + 1), substr($0, e + 1))
	}
	END { for (i = 1; i <= n; i++) printf "%s\t%s\t%s\n", secof[order[i]], keyof[order[i]], value[order[i]] }'
}
EFFECTIVE=$(effective_config)

cfg_get() { # cfg_get SECTION KEY DEFAULT
	printf '%s\n' "$EFFECTIVE" | awk -F '\t' -v s="$1" -v k="$2" -v d="$3" '
		$1 == s && $2 == k { v = substr($0, length(s) + length(k) + 3); found = 1 }
		END { print (found ? v : d) }'
}
cfg_path() { # cfg_path SECTION KEY DEFAULT: resolved against the configuration's folder
	tidypath "$(abspath "$(cfg_get "$1" "$2" "$3")" "$CFGDIR")"
}

# the same defaults as the stages (pipeline/stage.c, stages/ingest/main.c)
INPUT=$(cfg_path run input sample)
REFDIR=$(cfg_path run refdir ref)
KEY=$(cfg_path run key_file pseudonym.key)
RUN_LANG=$(cfg_get run lang sv)
SEED=$(cfg_get run seed "")

if [ -n "$OUT_ARG" ]; then
	OUT=$(tidypath "$(abspath "$OUT_ARG")")
else
	OUT=$(cfg_path run output out)
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
if [ -n "$PREVIOUS_ARG" ]; then
	[ -d "$PREVIOUS_ARG" ] || die "--previous $PREVIOUS_ARG: no such folder"
	PREVIOUS=$(cd "$PREVIOUS_ARG" && pwd -P)
fi

if [ -n "${JOBBSPAR_BIN:-}" ]; then
	BIN=$(tidypath "$(abspath "$JOBBSPAR_BIN")")
	BUILD=0
else
	BIN=$ROOT/bin
	BUILD=1
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

SNAP_TMP=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	[ -z "$SNAP_TMP" ] || rm -rf "$SNAP_TMP"
	rm -f "$OUTD/.link-$RUN_ID"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 1' INT TERM HUP

# leftovers of runs killed part-way: half-built snapshots, temporary links,
# snapshots no longer published
current=""
[ -L "$OUT" ] && current=$(basename "$(readlink "$OUT")")
for d in "$OUTD"/run-* "$OUTD"/.link-*; do
	[ -e "$d" ] || [ -L "$d" ] || continue
	[ "$(basename "$d")" = "$current" ] && continue
	rm -rf "$d"
done
# keep the 50 newest logs
# (names sort by start time)
set -- "$OUTD"/logs/run-*.log
while [ $# -gt 50 ]; do
	rm -f "$1"
	shift
done

# ---------------------------------------------------------------- build
if [ "$BUILD" = 1 ]; then
	mkdir -p "$ROOT/build"
	log "build: make deps-check && make -j$JOBS all (in $ROOT)"
	if ! flock "$ROOT/build/.run.lock" make -C "$ROOT" --no-print-directory deps-check >"$OUTD/logs/.build-$RUN_ID" 2>&1; then
		cat "$OUTD/logs/.build-$RUN_ID" >>"$LOG"
		cat "$OUTD/logs/.build-$RUN_ID" >&2
		rm -f "$OUTD/logs/.build-$RUN_ID"
		die "Debian packages are missing (make deps); nothing done"
	fi
	[ "$VERBOSITY" -ge 2 ] && cat "$OUTD/logs/.build-$RUN_ID" >&2
	if ! flock "$ROOT/build/.run.lock" make -C "$ROOT" --no-print-directory -j"$JOBS" all >>"$OUTD/logs/.build-$RUN_ID" 2>&1; then
		cat "$OUTD/logs/.build-$RUN_ID" >>"$LOG"
		tail -n 20 "$OUTD/logs/.build-$RUN_ID" >&2
		rm -f "$OUTD/logs/.build-$RUN_ID"
		die "the build failed (make); nothing done"
	fi
	cat "$OUTD/logs/.build-$RUN_ID" >>"$LOG"
	[ "$VERBOSITY" -ge 2 ] && cat "$OUTD/logs/.build-$RUN_ID" >&2
	rm -f "$OUTD/logs/.build-$RUN_ID"
fi
STAGES="ingest shortage trackfit plot report"
for s in $STAGES; do
	[ -x "$BIN/jobbspar-$s" ] || die "$BIN/jobbspar-$s: stage program missing (not built: is stages/$s/main.c written?)"
done

# ---------------------------------------------------------------- stamps
# $G/config/<stage>.ini holds the configuration the stage reads; rewritten
# only when that changed, so make reruns exactly the affected stages.
#   ingest:   [run] except output and lang, the names of the [track.*]
#             sections (it checks the tracks in outcomes), unknown sections
#   shortage: [run] except output and lang, [survey] [shortage]
#             [retirement] [disclosure], unknown sections
#   trackfit: everything except run.output, run.lang, [plot], [report]
#   plot, report: everything except run.output; report also --previous
# ("unknown" = not one of the sections above, [trackfit] or [track.*]: a
# section no stage is known to ignore counts for every stage.)
mkdir -p "$G/config" "$G/runs/$RUN_ID"
chmod 700 "$OUTD/build"
write_if_changed() { # write_if_changed FILE: stdin into FILE unless equal
	cat >"$1.tmp"
	if cmp -s "$1.tmp" "$1"; then rm -f "$1.tmp"; else mv -f "$1.tmp" "$1"; fi
}
stage_config() { # stage_config STAGE: the configuration lines STAGE reads
	printf '# configuration folder\t%s\n' "$CFGDIR"
	[ "$1" != report ] || printf '# previous report\t%s\n' "$PREVIOUS"
	printf '%s\n' "$EFFECTIVE" | awk -F '\t' -v stage="$1" '
		$1 == "run" && $2 == "output" { next }
		stage == "plot" || stage == "report" { print; next }
		$1 == "run" && $2 == "lang" { next }
		$1 == "plot" || $1 == "report" { next }
		stage == "trackfit" { print; next }
		$1 == "trackfit" { next }
		$1 ~ /^track\./ { if (stage == "ingest" && !seen[$1]++) print "# track section\t" $1; next }
		stage == "ingest" && $1 ~ /^(survey|shortage|retirement|disclosure)$/ { next }
		{ print }'
}
for s in $STAGES; do
	stage_config "$s" | write_if_changed "$G/config/$s.ini"
done
printf '%s' "$SETS_TEXT" | write_if_changed "$G/config/sets"
# -c itself: the stages read the file through it
printf '%s\n' "$CFG" | write_if_changed "$G/config/file"

# ---------------------------------------------------------------- stages
export JOBBSPAR_RUN_ID=$RUN_ID JOBBSPAR_RUN_LOG=$LOG JOBBSPAR_RUN_CFG=$CFG
export JOBBSPAR_RUN_LANG=$RUN_LANG JOBBSPAR_RUN_PROGRESS=$VERBOSITY
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

json_string() { # stdin as one JSON string
	awk 'BEGIN { for (i = 1; i < 32; i++) ctl[sprintf("%c", i)] = sprintf("\\u%04x", i)
		ctl["\t"] = "\\t"; ctl["\r"] = "\\r"; printf "\"" }
	{
		if (NR > 1) printf "\\n"
		s = $0; out = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\\" || c == "\"") out = out "\\" c
			else if (c in ctl) out = out ctl[c]
			else out = out c
		}
		printf "%s", out
	}
	END { printf "\"" }'
}
js() { printf '%s' "$1" | json_string; }
files_json() { # files_json DIR INDENT: [{"file","sha256","bytes"}] for DIR's regular files
	(
		cd "$1" || exit 1
		find . -maxdepth 1 -type f -printf '%P\n' | sort >"$SNAP_TMP/.list"
		[ -s "$SNAP_TMP/.list" ] || exit 0
		xargs -d '\n' sha256sum -- <"$SNAP_TMP/.list" | cut -d ' ' -f 1 >"$SNAP_TMP/.sums"
		xargs -d '\n' stat -c %s -- <"$SNAP_TMP/.list" >"$SNAP_TMP/.sizes"
		paste "$SNAP_TMP/.list" "$SNAP_TMP/.sums" "$SNAP_TMP/.sizes"
	) | awk -F '\t' -v ind="$2" '
		{ gsub(/\\/, "&&", $1); gsub(/"/, "\\\"", $1)
		  printf "%s\n%s{\"file\": \"%s\", \"sha256\": \"%s\", \"bytes\": %s}", (NR > 1 ? "," : "["), ind, $1, $2, $3 }
		END { printf "%s\n%s]", (NR ? "" : "["), substr(ind, 3) }'
	rm -f "$SNAP_TMP/.list" "$SNAP_TMP/.sums" "$SNAP_TMP/.sizes"
}
effective_json() {
	printf '%s\n' "$EFFECTIVE" | awk -F '\t' '
	BEGIN { for (i = 1; i < 32; i++) ctl[sprintf("%c", i)] = sprintf("\\u%04x", i); ctl["\t"] = "\\t" }
	function q(s,   i, c, o) {
		o = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\\" || c == "\"") o = o "\\" c
			else if (c in ctl) o = o ctl[c]
			else o = o c
		}
		return "\"" o "\""
	}
	$1 != "" || $2 != "" { if (!($1 in seen)) { seen[$1] = ++ns; sec[ns] = $1 } k = seen[$1]; keys[k] = keys[k] (keys[k] == "" ? "" : ", ") q($2) ": " q(substr($0, length($1) + length($2) + 3)) }
	END {
		printf "{"
		for (i = 1; i <= ns; i++) printf "%s\n      %s: {%s}", (i > 1 ? "," : ""), q(sec[i]), keys[i]
		printf "\n    }"
	}'
}
seed_json=$(js "$SEED")
case $SEED in "" | *[!0-9]*) ;; *) seed_json=$SEED ;; esac
stages_json=""
for s in $STAGES; do
	if [ -f "$G/runs/$RUN_ID/$s.time" ]; then
		t="\"ran\": true, \"seconds\": $(cat "$G/runs/$RUN_ID/$s.time")"
	else
		t="\"ran\": false"
	fi
	stages_json="$stages_json${stages_json:+, }{\"stage\": \"$s\", $t}"
done
bins_json=""
for s in $STAGES; do
	bins_json="$bins_json${bins_json:+, }\"jobbspar-$s\": \"$(sha256sum <"$BIN/jobbspar-$s" | cut -d ' ' -f 1)\""
done
sets_json=""
for s in ${SETS[@]+"${SETS[@]}"}; do sets_json="$sets_json${sets_json:+, }$(js "$s")"; done
ingest_json=null
if [ -s "$STATE/ingest.json" ]; then
	ingest_json=$(sed '2,$s/^/  /' "$STATE/ingest.json")
fi

if ! {
	printf '{\n'
	printf '  "program": "jobbspar",\n'
	printf '  "version": %s,\n' "$(js "$(version)")"
	printf '  "seed": %s,\n' "$seed_json"
	printf '  "reference_year": %s,\n' "$(js "$(cfg_get run reference_year 2024)")"
	printf '  "municipalities": %s,\n' "$(js "$(cfg_get run municipalities "0581, 0882")")"
	printf '  "compare": %s,\n' "$([ -n "$COMPARE" ] && echo true || echo false)"
	printf '  "configuration": {\n'
	printf '    "file": %s,\n' "$(js "$CFG")"
	printf '    "sha256": "%s",\n' "$(sha256sum <"$CFG" | cut -d ' ' -f 1)"
	printf '    "overrides": [%s],\n' "$sets_json"
	printf '    "effective": %s,\n' "$(effective_json)"
	printf '    "text": %s\n' "$(json_string <"$CFG")"
	printf '  },\n'
	printf '  "input": {"folder": %s, "files": %s},\n' "$(js "$INPUT")" "$(files_json "$INPUT" "    ")"
	printf '  "reference_lists": {"folder": %s, "files": %s},\n' "$(js "$REFDIR")" "$(files_json "$REFDIR" "    ")"
	printf '  "previous": %s,\n' "$([ -n "$PREVIOUS" ] && js "$PREVIOUS" || echo null)"
	printf '  "programs": {%s},\n' "$bins_json"
	printf '  "ingest": %s,\n' "$ingest_json"
	printf '  "files": %s,\n' "$(cd "$SNAP_TMP" && find . -type f ! -path ./manifest.json -printf '%P\n' | sort |
		xargs -r -d '\n' sha256sum -- | awk '{ h = $1; f = substr($0, 67); gsub(/\\/, "&&", f); gsub(/"/, "\\\"", f)
			printf "%s\n    \"%s\": \"%s\"", (NR > 1 ? "," : "{"), f, h } END { printf "%s\n  }", (NR ? "" : "{") }')"
	# everything that differs between two runs of the same inputs is on this one line
	printf '  "run": {"id": "%s", "started": "%s", "finished": "%s", "log": %s, "stages": [%s]}\n' \
		"$RUN_ID" "$STARTED" "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$(js "$LOG")" "$stages_json"
	printf '}\n'
} >"$SNAP_TMP/manifest.json" || [ "$(tail -c 2 "$SNAP_TMP/manifest.json")" != "}" ]; then
	publish_failed "write $SNAP_TMP/manifest.json"
fi

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
for d in "$OUTD"/run-*; do
	[ "$d" = "$SNAP" ] || rm -rf "$d"
done

log "run $RUN_ID: ok"
if [ "$VERBOSITY" -ge 1 ]; then
	printf 'jobbspar: published %s/ (manifest.json lists every file); log: %s\n' "$OUT" "$LOG" >&2
	printf '%s/report/index.html\n' "$OUT"
fi
exit 0
