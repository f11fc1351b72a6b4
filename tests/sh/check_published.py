#!/usr/bin/env python3
"""Checks of a finished run's files, for the end-to-end tests (standard library only).

    check_published.py idnumbers INPUT_DIR PATH...
        No identity number found in INPUT_DIR/*.csv (personnummer,
        samordningsnummer, organisationsnummer: 6 or 8 digits, an optional
        separator and 4 digits) occurs in any file under PATH..., in any
        format: YYYYMMDDNNNN, YYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN, with up to
        three separator bytes (space, '-', '+', '/', an en dash or a no-break
        space), inside other text, or as the last 12 digits of a longer run of
        digits. Zip files (tabeller.xlsx) are also scanned member by member,
        decompressed. PNG pixels are not text: each PNG is drawn by the same
        gnuplot commands as its SVG twin, which is scanned.

    check_published.py disclosure OUT MIN_PERSONS MIN_RESPONDENTS
        The published tables of OUT/report (every CSV, every sheet of
        tabeller.xlsx, every table of index.html) respect docs/METHOD.md
        section 5: a published person count (employed, jobseekers, eligible,
        interested) is 0, at least MIN_PERSONS, or '..'; a survey estimate
        resting on fewer than MIN_RESPONDENTS respondents is not published;
        checked against the unsuppressed internal tables (OUT/shortage.tsv,
        OUT/trackfit.tsv): a small true count is hidden, and so are the values
        derived from it (openings and retirements from employed, expected
        placements from eligible); a hidden member of a published total
        cannot be recovered by subtraction (never exactly one hidden member,
        hidden members summing to at least MIN_PERSONS).

    check_published.py hostile OUT
        Formula injection is neutralised in every report CSV cell and every
        workbook string (a text starting with = + - @ TAB or CR carries a
        leading apostrophe; numbers excepted), the workbook has no formula,
        index.html and the SVG charts hold no script, event handler,
        javascript: URL or foreign element, every chart file name in
        charts.tsv is a plain name, and OUT/manifest.json is valid JSON.

Exit status 0 when every check holds; 1 with one line per problem.
"""
import csv
import html.parser
import io
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

problems = []


def bad(msg):
    problems.append(msg)


def finish(summary):
    for p in problems[:40]:
        print("FAIL: " + p)
    if len(problems) > 40:
        print("FAIL: ... and %d more" % (len(problems) - 40))
    if problems:
        sys.exit(1)
    print("ok: " + summary)


# ---------------------------------------------------------------- identity numbers
ID_IN = re.compile(rb"(?<![0-9])([0-9]{6}|[0-9]{8})[-+]?([0-9]{4})(?![0-9])")
SEP = rb"(?:[-+ /]|\xe2\x80\x93|\xc2\xa0){0,3}"
ID_OUT = re.compile(rb"(?<![0-9])([0-9]{6}|[0-9]{8})" + SEP + rb"([0-9]{4})(?![0-9])")
LONG_RUN = re.compile(rb"[0-9]{13,}")


def idnumbers(indir, paths):
    keys = set()
    for name in sorted(os.listdir(indir)):
        if name.endswith(".csv"):
            data = open(os.path.join(indir, name), "rb").read()
            for m in ID_IN.finditer(data):
                keys.add(m.group(1)[-6:] + m.group(2))
    if len(keys) < 100:
        bad("only %d identity numbers found in %s" % (len(keys), indir))
    full = {c + k for k in keys for c in (b"18", b"19", b"20")}
    nfiles = [0]

    def scan(label, data):
        nfiles[0] += 1
        for m in ID_OUT.finditer(data):
            if m.group(1)[-6:] + m.group(2) in keys:
                bad("%s: identity number %s...: %r" % (label, m.group(1)[-6:].decode(), m.group(0)[:6]))
                return
        for m in LONG_RUN.finditer(data):
            run = m.group(0)
            for i in range(len(run) - 11):
                if run[i:i + 12] in full:
                    bad("%s: identity number inside the digits %s..." % (label, run[:4].decode()))
                    return

    for top in paths:
        for dirpath, dirnames, filenames in os.walk(top):
            for fn in filenames:
                p = os.path.join(dirpath, fn)
                if os.path.islink(p) or not os.path.isfile(p):
                    continue
                data = open(p, "rb").read()
                scan(p, data)
                if data[:4] == b"PK\x03\x04":
                    try:
                        z = zipfile.ZipFile(io.BytesIO(data))
                        for member in z.namelist():
                            scan(p + ":" + member, z.read(member))
                    except zipfile.BadZipFile:
                        bad("%s: looks like a zip file but cannot be read" % p)
    finish("no identity number of %d in %d files" % (len(keys), nfiles[0]))


