#!/bin/sh
# I/O faults on the real pipeline (bundled sample): a write that fails (a
# file size limit with SIGXFSZ ignored, so write(2) fails with EFBIG, and,
# as root, a real full file system: a small tmpfs in a private mount
# namespace, ENOSPC), a read that fails (an input that is a folder, one that
# is /proc/self/mem (EIO at offset 0), and with strace a persistent EIO from
# the Nth read of a file), gnuplot missing or crashing. Checks:
#  1. each writing stage (ingest shortage trackfit plot report) run alone with
#     a write failing at two limits: exit 1, every message "jobbspar-STAGE: ...",
#     no temporary left, and every file of OUT either its previous bytes or the
#     bytes a successful run would write (never a partial file);
#  2. each stage run alone on an input it cannot read: exit 1, a message
#     naming the file, OUT unchanged;
#  3. run.sh with the write fault in each stage in turn, a read fault, gnuplot
#     missing, gnuplot crashing, and failing writes of run.sh's own publish
#     and log: exit 1, a message naming the stage or step, and OUT still the
#     previous report, byte for byte (the link unchanged); the next run
#     without the fault publishes;
#  4. (root) OUT on a full tmpfs (ENOSPC): the publish's copy fails, and
#     the disk fills up as ingest starts: exit 1 with a message, OUT the
#     previous report. (tests/torture.sh fills it at many more levels.)
# shellcheck disable=SC2046,SC2015 # intended: word-split option lists, "a && b || fail"
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
# as root, run in a private mount namespace so part 4 can mount a tmpfs
if [ -z "${FAULT_IN_NS:-}" ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	FAULT_IN_NS=1 exec unshare -m sh "$0" "$@"
fi
. "$ROOT/tests/sh/run_real.sh"
. "$ROOT/tests/sh/run_fakes.sh"
. "$ROOT/tests/sh/faults.sh"
command -v prlimit >/dev/null || { echo "prlimit (util-linux) is not installed"; exit 77; }
T=$(mktemp -d)
trap 'umount "$T/fs" 2>/dev/null; rm -rf "$T"' EXIT
W=$T/bin CTL=$T/ctl KEY=$T/keys/pseudonym.key
fault_wrappers "$W" "$BIN" "$CTL"
FS=""
if [ -n "${FAULT_IN_NS:-}" ]; then
	mkdir "$T/fs"
	if mount -t tmpfs -o size=40m tmpfs "$T/fs" 2>/dev/null; then FS=$T/fs; fi
fi
OUT=${FS:-$T}/out
run() { JOBBSPAR_BIN=$W "$ROOT/run.sh" --no-wait --keep 1 --set run.key_file="$KEY" "$@" </dev/null; }
# limited BYTES CMD...: CMD with a file size limit of BYTES and SIGXFSZ
# ignored; its stderr through a pipe (not limited) into $T/err, status in $T/rc
limited() {
	lim=$1
	shift
	{ (trap '' XFSZ; exec prlimit --fsize="$lim" "$@" </dev/null); echo $? >"$T/rc"; } 2>&1 | cat >"$T/err"
	return "$(cat "$T/rc")"
}
stage() { # stage STAGE DIR ARGS...: the stage program alone on work area DIR
	s=$1 d=$2
	shift 2
	"$BIN/jobbspar-$s" -c "$ROOT/data/default.ini" --set run.key_file="$KEY" "$@" -o "$d" </dev/null
}
only_messages_of() { # only_messages_of STAGE: $T/err is non-empty, every line "jobbspar-STAGE: "
	[ -s "$T/err" ] || return 1
	! grep -v "^jobbspar-$1: " "$T/err"
}
# same_or_new OLD NEW DIR: every file of DIR has the bytes it has in OLD or
# in NEW, and DIR lacks no file that both have
same_or_new() {
	tree_sums "$1" >"$T/old.sum"
	tree_sums "$2" >"$T/new.sum"
	tree_sums "$3" >"$T/got.sum"
	awk 'FILENAME == ARGV[1] { old[$2] = $1; next }
	     FILENAME == ARGV[2] { new[$2] = $1; next }
	     { got[$2] = $1; if ($1 != old[$2] && $1 != new[$2]) { print "  " $2 ": neither the previous nor the new bytes"; bad = 1 } }
	     END { for (f in old) if ((f in new) && !(f in got)) { print "  " f ": removed"; bad = 1 }
	           exit bad }' "$T/old.sum" "$T/new.sum" "$T/got.sum"
}
published_sums() { readlink "$OUT" >"$1"; tree_sums "$OUT" >>"$1"; }
t0=$(date +%s)

run -o "$OUT" || fail "first run"
B=$OUT.d/build

# ---------------------------------------------------------------- 1. stage writes
stage_conf() { # a configuration under which the stage writes other bytes
	case $1 in
	ingest) echo "--set run.key_file=$T/keys/other.key" ;;
	shortage) echo "--set shortage.horizon_years=10" ;;
	trackfit) echo "--set track.grund.capacity=61" ;;
	plot | report) echo "--lang en" ;;
	esac
}
for s in ingest shortage trackfit plot report; do
	rm -rf "$T/new" && cp -a "$B" "$T/new"
	touch "$T/mark"
	sleep 1
	stage "$s" "$T/new" $(stage_conf "$s") || fail "$s: the run with the new configuration failed"
	# the limits: one below every file the stage writes, one at the median size
	mid=$(find "$T/new" -type f -newer "$T/mark" -printf '%s\n' | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] + 1 }')
	for lim in 512 "$mid"; do
		rm -rf "$T/f" && cp -a "$B" "$T/f"
		limited "$lim" "$BIN/jobbspar-$s" -c "$ROOT/data/default.ini" --set run.key_file="$KEY" \
			$(stage_conf "$s") -o "$T/f"
		rc=$?
		if [ $rc = 0 ]; then # every file fitted: then it must be the new run's
			same_or_new "$T/new" "$T/new" "$T/f" || fail "$s, limit $lim: exit 0 but files differ"
			echo "$s, file size limit $lim bytes: every file fitted"
			continue
		fi
		[ $rc = 1 ] || { cat "$T/err"; fail "$s, limit $lim: exit $rc, want 1"; }
		only_messages_of "$s" || { cat "$T/err"; fail "$s, limit $lim: not (only) jobbspar-$s messages"; }
		grep -Eq 'write failed|incomplete chart|came out incomplete|cannot (create|write|open)' "$T/err" ||
			{ cat "$T/err"; fail "$s, limit $lim: the message does not say a write failed"; }
		no_temporaries "$T/f" || fail "$s, limit $lim: temporaries left"
		same_or_new "$B" "$T/new" "$T/f" || fail "$s, limit $lim: a partial file"
		echo "$s, file size limit $lim bytes: exit 1: $(head -n 1 "$T/err")"
	done
