#!/bin/sh
# Reads tabeller.xlsx back (python3's zipfile and xml.etree, standard library
# only): a first sheet that explains the tables, symbols and sources and
# names every other sheet with its CSV file; readable sheet names; on every
# table sheet a frozen header row, an autofilter over the table and column
# widths; codes stored as text in a text-formatted cell; numbers stored as
# numbers, suppressed cells as the string "..", no formulas, formula-like
# text neutralised, bold header row; one CSV per table sheet; the job-track
# sheets with provider, start year, ".." and sentences, and next year's
# proposals (numbers as numbers, words and SSYK lists as text, ".."). Also
# in compare mode and in English.
: "${BIN:?}" "${ROOT:?}"
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$ROOT/tests/fixtures/report/out" "$tmp/out"
chmod -R u+w "$tmp/out"
run() {
	"$BIN/jobbspar-report" -c "$ROOT/data/default.ini" -o "$tmp/out" "$@" || { echo "FAIL: report exited $?"; exit 1; }
	ls "$tmp/out/report" | grep -q '\.tmp\.' && { echo "FAIL: temporary file left"; exit 1; }
}
check() { # check MODE: the workbook of the last run
	python3 - "$tmp/out/report" "$1" <<'PY'
import os, re, sys, zipfile
import xml.etree.ElementTree as ET

d, mode = sys.argv[1], sys.argv[2]
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
M = "{%s}" % NS["m"]
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
z = zipfile.ZipFile(os.path.join(d, "tabeller.xlsx"))
assert z.testzip() is None, "corrupt zip member"
wb = ET.fromstring(z.read("xl/workbook.xml"))
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(REL + "Relationship")}
sheets = {}
for s in wb.find("m:sheets", NS):
    sheets[s.get("name")] = "xl/" + rels[s.get("{%s}id" % NS["r"])]
names = list(sheets)
want = {
    "default": ["Om tabellerna", "Yrken Norrköping", "Yrkesbarometern Norrköping", "Yrken Oskarshamn",
                "Yrkesbarometern Oskarshamn", "Jobbspår Norrköping", "Jobbspår Oskarshamn",
                "Förslag Norrköping", "Förslag Oskarshamn",
                "Placeringsmodell", "Kommun, län och alla", "Ändrade bedömningar",
                "Jobbspår förändring", "Ändrade inställningar", "Indata", "Avvisade rader",
                "Svarsfrekvens", "Undertryckta celler"],
    "compare": ["Om tabellerna", "Yrken Norrköping", "Yrkesbarometern Norrköping", "Yrken Oskarshamn",
                "Yrkesbarometern Oskarshamn", "Jobbspår Norrköping", "Jobbspår Oskarshamn",
                "Förslag Norrköping", "Förslag Oskarshamn",
                "Placeringsmodell", "Kommun, län och alla", "Per 1000 sysselsatta",
                "Yrken sida vid sida", "Jobbspår sida vid sida", "Enkätskillnader",
                "Signifikanta skillnader", "Indata", "Avvisade rader", "Svarsfrekvens",
                "Undertryckta celler"],
    "en": ["About the tables", "Occupations Norrköping", "Yrkesbarometer Norrköping",
           "Occupations Oskarshamn", "Yrkesbarometer Oskarshamn", "Job tracks Norrköping",
           "Job tracks Oskarshamn", "Proposals Norrköping", "Proposals Oskarshamn", "Placement model", "Municipality, county, all", "Input",
           "Rejected rows", "Response rate", "Suppressed cells"],
}[mode]
assert names == want, "sheets: %r" % names
for n in names:
    assert len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n), n

inline = lambda c: "".join(x.text or "" for x in c.iter(M + "t"))
styles = ET.fromstring(z.read("xl/styles.xml"))
xfs = styles.find("m:cellXfs", NS)
fonts = styles.find("m:fonts", NS)

def read(sheet):
    """({(row, col): (type, value, style)}, root)"""
    root = ET.fromstring(z.read(sheets[sheet]))
    assert root.find(".//m:f", NS) is None, sheet + " holds a formula"
    out = {}
    for c in root.iter(M + "c"):
        m = re.match(r"([A-Z]+)(\d+)$", c.get("r"))
        t = c.get("t", "n")
        v = c.find("m:v", NS)
        val = v.text if v is not None else None
        if t == "inlineStr":
            t, val = "s", inline(c)
        out[(int(m.group(2)), m.group(1))] = (t, val, c.get("s"))
    return out, root