# ---------------------------------------------------------------- tables
HIDDEN = ".."


def sv_number(s):
    """a number as the CSV or HTML prints it (Swedish or English), else None"""
    t = s.replace("\u00a0", "").replace("\u2212", "-").replace(" ", "")
    if re.fullmatch(r"-?[0-9]+(,[0-9]+)?", t):
        return float(t.replace(",", "."))
    if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?", t) and "," in t:
        return float(t.replace(",", ""))
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", t):
        return float(t)
    return None


def cell(v):
    """('hidden'|'missing'|'number'|'text', value)"""
    if v is None or v == "":
        return ("missing", None)
    if isinstance(v, float):
        return ("number", v)
    if v == HIDDEN:
        return ("hidden", None)
    n = sv_number(v)
    return ("number", n) if n is not None else ("text", v)


def read_csv(path):
    text = open(path, encoding="utf-8-sig", newline="").read()
    return [r for r in csv.reader(io.StringIO(text), delimiter=";") if r]


XNS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):]) - 1


def read_xlsx(path):
    """{sheet name: (rows of float|str|None, formulas found)}"""
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", XNS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % XNS["m"])))
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(REL + "Relationship")}
    sheets = {}
    for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", XNS):
        target = rels[s.get("{%s}id" % XNS["r"])]
        root = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "", 1)))
        formulas = len(root.findall(".//m:f", XNS))
        grid = {}
        for c in root.iter("{%s}c" % XNS["m"]):
            ci, ri = col_index(c.get("r"))
            t = c.get("t", "n")
            v = c.find("m:v", XNS)
            if t == "s":
                val = shared[int(v.text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in c.iter("{%s}t" % XNS["m"]))
            elif t == "str":
                val = v.text if v is not None else ""
            else:
                val = float(v.text) if v is not None and v.text is not None else None
            grid[(ri, ci)] = val
        nr = max([r for r, _ in grid] + [-1]) + 1
        nc = max([c for _, c in grid] + [-1]) + 1
        sheets[s.get("name")] = ([[grid.get((r, c)) for c in range(nc)] for r in range(nr)], formulas)
    return sheets


class Tables(html.parser.HTMLParser):
    """every <table> of an HTML file as rows of cell texts"""

    def __init__(self):
        super().__init__()
        self.tables, self.row, self.text, self.depth = [], None, None, 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.text is not None:
            self.row.append("".join(self.text).strip())
            self.text = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


PERSONS = {"Sysselsatta", "Arbetssökande", "Behöriga", "Intresserade",
           "Employed", "Jobseekers", "Eligible", "Interested"}
SURVEY = {"Planerade rekryteringar, 12 mån", "Planerade rekryteringar, 12 mån, nedre gräns",
          "Planerade rekryteringar, 12 mån, övre gräns", "Andel arbetsgivare med brist, %",
          "Andel arbetsgivare med brist, nedre gräns, %", "Andel arbetsgivare med brist, övre gräns, %",
          "Planned hires, 12 months", "Planned hires, 12 months, lower bound",
          "Planned hires, 12 months, upper bound", "Employers reporting shortage, %",
          "Employers reporting shortage, lower bound, %", "Employers reporting shortage, upper bound, %"}
RESPONDENTS = {"Svarande arbetsgivare", "Responding employers"}
FROM_EMPLOYED = {"Rekryteringsbehov 5 år", "Pensionsavgångar 5 år", "Hiring need 5 years", "Retirements 5 years"}
FROM_ELIGIBLE = {"Förväntade placeringar", "Förväntade placeringar, nedre gräns", "Förväntade placeringar, övre gräns",
                 "Expected placements", "Expected placements, lower bound", "Expected placements, upper bound"}
TOTAL_LABELS = {"Samtliga yrken i kommunen", "Samtliga jobbspår", "Samtliga",
                "All occupations in the municipality", "All job tracks", "All"}
# a code written for Excel as ="0581" (letters and digits only): text, not a formula
CODE = re.compile(r'="([0-9A-Za-z]{1,12})"$')


def unneutral(v):
    """the text before formula neutralisation (the leading apostrophe removed,
    a code's ="..." unwrapped)"""
    m = CODE.match(v)
    if m:
        return m.group(1)
    return v[1:] if v.startswith("'") and v[1:].startswith(("=", "+", "-", "@", "\t", "\r")) else v


def read_tsv(path):
    if not os.path.exists(path):
        return []
    lines = open(path, encoding="utf-8").read().split("\n")
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:] if l]


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


