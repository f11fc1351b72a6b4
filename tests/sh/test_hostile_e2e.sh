#!/bin/sh
# Hostile text end to end: ./run.sh on a copy of the bundled sample whose
# every text that reaches an output tries something (tests/sh/hostile_input.py:
# occupation labels, municipality and county names, track names and
# providers, a track id with "../", yrkesbarometer's free text, a rejected
# formula value): gnuplot and shell command injection (system, backquotes,
# $( ), |, quotes, newlines), HTML/script injection, CSV/Excel formula
# injection (= + - @ TAB CR) and path traversal. Checks: the run succeeds;
# no injected command ran (no marker file); nothing was written outside the
# output folder and the key's folder; the HTML and SVGs hold no script,
# event handler or foreign element and show the text escaped; every CSV
# cell and workbook string is neutralised and the workbook has no formula;
# every chart file name is plain; the manifest is valid JSON
# (tests/sh/check_published.py hostile); no identity number leaks. Also:
# hostile municipality values and chart file names are refused.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_real.sh"
. "$ROOT/tests/sh/run_fakes.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T" /tmp/jobbspar-trav-8' EXIT
t0=$(date +%s)
python3 "$ROOT/tests/sh/hostile_input.py" "$ROOT" "$T" || fail "could not make the hostile input"
sleep 1
touch "$T/before"
JOBBSPAR_BIN=$BIN "$ROOT/run.sh" -c "$T/hostile.ini" </dev/null >"$T/stdout" 2>"$T/stderr" ||
	{ cat "$T/stderr"; fail "the run on hostile input failed"; }
OUT=$T/out
complete_publish "$OUT" || fail "incomplete report"

# nothing ran, nothing was written elsewhere
ls "$T"/pwned-* 2>/dev/null && fail "an injected command ran"
# (the test's own stdout and stderr files excepted: they are written by this
# script's redirections; what run.sh wrote there is shown)
[ ! -s "$T/stderr" ] || { echo "note: run.sh wrote on stderr:"; cat "$T/stderr"; }
find "$T" -newer "$T/before" ! -path "$T" ! -path "$T/out" ! -path "$T/out.d" ! -path "$T/out.d/*" \
	! -path "$T/keys" ! -path "$T/keys/*" ! -path "$T/stdout" ! -path "$T/stderr" | grep . &&
	fail "files written outside the output folder"
ls -d "$T"/trav-* /tmp/jobbspar-trav-* 2>/dev/null && fail "a path in a name was followed"
find / -xdev -maxdepth 2 -newer "$T/before" -name '*trav-*' 2>/dev/null | grep . && fail "a path in a name was followed"

python3 "$ROOT/tests/sh/check_published.py" hostile "$OUT" || fail "hostile text took effect"
python3 "$ROOT/tests/sh/check_published.py" idnumbers "$T/in" "$OUT.d" "$T/stdout" "$T/stderr" ||
	fail "an identity number leaked"
# the rejected formula value: neutralised in rejects.csv (the data owner opens it in Excel)
grep -q "^jobseekers.csv,[0-9]*,swedish_level,\"'=cmd" "$OUT/rejects.csv" || fail "rejects.csv: value not neutralised"

# chart file names that try a path: left out, nothing outside is read
cp -a "$OUT.d/build" "$T/c"
awk -F '\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
	NR == 2 { $c["file_svg"] = "../../../../../../../../etc/passwd"; $c["file_png"] = "/etc/passwd" }
	NR == 3 { $c["file_svg"] = ".."; $c["file_png"] = "../index.html" } { print }' \
	"$OUT/report/charts.tsv" >"$T/c/report/charts.tsv"
"$BIN/jobbspar-report" -c "$T/hostile.ini" -o "$T/c" 2>"$T/err" || { cat "$T/err"; fail "report on hostile charts.tsv"; }
[ "$(grep -c 'not a plain file name in the report folder' "$T/err")" = 4 ] || { cat "$T/err"; fail "chart names not refused"; }
python3 - "$T/c/report/index.html" <<'PY' || fail "a file outside the report folder was embedded"
import base64, re, sys
for m in re.finditer(r'data:[^;"]*;base64,([A-Za-z0-9+/=]+)', open(sys.argv[1]).read()):
    if b"root:" in base64.b64decode(m.group(1)):
        sys.exit(1)
PY

# municipality values that try a path: refused before anything is written
JOBBSPAR_BIN=$BIN "$ROOT/run.sh" -c "$T/hostile.ini" -o "$T/m" --set "run.municipalities=../../../$T/trav-m,0581" \
	</dev/null >/dev/null 2>"$T/err" && fail "a municipality named by a path was accepted"
ls -d "$T"/trav-m* 2>/dev/null && fail "a municipality value was followed as a path"
[ ! -e "$T/m" ] || fail "a refused run published"
echo "ok ($(($(date +%s) - t0)) s)"