done

echo "$(($(date +%s) - t0)) s: first run and part 1" >>"$T/times"

# ---------------------------------------------------------------- 2. stage reads
tree_sums "$B" | grep -v ' ./\.graph/' >"$T/base.sum"
# read_fault STAGE FILE KIND [ARGS]: FILE (relative to the work area) made a
# folder (dir), a link to /proc/self/mem (mem), or read through strace with
# EIO from its Nth read on (eio:N); the stage must fail and change nothing
read_fault() {
	s=$1 f=$2 kind=$3
	shift 3
	rm -rf "$T/r" && cp -a "$B" "$T/r"
	target=$T/r/$f
	case $f in /*) target=$f ;; esac
	case $kind in
	dir) rm -f "$target" && mkdir "$target" ;;
	mem) rm -f "$target" && ln -s /proc/self/mem "$target" ;;
	esac
	case $kind in
	eio:*)
		# LeakSanitizer cannot run under ptrace: off for this run only
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -o /dev/null -P "$target" -e trace=read -e inject=read:error=EIO:when="${kind#eio:}+" \
			"$BIN/jobbspar-$s" -c "$ROOT/data/default.ini" --set run.key_file="$KEY" "$@" -o "$T/r" \
			</dev/null 2>"$T/err" ;;
	*) stage "$s" "$T/r" "$@" 2>"$T/err" ;;
	esac
	rc=$?
	[ $rc = 1 ] || { cat "$T/err"; fail "$s, $f ($kind): exit $rc, want 1"; }
	only_messages_of "$s" || { cat "$T/err"; fail "$s, $f ($kind): not (only) jobbspar-$s messages"; }
	grep -qF "$target" "$T/err" || { cat "$T/err"; fail "$s, $f ($kind): the message does not name the file"; }
	tree_sums "$T/r" | grep -v -e ' ./\.graph/' -e " ./$f\$" >"$T/r.sum"
	grep -v " ./$f\$" "$T/base.sum" | cmp -s - "$T/r.sum" || fail "$s, $f ($kind): the work area changed"
	echo "$s, $f ($kind): exit 1: $(head -n 1 "$T/err")"
}
cp -R "$ROOT/data/sample" "$T/in"
cp -R "$ROOT/data/ref" "$T/ref"
read_fault ingest "$T/in/jobseekers.csv" dir --set run.input="$T/in"
rm -rf "$T/in" && cp -R "$ROOT/data/sample" "$T/in"
read_fault ingest "$T/in/survey_frame.csv" mem --set run.input="$T/in"
rm -rf "$T/in" && cp -R "$ROOT/data/sample" "$T/in"
read_fault ingest "$T/ref/ssyk2012_scb_level4.csv" mem --set run.refdir="$T/ref"
rm -rf "$T/ref" && cp -R "$ROOT/data/ref" "$T/ref"
read_fault shortage work/jobseekers.tsv dir
read_fault shortage work/respondents.tsv mem
read_fault trackfit shortage.tsv mem
read_fault trackfit work/outcomes.tsv dir
read_fault plot trackfit.tsv dir
read_fault plot work/vacancies.tsv mem
read_fault report shortage.tsv dir
read_fault report rejects.csv mem
read_fault report ingest.json dir
read_fault report proposals.tsv dir
read_fault report trackfit_areas.tsv mem
if command -v strace >/dev/null && strace -qq -o /dev/null true 2>/dev/null; then
	read_fault ingest "$T/in/vacancies.csv" eio:20 --set run.input="$T/in"
	read_fault shortage work/employment.tsv eio:5
	read_fault trackfit work/jobseekers.tsv eio:3
	read_fault plot shortage.tsv eio:30
	read_fault report shortage.tsv eio:10
else
	echo "note: strace missing or not permitted: no mid-file read errors"
fi

echo "$(($(date +%s) - t0)) s: part 2" >>"$T/times"

# ---------------------------------------------------------------- 3. run.sh
conf() { echo "--set track.grund.capacity=6$1 --set run.max_reject_rate=0.0$1"; }
intact() { # intact WHAT: OUT is still the report of $T/pub.sum
	published_sums "$T/now.sum"
	cmp -s "$T/pub.sum" "$T/now.sum" || fail "$1: OUT changed"
	! ls -d "$OUT.d"/run-*.tmp >/dev/null 2>&1 || fail "$1: a snapshot folder was left"
}
runfault() { # runfault WHAT PATTERN ARGS...: run.sh fails with a message matching PATTERN
	what=$1 pat=$2
	shift 2
	run -o "$OUT" "$@" 2>"$T/err"
	rc=$?
	[ $rc = 1 ] || { cat "$T/err"; fail "$what: run.sh exit $rc, want 1"; }
	grep -Eq "$pat" "$T/err" || { cat "$T/err"; fail "$what: no message matching $pat"; }
	grep -q "^run.sh: .*nothing published\|^run.sh: .*keeps the previous report" "$T/err" ||
		{ cat "$T/err"; fail "$what: run.sh does not say nothing was published"; }
	intact "$what"
	echo "run.sh, $what: exit 1: $(grep '^run.sh: ' "$T/err" | head -n 1)"
}
published_sums "$T/pub.sum"
for s in ingest shortage trackfit plot report; do
	echo 512 >"$CTL/fsize-$s"
	runfault "write fault in $s" "^run.sh: stage $s failed" $(conf 7)
	rm -f "$CTL/fsize-$s"
done
mkdir "$T/in/jobseekers.csv.d" && rm "$T/in/jobseekers.csv" && mv "$T/in/jobseekers.csv.d" "$T/in/jobseekers.csv"
runfault "input file is a folder" "^run.sh: stage ingest failed" $(conf 7) --set run.input="$T/in"
runfault "gnuplot missing" "^run.sh: stage plot failed" $(conf 7) --set plot.gnuplot=/nonexistent/gnuplot
grep -q 'gnuplot' "$T/err" || fail "gnuplot missing: the message does not say so"
printf '#!/bin/sh\nkill -SEGV $$\n' >"$T/crashing-gnuplot"
chmod +x "$T/crashing-gnuplot"
runfault "gnuplot crashing" "^run.sh: stage plot failed" $(conf 7) --set plot.gnuplot="$T/crashing-gnuplot"
grep -q 'gnuplot was killed by signal 11' "$T/err" || { cat "$T/err"; fail "gnuplot crashing: no clear message"; }
run -o "$OUT" $(conf 7) || fail "the run after the faults failed"
complete_publish "$OUT" || fail "the run after the faults published no complete report"
published_sums "$T/pub.sum"
# run.sh's own writes, nothing to rerun: the snapshot copy, then the log
limited 100000 env JOBBSPAR_BIN="$W" "$ROOT/run.sh" --no-wait --set run.key_file="$KEY" -o "$OUT" $(conf 7)
rc=$?
[ $rc = 1 ] && grep -q '^run.sh: cannot copy .*nothing published' "$T/err" ||
	{ cat "$T/err"; fail "publish on a full disk: exit $rc"; }
intact "publish on a full disk"
echo "run.sh, publish with a file size limit: exit 1: $(grep '^run.sh: ' "$T/err" | head -n 1)"
limited 60 env JOBBSPAR_BIN="$W" "$ROOT/run.sh" --no-wait --set run.key_file="$KEY" -o "$OUT" $(conf 7)
rc=$?
[ $rc = 1 ] && grep -q '^run.sh: cannot write the log' "$T/err" || { cat "$T/err"; fail "log on a full disk: exit $rc"; }
intact "log on a full disk"
echo "run.sh, log with a file size limit: exit 1: $(grep '^run.sh: ' "$T/err" | head -n 1)"

echo "$(($(date +%s) - t0)) s: part 3" >>"$T/times"

# ---------------------------------------------------------------- 4. a full file system
if [ -z "$FS" ]; then
	echo "note: not root or no mount namespace: the full tmpfs part is skipped"
else
	# nothing to rerun, about 300 kB free: the snapshot copy fails
	free=$(df -B1 --output=avail "$FS" | tail -n 1)
	fallocate -l $((free - 300000)) "$FS/filler" || fail "fallocate"
	runfault "full disk during the publish" "^run.sh: cannot copy " $(conf 7)
	grep -q 'No space left on device' "$T/err" || { cat "$T/err"; fail "full disk: ENOSPC not reported"; }
	rm -f "$FS/filler"
	# the disk fills up just as ingest starts
	echo "$FS 100000" >"$CTL/fill-ingest"
	runfault "full disk during ingest" "^run.sh: (stage ingest failed|the stage graph failed)" $(conf 8)
	sed 's/^/    /' "$T/err" | head -n 4
	rm -f "$CTL/fill-ingest" "$FS/filler"
fi
echo "$(($(date +%s) - t0)) s: part 4" >>"$T/times"
cat "$T/times"
echo "ok ($(($(date +%s) - t0)) s)"