class Disclosure:
    def __init__(self, out, min_p, min_r):
        self.min_p, self.min_r = min_p, min_r
        self.true_occ = {}
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from shortage_tables import read_joined
        for r in read_joined(out):
            self.true_occ[(r.get("kommun"), r.get("ssyk"))] = r
        self.true_track = {}
        for r in read_tsv(os.path.join(out, "trackfit.tsv")):
            name = r.get("track_name") or r.get("name") or r.get("track")
            self.true_track[(r.get("kommun"), name)] = r
        self.cells = self.hidden = self.small_true = 0

    def person_ok(self, where, v):
        kind, x = cell(v)
        self.cells += 1
        if kind == "hidden":
            self.hidden += 1
        elif kind == "number" and 0 < x < self.min_p:
            bad("%s: person count %g published (0 < n < %d)" % (where, x, self.min_p))
        elif kind == "text":
            bad("%s: person count is text %r" % (where, v))

    def must_hide(self, where, v, why):
        kind, x = cell(v)
        if kind == "number":
            bad("%s: %g published although %s" % (where, x, why))

    def table(self, where, rows, kommun=None, kind=None):
        if not rows:
            return
        head = [str(h) if h is not None else "" for h in rows[0]]
        col = {h: i for i, h in enumerate(head)}
        resp = next((col[h] for h in RESPONDENTS if h in col), None)
        body = rows[1:]
        for ri, row in enumerate(body):
            row = list(row) + [None] * (len(head) - len(row))
            w = "%s row %d" % (where, ri + 2)
            for h, i in col.items():
                if h in PERSONS:
                    self.person_ok("%s column %s" % (w, h), row[i])
                elif h in FROM_EMPLOYED:
                    k, x = cell(row[i])
                    if k == "number" and 0 < x < self.min_p:
                        bad("%s column %s: %g persons published (0 < n < %d)" % (w, h, x, self.min_p))
            is_total = any(isinstance(v, str) and v in TOTAL_LABELS for v in row[:2])
            if resp is not None and not is_total:
                k, n = cell(row[resp])
                if k == "number" and n < self.min_r or k in ("missing", "hidden"):
                    for h in SURVEY & set(col):
                        self.must_hide("%s column %s" % (w, h), row[col[h]],
                                       "it rests on %s respondents" % (row[resp] or "no"))
            # against the unsuppressed tables
            if kind == "occ" and "SSYK" in col and row[col["SSYK"]]:
                t = self.true_occ.get((kommun, unneutral(str(row[col["SSYK"]]))))
                if t is None:
                    bad("%s: SSYK %s not in shortage.tsv" % (w, row[col["SSYK"]]))
                    continue
                for true_col, cols in (("employed", {"Sysselsatta", "Employed"} | FROM_EMPLOYED),
                                       ("jobseekers", {"Arbetssökande", "Jobseekers"})):
                    n = num(t.get(true_col))
                    if n is not None and 0 < n < self.min_p:
                        self.small_true += 1
                        for h in cols & set(col):
                            self.must_hide("%s column %s" % (w, h), row[col[h]], "%s = %g" % (true_col, n))
                n = num(t.get("n_respondents"))
                if n is None or n < self.min_r:
                    for h in SURVEY & set(col):
                        self.must_hide("%s column %s" % (w, h), row[col[h]], "n_respondents = %s" % n)
            if kind == "track":
                name = next((row[col[h]] for h in ("Jobbspår", "Job track") if h in col), None)
                if name in TOTAL_LABELS:
                    continue
                t = self.true_track.get((kommun, unneutral(str(name))))
                if t is None:
                    bad("%s: track %r not in trackfit.tsv" % (w, name))
                    continue
                for true_col, cols in (("eligible", {"Behöriga", "Eligible"} | FROM_ELIGIBLE),
                                       ("interested", {"Intresserade", "Interested"})):
                    n = num(t.get(true_col))
                    if n is not None and 0 < n < self.min_p:
                        self.small_true += 1
                        for h in cols & set(col):
                            self.must_hide("%s column %s" % (w, h), row[col[h]], "%s = %g" % (true_col, n))
        # a published total must not give a hidden member away
        label_col = 1 if kind == "occ" else 0
        totals = [r for r in body if len(r) > label_col and r[label_col] in TOTAL_LABELS]
        if kind in ("occ", "track") and len(totals) == 1:
            members = [r for r in body if r is not totals[0]]
            for h in PERSONS & set(col):
                i = col[h]
                kt, total = cell(totals[0][i])
                if kt != "number":
                    continue
                hidden = [r for r in members if cell(r[i])[0] == "hidden"]
                rest = total - sum(cell(r[i])[1] for r in members if cell(r[i])[0] == "number")
                if len(hidden) == 1 and rest > 0:
                    bad("%s column %s: the one hidden member is the total minus the others (%g)" % (where, h, rest))
                elif len(hidden) > 1 and 0 < rest < self.min_p:
                    bad("%s column %s: hidden members sum to %g (< %d)" % (where, h, rest, self.min_p))

    def generic(self, where, rows):
        """jamforelse_extern: shares rest on n_a / n_b"""
        if not rows:
            return
        head = [str(h) for h in rows[0]]
        col = {h: i for i, h in enumerate(head)}
        ns = {h[2:]: i for h, i in col.items() if re.fullmatch(r"n_[a-z]", h)}
        # the report's headers: "Svarande A" / "Respondents A", estimates "... A, %"
        words = {}
        for h, i in col.items():
            m = re.fullmatch(r"(Svarande|Respondents) ([A-Z])", h)
            if m:
                words[m.group(2)] = i
        if words:
            for ri, row in enumerate(rows[1:]):
                row = list(row) + [None] * (len(head) - len(row))
                counts = {s: cell(row[i]) for s, i in words.items()}
                for h, i in col.items():
                    if h in ("SSYK", "Yrke", "Occupation", "Anmärkning", "Note") or i in words.values() \
                            or h.startswith(("Kommun", "Municipality")):
                        continue
                    m = re.search(r" ([A-Z])(, %)?$", h)
                    base = [counts[m.group(1)]] if m and m.group(1) in counts else list(counts.values())
                    if any(k != "number" or n < self.min_r for k, n in base):
                        self.must_hide("%s row %d column %s" % (where, ri + 2, h), row[i],
                                       "a respondent count is small")
            return
        for ri, row in enumerate(rows[1:]):
            row = list(row) + [None] * (len(head) - len(row))
            counts = {s: cell(row[i]) for s, i in ns.items()}
            for h, i in col.items():
                if h in ("ssyk", "label", "flag") or h.startswith("kommun") or h.startswith("n_"):
                    continue
                m = re.search(r"_([a-z])$", h)
                if m and m.group(1) in counts:
                    base = [counts[m.group(1)]]
                else:
                    base = list(counts.values())
                if any(k != "number" or n < self.min_r for k, n in base):
                    self.must_hide("%s row %d column %s" % (where, ri + 2, h), row[i], "a respondent count is small")