# the first sheet: title, symbols, sources, and every other sheet with its CSV
about, root = read(names[0])
text = " ".join(v for (t, v, s) in about.values() if v)
if mode != "en":
    for s in ("..", "röjandekontroll", "SCB", "Arbetsförmedlingen", "arbetsgivarenkät", "SSYK 2012",
              "syntetiska exempeldata"):
        assert s in text, "the first sheet lacks %r" % s
listed = {}
head = [r for (r, c), v in about.items() if c == "A" and v[1] in ("Blad", "Sheet")]
assert len(head) == 1, "no table list on the first sheet"
for (r, c), v in about.items():
    if c == "A" and r > head[0]:
        listed[v[1]] = about.get((r, "D"), (None, None, None))[1]
assert sorted(listed) == sorted(names[1:]), "first sheet lists %r" % sorted(listed)
for sheet, csvname in listed.items():
    if csvname:
        assert os.path.exists(os.path.join(d, csvname)), csvname + " missing"

def header_row(root):
    pane = root.find(".//m:pane", NS)
    assert pane is not None and pane.get("state") == "frozen", "no frozen pane"
    return int(pane.get("ySplit"))

for sheet in names:
    cells, root = read(sheet)
    hr = header_row(root)
    af = root.find("m:autoFilter", NS)
    assert af is not None, sheet + ": no autofilter"
    ncols = max(ord(c[-1]) - 64 for (r, c) in cells if r == hr)
    assert af.get("ref").startswith("A%d:" % hr), (sheet, af.get("ref"), hr)
    cols = root.find("m:cols", NS)
    assert cols is not None and len(cols) >= ncols, sheet + ": no column widths"
    for col in cols:
        assert 6 <= float(col.get("width")) <= 61, (sheet, col.attrib)
    # the header is bold
    xf = xfs[int(cells[(hr, "A")][2])]
    assert fonts[int(xf.get("fontId"))].find("m:b", NS) is not None, sheet + ": header not bold"

def row_of(cells, col, value):
    rows = [r for (r, c), (t, v, s) in cells.items() if c == col and v == value]
    assert len(rows) == 1, "want one row with %s=%r, got %r" % (col, value, rows)
    return rows[0]

def text_format(style):
    """1 if the cell style stores text (number format 49, "@")"""
    return style is not None and xfs[int(style)].get("numFmtId") == "49"

occ = "Occupations Norrköping" if mode == "en" else "Yrken Norrköping"
b, root = read(occ)
hr = header_row(root)
assert b[(hr, "A")][1] == "SSYK", b[(hr, "A")]
assert b[(hr, "I")][1] in ("Sysselsatta", "Employed"), b[(hr, "I")]
# codes stored as text with a text format, leading zeros kept
r = row_of(b, "A", "5120")
assert b[(r, "A")][0] == "s" and text_format(b[(r, "A")][2]), "SSYK 5120 not text: %r" % (b[(r, "A")],)
if mode != "en":  # in English the SSYK list's label replaces the data's
    assert b[(r, "B")][1] == "<script>alert(1)</script>", b[(r, "B")]
