#!/bin/sh
# Reads tabeller.xlsx back (python3's zipfile and xml.etree, standard library
# only): one sheet per table named by its id, numbers stored as numbers,
# suppressed cells as the string "..", no formulas, formula-like text
# neutralised, bold header row, and one CSV per sheet.
: "${BIN:?}" "${ROOT:?}"
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$ROOT/tests/fixtures/report/out" "$tmp/out"
chmod -R u+w "$tmp/out"
"$BIN/jobbspar-report" -c "$ROOT/data/default.ini" -o "$tmp/out" \
	--previous "$ROOT/tests/fixtures/report/previous" || { echo "FAIL: report exited $?"; exit 1; }
ls "$tmp/out/report" | grep -q '\.tmp\.' && { echo "FAIL: temporary file left"; exit 1; }
python3 - "$tmp/out/report" <<'PY'
import os, re, sys, zipfile
import xml.etree.ElementTree as ET

d = sys.argv[1]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
z = zipfile.ZipFile(os.path.join(d, "tabeller.xlsx"))
assert z.testzip() is None, "corrupt zip member"
wb = ET.fromstring(z.read("xl/workbook.xml"))
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(REL + "Relationship")}
sheets = {}
for s in wb.find("m:sheets", NS):
    rid = s.get("{%s}id" % NS["r"])
    sheets[s.get("name")] = "xl/" + rels[rid]
want = ["brist_0581", "brist_0882", "jobbspar_0581", "jobbspar_0882", "modell", "jamforelse",
        "jamforelse_yrken", "jamforelse_extern", "forandring_brist", "forandring_spar", "indata", "avvisade",
        "svarsfrekvens", "undertryckta"]
assert list(sheets) == want, "sheets: %r" % list(sheets)
for name in want:
    assert os.path.exists(os.path.join(d, name + ".csv")), name + ".csv missing"

shared = [
    "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)
] if "xl/sharedStrings.xml" in z.namelist() else []

def cells(sheet):
    """{(row, col letters): (type, value)} of a sheet"""
    root = ET.fromstring(z.read(sheets[sheet]))
    assert root.find(".//m:f", NS) is None, sheet + " holds a formula"
    out = {}
    for c in root.iter("{%s}c" % NS["m"]):
        ref = c.get("r")
        m = re.match(r"([A-Z]+)(\d+)$", ref)
        t = c.get("t", "n")
        v = c.find("m:v", NS)
        val = v.text if v is not None else None
        if t == "s":
            val = shared[int(val)]
        elif t == "inlineStr":
            # constant_memory workbooks keep strings in the cell; read as "s"
            t, val = "s", "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
        out[(int(m.group(2)), m.group(1))] = (t, val, c.get("s"))
    return out

def row_of(cs, col, value):
    rows = [r for (r, c), (t, v, s) in cs.items() if c == col and v == value]
    assert len(rows) == 1, "want one row with %s=%r, got %r" % (col, value, rows)
    return rows[0]

b = cells("brist_0581")
assert b[(1, "A")][1] == "SSYK" and b[(1, "E")][1] == "Sysselsatta", (b[(1, "A")], b[(1, "E")])
header_style = b[(1, "A")][2]
assert header_style is not None, "header row has no style"
styles = ET.fromstring(z.read("xl/styles.xml"))
fonts = styles.find("m:fonts", NS)
xf = styles.find("m:cellXfs", NS)[int(header_style)]
font = fonts[int(xf.get("fontId"))]
assert font.find("m:b", NS) is not None, "header not bold"

r = row_of(b, "A", "5120")
assert b[(r, "B")] [1] == "<script>alert(1)</script>", b[(r, "B")]
assert b[(r, "E")][:2] == ("n", "792"), "employed of 5120: %r" % (b[(r, "E")],)
assert b[(r, "D")][:2] == ("n", "1.5"), "score of 5120: %r" % (b[(r, "D")],)
assert b[(r, "K")][0] == "n" and abs(float(b[(r, "K")][1]) - 19.7) < 1e-9, b[(r, "K")]
r = row_of(b, "A", "2211")
assert b[(r, "E")][:2] == ("s", ".."), "employed of 2211: %r" % (b[(r, "E")],)
assert b[(r, "F")][:2] == ("s", ".."), "jobseekers of 2211: %r" % (b[(r, "F")],)
r = row_of(b, "A", "9111")
assert b[(r, "B")][:2] == ("s", "'=HYPERLINK(\"http://example.invalid\",\"klicka\")"), b[(r, "B")]
total = row_of(b, "B", "Samtliga yrken i tabellen")
assert b[(total, "E")][:2] == ("n", "12102"), b[(total, "E")]

j = cells("jobbspar_0882")
r = row_of(j, "A", "Restaurang och storkök")
assert j[(r, "F")][:2] == ("s", ".."), "secondary suppression: %r" % (j[(r, "F")],)
print("ok")
PY