def disclosure(out, min_p, min_r):
    d = Disclosure(out, min_p, min_r)
    rep = os.path.join(out, "report")
    seen = 0

    def dispatch(where, name, rows):
        m = re.fullmatch(r"(brist|jobbspar)_([0-9]{4})", name)
        if m:
            d.table(where, rows, m.group(2), "occ" if m.group(1) == "brist" else "track")
        elif name == "jamforelse_extern":
            d.generic(where, rows)
        else:
            d.table(where, rows)

    for fn in sorted(os.listdir(rep)):
        if fn.endswith(".csv"):
            dispatch(fn, fn[:-4], read_csv(os.path.join(rep, fn)))
            seen += 1
    sheets = read_xlsx(os.path.join(rep, "tabeller.xlsx"))
    # the first sheet explains the others and names each sheet's CSV file,
    # that is the table's id; it holds no table of its own
    names = list(sheets)
    csv_of = {}
    for r in sheets[names[0]][0] if names else []:
        if r and len(r) >= 4 and isinstance(r[0], str) and isinstance(r[3], str) and r[3].endswith(".csv"):
            csv_of[r[0]] = r[3][:-4]
    for name in names[1:] if csv_of else names:
        rows, formulas = sheets[name]
        dispatch("tabeller.xlsx:" + name, csv_of.get(name, name), rows)
        seen += 1
    p = Tables()
    p.feed(open(os.path.join(rep, "index.html"), encoding="utf-8").read())
    for i, t in enumerate(p.tables):
        d.table("index.html table %d" % (i + 1), t)
        seen += 1
    if d.hidden == 0 or d.small_true == 0:
        bad("no small cell was met (%d hidden, %d small true counts): the check proved nothing" %
            (d.hidden, d.small_true))
    finish("%d tables, %d person-count cells (%d hidden), %d small true counts, thresholds %d persons / %d respondents"
           % (seen, d.cells, d.hidden, d.small_true, min_p, min_r))


