# shellcheck shell=sh disable=SC2034,SC2154 # sourced: the caller sets and reads these
# bench/lib.sh: what bench/run.sh and bench/compare.sh share (POSIX sh,
# sourced). The caller sets me (message prefix) and LOGS (a folder for the
# output of the timed commands) and, before record, REC_FILE (the results
# table rows are appended to).

say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() {
	say "$*"
	exit 1
}

# the locale the stages run in under run.sh (stages/run-stage.sh)
STAGE_LOCALE=C
if locale -a 2>/dev/null | grep -Eqx 'C\.(UTF-8|utf8)'; then STAGE_LOCALE=C.UTF-8; fi

# TIME: /usr/bin/time when it is GNU time (the Debian package time), else empty
bench_find_time() {
	TIME=""
	if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
		TIME=/usr/bin/time
	else
		say "/usr/bin/time (Debian package time) not found: wall times only, no CPU time or peak memory"
	fi
}

# timed NAME CMD...: runs CMD (stdout and stderr into $LOGS/NAME.out, .err)
# and sets T_RC, T_WALL (s), T_CPU (user + system s) and T_RSS (peak
# resident set of the process or its largest descendant, MB).
now_ns() { date +%s%N; }
timed() {
	t_name=$1
	shift
	# the previous step's output still being written back to disk would be
	# counted against this one (ingest alone writes 850 MB): start quiet
	sync
	t0=$(now_ns)
	if [ -n "$TIME" ]; then
		if "$TIME" -v -o "$LOGS/$t_name.time" "$@" >"$LOGS/$t_name.out" 2>"$LOGS/$t_name.err"; then T_RC=0; else T_RC=$?; fi
	else
		if "$@" >"$LOGS/$t_name.out" 2>"$LOGS/$t_name.err"; then T_RC=0; else T_RC=$?; fi
	fi
	t1=$(now_ns)
	T_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	if [ -n "$TIME" ]; then
		T_CPU=$(awk -F': ' '/User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 }
			END { printf "%.2f", u + s }' "$LOGS/$t_name.time")
		T_RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$LOGS/$t_name.time")
	else
		T_CPU=NA T_RSS=NA
	fi
}

# rows_bytes FILE...: data rows (lines less one header line per file) and MB
rows_bytes() {
	rb_rows=0 rb_bytes=0
	for f in "$@"; do
		[ -f "$f" ] || continue
		rb_rows=$((rb_rows + $(wc -l <"$f") - 1))
		rb_bytes=$((rb_bytes + $(wc -c <"$f")))
	done
	RB_ROWS=$rb_rows
	RB_MB=$(awk -v b="$rb_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
}

# record STAGE ROWS MB TARGET MET [NOTE]: one row of results.tsv from the
# last timed run
COLUMNS_TSV="stage	wall_s	cpu_s	rows	rows_per_s	input_mb	mb_per_s	mb_per_cpu_s	peak_rss_mb	target	met	note"
record() {
	awk -v OFS='\t' -v st="$1" -v w="$T_WALL" -v c="$T_CPU" -v r="$2" -v mb="$3" -v rss="$T_RSS" \
		-v tg="$4" -v met="$5" -v note="${6:-}" 'BEGIN {
		rps = (r != "" && w > 0) ? sprintf("%.0f", r / w) : ""
		mps = (mb != "" && w > 0) ? sprintf("%.1f", mb / w) : ""
		mpc = (mb != "" && c != "NA" && c > 0) ? sprintf("%.1f", mb / c) : ""
		print st, w, c, r, rps, mb, mps, mpc, rss, tg, met, note
	}' >>"$REC_FILE"
}
# yes/no: is VALUE below (lt) or at least (ge) LIMIT? NA for no value
check() { awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
	if (v == "NA" || v == "") { print "NA"; exit }
	print ((op == "lt" ? v + 0 < l + 0 : v + 0 >= l + 0) ? "yes" : "no") }'; }
both() { # both yes/no/NA...: yes if all yes, no if any no
	b=yes
	for x in "$@"; do
		case $x in no) b=no ;; NA) [ "$b" = no ] || b=NA ;; esac
	done
	printf '%s\n' "$b"
}

