#!/bin/sh
# jobbspar-report when the space for libxlsxwriter's temporary files runs
# out (as root, in a private mount namespace with small tmpfs mounts; skipped
# otherwise). libxlsxwriter writes each part's XML to a temporary file without
# checking the writes, and workbook_close still succeeds: with /tmp full a
# workbook with a sheet cut short was once published with exit 0.
#  1. /tmp an 8 kB tmpfs, smaller than the largest sheet: the workbook's
#     temporaries now live beside it (OUT/report), so the run succeeds and
#     every part of tabeller.xlsx is complete (read back with python3's
#     zipfile and xml.etree);
#  2. OUT/report on a tmpfs with no inode to spare for libxlsxwriter's
#     temporaries, which it then puts in /tmp, again 8 kB: the sheet is cut
#     there and the read-back (stages/report/xlsxcheck.c) must refuse the
#     workbook: exit 1, "the workbook came out incomplete (... cut short
#     ... / ... is empty)", no temporary left, the previous tabeller.xlsx byte for byte;
#  3. OUT/report on a tmpfs nearly full, at several levels of free space:
#     exit 0 with a complete workbook, or exit 1 with a jobbspar-report
#     message (besides libxlsxwriter's own "[ERROR]" lines, which it prints
#     when a zip write fails), no temporary left, the previous tabeller.xlsx
#     intact.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-${JOBBSPAR_BIN:-$ROOT/bin}}
[ "$(id -u)" = 0 ] || { echo "not root: no tmpfs mounts"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
if [ -z "${TMPFULL_IN_NS:-}" ]; then
	command -v unshare >/dev/null && unshare -m true 2>/dev/null ||
		{ echo "unshare -m not permitted"; exit 77; }
	TMPFULL_IN_NS=1 BIN=$BIN ROOT=$ROOT exec unshare -m sh "$0" "$@"
fi
set -u
[ -x "$BIN/jobbspar-report" ] || { echo "$BIN/jobbspar-report is not built yet"; exit 77; }
# private mounts: nothing mounted here shows outside this namespace
mount --make-rprivate / 2>/dev/null
# the work folder outside /tmp, which gets a tmpfs of its own
T=$(mktemp -d /var/tmp/jobbspar-tmpfull.XXXXXX) || { echo "no /var/tmp"; exit 77; }
trap 'umount "$T/out/report" 2>/dev/null; umount /tmp 2>/dev/null; rm -rf "$T"' EXIT
mkdir "$T/probe"
mount -t tmpfs -o size=64k tmpfs "$T/probe" 2>/dev/null || { echo "mount not permitted"; exit 77; }
umount "$T/probe"
fail() { echo "FAIL: $*"; exit 1; }
# the program and its configuration copied out of the way of the /tmp mount,
# and the working folder moved there too (the checkout itself may live under
# /tmp, and some tools, a pyenv python3 for one, need their working folder)
cd "$T" || fail "cd $T"
mkdir "$T/bin" "$T/data"
cp "$BIN/jobbspar-report" "$T/bin/" && cp -R "$ROOT/data/default.ini" "$ROOT/data/ref" "$T/data/" ||
	fail "cannot copy the program and its configuration"
BIN=$T/bin

report() { # report: the stage on $T/out, stderr to $T/err; returns its status
	"$BIN/jobbspar-report" -c "$T/data/default.ini" -o "$T/out" </dev/null 2>"$T/err"
}
# complete FILE: every member inflates with the right CRC-32 and every XML
# part parses (an independent reader: python3's standard library)
complete() {
	python3 - "$1" <<'PY'
import sys, zipfile
import xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
assert bad is None, "corrupt member " + bad
names = z.namelist()
assert "xl/workbook.xml" in names and "xl/worksheets/sheet1.xml" in names, names
for n in names:
    if n.endswith(".xml") or n.endswith(".rels"):
        ET.fromstring(z.read(n))
PY
}
# no_temporaries DIR: neither ours (*.tmp.*) nor libxlsxwriter's (tmp.*)
no_temporaries() {
	left=$(find "$1/" -name '*tmp.*' | head -n 5)
	[ -z "$left" ] || { echo "temporaries left: $left"; return 1; }
}
# on_tmpfs OPTS: OUT/report moved onto a new tmpfs mounted with OPTS
on_tmpfs() {
	umount "$T/out/report" 2>/dev/null
	rm -rf "$T/hold" && cp -a "$T/base/report" "$T/hold"
	rm -rf "$T/out/report" && mkdir "$T/out/report"
	mount -t tmpfs -o "$1" tmpfs "$T/out/report" || fail "mount -o $1"
	cp -a "$T/hold/." "$T/out/report/" || fail "copy onto the tmpfs ($1)"
}

# a previous run's OUT: the fixture, reported once
cp -R "$ROOT/tests/fixtures/report/out" "$T/out"
chmod -R u+w "$T/out"
report || { cat "$T/err"; fail "the first run exited $?"; }
complete "$T/out/report/tabeller.xlsx" || fail "the first run's workbook is incomplete"
cp -a "$T/out" "$T/base"
PREV=$T/prev.xlsx
cp "$T/out/report/tabeller.xlsx" "$PREV"
biggest=$(python3 -c 'import sys, zipfile
print(max(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$PREV")
[ "$biggest" -gt 8192 ] || fail "the fixture's largest part ($biggest bytes) fits in 8 kB: no test"
mount -t tmpfs -o size=8k tmpfs /tmp || fail "mount /tmp"

# ---------------------------------------------------------------- 1. /tmp full
rm -f "$T/out/report/tabeller.xlsx"
report || { cat "$T/err"; fail "/tmp of 8 kB: exit $?, want 0"; }
complete "$T/out/report/tabeller.xlsx" || fail "/tmp of 8 kB: the workbook is incomplete"
cmp -s "$PREV" "$T/out/report/tabeller.xlsx" || fail "/tmp of 8 kB: other bytes than the first run"
no_temporaries "$T/out" || fail "/tmp of 8 kB: temporaries left"
echo "/tmp of 8 kB: exit 0, workbook complete"

# ---------------------------------------------------------------- 2. the sheet cut in /tmp
# one inode free: enough for each of the stage's own temporaries in turn,
# none left for libxlsxwriter's beside the workbook's
n=$(ls -A "$T/base/report" | wc -l)
on_tmpfs "size=4m,nr_inodes=$((n + 2))"
report
rc=$?
[ $rc = 1 ] || { cat "$T/err"; fail "sheet cut in /tmp: exit $rc, want 1"; }
want="^jobbspar-report: $T/out/report/tabeller\.xlsx: the workbook came out incomplete "
# (which part shows it first depends on libxlsxwriter's mode: in its
# constant_memory mode the sheets fill /tmp and a later part comes out empty)
want="$want\\(([^ ]+ cut short, .*|[^ ]+ is empty); is the disk or the temporary folder full\\?\\)\$"
grep -Eq "$want" "$T/err" ||
	{ cat "$T/err"; fail "sheet cut in /tmp: not the expected message"; }
! grep -v '^jobbspar-report: ' "$T/err" || fail "sheet cut in /tmp: stray stderr"
cmp -s "$PREV" "$T/out/report/tabeller.xlsx" || fail "sheet cut in /tmp: the previous workbook changed"
no_temporaries "$T/out" || fail "sheet cut in /tmp: temporaries left"
echo "sheet cut in /tmp: exit 1: $(head -n 1 "$T/err")"

# ---------------------------------------------------------------- 3. OUT/report full
ones=0
for free_kb in 4 8 12 16 24 32 48 64 96; do
	on_tmpfs "size=4m"
	avail=$(df -B1 --output=avail "$T/out/report" | tail -n 1)
	fallocate -l $((avail - free_kb * 1024)) "$T/out/report/.filler" ||
		fail "fallocate ($free_kb kB free)"
	report
	rc=$?
	no_temporaries "$T/out" || fail "$free_kb kB free: temporaries left"
	if [ $rc = 0 ]; then
		complete "$T/out/report/tabeller.xlsx" || fail "$free_kb kB free: exit 0, workbook incomplete"
		echo "$free_kb kB free on OUT/report: exit 0, workbook complete"
		continue
	fi
	[ $rc = 1 ] || { cat "$T/err"; fail "$free_kb kB free: exit $rc, want 0 or 1"; }
	# libxlsxwriter prints its own "[ERROR]..." lines when a zip write fails
	grep -Eq '^jobbspar-report: .*(tabeller\.xlsx|write failed|cannot)' "$T/err" &&
		! grep -v -e '^jobbspar-report: ' -e '^\[ERROR\]' "$T/err" ||
		{ cat "$T/err"; fail "$free_kb kB free: no jobbspar-report message, or stray lines"; }
	cmp -s "$PREV" "$T/out/report/tabeller.xlsx" || fail "$free_kb kB free: the previous workbook changed"
	ones=$((ones + 1))
	echo "$free_kb kB free on OUT/report: exit 1: $(grep "^jobbspar-report: " "$T/err" | head -n 1)"
done
[ $ones -gt 0 ] || fail "OUT/report full: every level of free space succeeded: no test"
echo ok