# ---------------------------------------------------------------- hostile text
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "foreignobject", "frame", "frameset", "applet",
                  "base", "form", "link"}


def dangerous_attr(name, value):
    name = name.lower().split(":")[-1]
    v = (value or "").strip().lower()
    if name.startswith("on"):
        return True
    if name in ("href", "src", "action", "formaction", "xlink:href", "srcset") and not (
            v.startswith("data:image/") or v.startswith("#") or v == ""):
        return True
    return v.startswith("javascript:")


class Active(html.parser.HTMLParser):
    """script elements, event handlers, URLs that are not embedded images"""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag.lower() in DANGEROUS_TAGS:
            self.found.append("<%s>" % tag)
        for k, v in attrs:
            if tag == "meta" and k == "http-equiv" and (v or "").lower() != "content-security-policy":
                self.found.append("<meta http-equiv=%r>" % v)
            elif dangerous_attr(k, v):
                self.found.append("<%s %s=%r>" % (tag, k, (v or "")[:60]))


def svg_active(path):
    found = []
    for el in ET.parse(path).iter():
        tag = el.tag.split("}")[-1].lower()
        if tag in DANGEROUS_TAGS | {"image", "a", "animate", "set", "handler"}:
            found.append("<%s>" % tag)
        for k, v in el.attrib.items():
            k = k.split("}")[-1]
            if k.lower().startswith("on") or (v or "").strip().lower().startswith("javascript:") or (
                    k == "href" and not v.startswith("#")):
                found.append("<%s %s=%r>" % (tag, k, v[:60]))
    return found
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def formula_like(v):
    return isinstance(v, str) and v.startswith(FORMULA) and sv_number(v) is None and not CODE.match(v)


def hostile(out):
    rep = os.path.join(out, "report")
    neutral = 0
    for fn in sorted(os.listdir(rep)):
        if fn.endswith(".csv"):
            for ri, row in enumerate(read_csv(os.path.join(rep, fn))):
                for v in row:
                    if formula_like(v):
                        bad("%s row %d: formula-like cell %r" % (fn, ri + 1, v[:40]))
                    if v.startswith("'") and v[1:].startswith(FORMULA):
                        neutral += 1
    for name, (rows, formulas) in read_xlsx(os.path.join(rep, "tabeller.xlsx")).items():
        if formulas:
            bad("tabeller.xlsx:%s holds %d formulas" % (name, formulas))
        for ri, row in enumerate(rows):
            for v in row:
                if formula_like(v):
                    bad("tabeller.xlsx:%s row %d: formula-like string %r" % (name, ri + 1, v[:40]))
                if isinstance(v, str) and v.startswith("'") and v[1:].startswith(FORMULA):
                    neutral += 1
    if neutral == 0:
        bad("no neutralised formula met: did the hostile text reach the tables?")
    texts = 0
    for fn in sorted(os.listdir(rep)):
        path = os.path.join(rep, fn)
        if fn.endswith(".html"):
            a = Active()
            a.feed(open(path, encoding="utf-8").read())
            for f in a.found:
                bad("%s: active content: %s" % (fn, f))
        elif fn.endswith(".svg"):
            for f in svg_active(path):
                bad("%s: active content: %s" % (fn, f))
            s = open(path, encoding="utf-8", errors="replace").read()
            if "touch " in s or "alert(1)" in s:
                texts += 1
    html_text = open(os.path.join(rep, "index.html"), encoding="utf-8").read()
    if "&lt;script&gt;" not in html_text:
        bad("index.html: the hostile <script> text is not there, escaped")
    if texts == 0:
        bad("no SVG holds the hostile text: did it reach the charts?")
    for r in read_tsv(os.path.join(rep, "charts.tsv")):
        for c in ("file_svg", "file_png"):
            f = r.get(c, "")
            if not f or "/" in f or f in (".", ".."):
                bad("charts.tsv: %s %r is not a plain file name" % (c, f))
    try:
        json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    except ValueError as e:
        bad("manifest.json is not valid JSON: %s" % e)
    finish("%d neutralised formula cells, hostile text drawn inert in %d charts, no active content" % (neutral, texts))


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "idnumbers" and len(sys.argv) >= 4:
        idnumbers(sys.argv[2], sys.argv[3:])
    elif what == "disclosure" and len(sys.argv) == 5:
        disclosure(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif what == "hostile" and len(sys.argv) == 3:
        hostile(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)
