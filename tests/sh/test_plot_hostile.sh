#!/bin/sh
# Hostile text in the inputs (occupation labels, track names and a
# municipality name in the reference list) is drawn as text and runs
# nothing: no marker file appears and the SVGs contain the text.
: "${BIN:?}" "${ROOT:?}"
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -R "$ROOT/tests/fixtures/plot/basic" "$tmp/out"
cp -R "$ROOT/data/ref" "$tmp/ref"
python3 - "$tmp" <<'PY' || exit 1
import sys, os
tmp = sys.argv[1]
m = tmp + "/pwned"
hostile = [
    'x" ; system "touch %s1' % m,
    "x' ; system 'touch %s2" % m,
    "`touch %s3`" % m,
    "''; system('touch %s4'); print ''" % m,
    "a\\b\\ <&> {x}^_@y ; system \"touch %s5\" \\" % m,
    "line\nsystem 'touch %s6'" % m,
]
def tsv_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
path = os.path.join(tmp, "out", "shortage.tsv")
lines = open(path, encoding="utf-8").read().split("\n")
head = lines[0].split("\t")
li = head.index("label")
out = [lines[0]]
for i, l in enumerate(lines[1:]):
    if not l:
        continue
    f = l.split("\t")
    f[li] = tsv_escape(hostile[i % len(hostile)])
    out.append("\t".join(f))
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
path = os.path.join(tmp, "out", "trackfit.tsv")
lines = open(path, encoding="utf-8").read().split("\n")
head = lines[0].split("\t")
ni = head.index("name")
out = [lines[0]]
for i, l in enumerate(lines[1:]):
    if not l:
        continue
    f = l.split("\t")
    f[ni] = tsv_escape(hostile[(i + 1) % len(hostile)])
    out.append("\t".join(f))
open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")
# a hostile municipality name (CSV: quote the field)
path = os.path.join(tmp, "ref", "kommuner_sverige.csv")
text = open(path, encoding="utf-8").read()
name = "Norr\"\"köping' ; system 'touch %s7" % m
text = text.replace("0581,Norrköping,", '0581,"%s",' % name, 1)
open(path, "w", encoding="utf-8").write(text)
PY
"$BIN/jobbspar-plot" -c "$ROOT/data/default.ini" --set "run.refdir=$tmp/ref" -o "$tmp/out" ||
	fail "jobbspar-plot exited $?"
ls "$tmp"/pwned* 2>/dev/null && fail "a label ran a command"
rep="$tmp/out/report"
[ "$(tail -n +2 "$rep/charts.tsv" | wc -l)" -eq 15 ] || fail "not every chart was drawn"
grep -F -q 'x" ; system "touch' "$rep/top_shortage_0581.svg" "$rep/openings_0581.svg" ||
	fail "double-quote label not drawn as text"
grep -F -q "x' ; system 'touch" "$rep"/*.svg || fail "single-quote label not drawn as text"
grep -F -q '`touch ' "$rep"/*.svg || fail "backquote label not drawn as text"
grep -F -q 'a\b\ &lt;&amp;> {x}^_@y' "$rep"/*.svg || fail "backslash/markup label not drawn as text"
grep -F -q "Norr\"köping' ; system 'touch" "$rep/top_shortage_0581.svg" ||
	fail "municipality name not drawn as text"
grep -F -q "x' ; system 'touch" "$rep/track_fit_0581.svg" "$rep/track_fit_0882.svg" ||
	fail "track name not drawn as text"
ls "$tmp"/pwned* 2>/dev/null && fail "a label ran a command"
echo "ok"