assert b[(r, "I")][:2] == ("n", "792"), "employed of 5120: %r" % (b[(r, "I")],)
assert b[(r, "D")][:2] == ("n", "1.5"), "index of 5120: %r" % (b[(r, "D")],)
assert b[(r, "O")][:2] == ("n", "20"), "share of 5120: %r" % (b[(r, "O")],)
r = row_of(b, "A", "2211")
assert b[(r, "I")][:2] == ("s", ".."), "employed of 2211: %r" % (b[(r, "I")],)
assert b[(r, "J")][:2] == ("s", ".."), "jobseekers of 2211: %r" % (b[(r, "J")],)
r = row_of(b, "A", "4222")
assert b[(r, "S")][:2] == ("s", ".."), "retirements of 4222: %r" % (b[(r, "S")],)
if mode != "en":
    r = row_of(b, "A", "9111")
    assert b[(r, "B")][:2] == ("s", "'=HYPERLINK(\"http://example.invalid\",\"klicka\")"), b[(r, "B")]
    total = row_of(b, "B", "Samtliga yrken i kommunen")
    assert b[(total, "I")][:2] == ("n", "11408"), b[(total, "I")]
    j, _ = read("Jobbspår Oskarshamn")
    r = row_of(j, "A", "Restaurang och storkök")
    # provider, start and last intake year come before the places
    assert j[(r, "B")][1] == "Oskarshamns kommun & Lärcentrum <Syd>", j[(r, "B")]
    assert j[(r, "I")][:2] == ("s", ".."), "secondary suppression: %r" % (j[(r, "I")],)
    assert j[(r, "J")][:2] == ("s", "..") and j[(r, "K")][:2] == ("s", ".."), "interval of a hidden estimate"
    j, _ = read("Jobbspår Norrköping")
    r = row_of(j, "A", "Industri")
    assert j[(r, "C")][:2] == ("s", "2025 (nytt)") and j[(r, "D")][:2] == ("s", "2027"), (j[(r, "C")], j[(r, "D")])
    r = row_of(j, "A", "Restaurang och storkök")
    assert j[(r, "G")][:2] == ("s", ".."), "trackfit's .. in the workbook: %r" % (j[(r, "G")],)
    assert j[(r, "N")][1].startswith("Färre än 5 av de 26 behöriga"), j[(r, "N")]
# next year's proposals: numbers as numbers, "..", codes and words as text
pname = "Proposals Norrköping" if mode == "en" else "Förslag Norrköping"
p, root = read(pname)
hr = header_row(root)
heads = {c: v[1] for (r, c), v in p.items() if r == hr}
want_heads = (["Rank", "Proposal", "Kind", "Occupations (SSYK)", "Minimum Swedish", "Minimum education"]
              if mode == "en" else
              ["Rang", "Förslag", "Slag", "Yrken (SSYK)", "Lägst svenska", "Lägst utbildning"])
assert [heads[c] for c in "ABCDEF"] == want_heads, heads
assert heads["R"] == ("Probability of being the best, %" if mode == "en" else "Sannolikhet att vara bäst, %"), heads
first = "Heavy truck and bus drivers" if mode == "en" else "Lastbils- och bussförare"
r = row_of(p, "B", first)
assert p[(r, "A")][:2] == ("n", "1"), p[(r, "A")]
assert p[(r, "D")][:2] == ("s", "8331, 8332"), p[(r, "D")]
assert p[(r, "N")][:2] == ("n", "9.6") and p[(r, "O")][:2] == ("n", "6.7") and p[(r, "P")][:2] == ("n", "12.4"), \
    (p[(r, "N")], p[(r, "O")], p[(r, "P")])
assert p[(r, "Q")][:2] == ("n", "49.5") and p[(r, "R")][:2] == ("n", "71"), (p[(r, "Q")], p[(r, "R")])
assert p[(r, "S")][1] == ("little credible shortage" if mode == "en" else "liten trolig brist"), p[(r, "S")]
assert p[(r, "L")][:2] == ("s", ".."), "interested hidden by trackfit: %r" % (p[(r, "L")],)
r = row_of(p, "A", "3")
assert [p[(r, c)][:2] for c in "KNOP"] == [("s", "..")] * 4, "hidden eligible and expected placements"
if mode == "compare":
    e, _ = read("Enkätskillnader")
    r = row_of(e, "A", "7233")
    assert text_format(e[(r, "A")][2]), "SSYK of the survey table not text"
    assert e[(r, "J")][:2] == ("n", "16.4") and e[(r, "K")][:2] == ("n", "100"), (e[(r, "J")], e[(r, "K")])
    r = row_of(e, "A", "5120")
    assert e[(r, "H")][:2] == ("s", ".."), e[(r, "H")]
print("ok: %s, %d sheets" % (mode, len(names)))
PY
}
run --previous "$ROOT/tests/fixtures/report/previous"
check default || exit 1
run --compare
check compare || exit 1
run --lang en
check en || exit 1
echo ok
