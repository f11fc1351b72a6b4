#!/usr/bin/env python3
"""Makes a hostile copy of the bundled sample for tests/sh/test_hostile_e2e.sh.

    hostile_input.py ROOT T

writes T/in (data/sample), T/ref (data/ref) and T/hostile.ini (data/default.ini
with input, refdir and key in T) where every text that reaches an output
tries something: gnuplot command injection (system, backquotes, quotes,
newlines), shell command substitution, HTML/script injection, CSV/Excel
formula injection (= + - @ TAB CR), and path traversal. Each text that would
run a command would create a file T/pwned-<n>; each traversal names a folder
T/trav-<n> or /tmp/jobbspar-trav-<n> (the test looks for both).

Where: the occupation labels (Swedish and English) of the SSYK list, the
municipality and county names of the reference lists, the names and
providers of the configured tracks, a new track whose id holds "../" and "/",
the free-text columns of yrkesbarometer.csv, and one rejected jobseeker row
whose bad value is a formula.
"""
import csv
import os
import re
import shutil
import sys

root, t = sys.argv[1], sys.argv[2]
m = os.path.join(t, "pwned-")
trav = "../" * 12 + t.lstrip("/") + "/trav-"
HOSTILE = [
    "<script>alert(1)</script>",
    "\" onerror=\"alert(1)",
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "x\" ; system \"touch %s1" % m,
    "x' ; system 'touch %s2" % m,
    "`touch %s3`" % m,
    "$(touch %s4)" % m,
    "a | touch %s5 ; b" % m,
    "line\nsystem 'touch %s6'" % m,
    "%s7/x" % trav,
    "/tmp/jobbspar-trav-8/x",
    "a\\b\\ <&> {x}^_@y ; system \"touch %s9\" \\" % m,
    "<img src=x onerror=alert(1)>",
]


def rewrite_csv(path, fix):
    """fix(header, row_index, row) -> row; quotes fields as needed (RFC 4180)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    out = [rows[0]] + [fix(rows[0], i, r) for i, r in enumerate(rows[1:])]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.writelines(csv_line(r) for r in out)


def csv_line(row):
    """RFC 4180: quote a field holding , " CR or LF (the csv module leaves a lone CR bare)"""
    q = ['"%s"' % c.replace('"', '""') if re.search('[,"\r\n]', c) else c for c in row]
    return ",".join(q) + "\n"


for d in ("in", "ref"):
    shutil.rmtree(os.path.join(t, d), ignore_errors=True)
shutil.copytree(os.path.join(root, "data", "sample"), os.path.join(t, "in"))
shutil.copytree(os.path.join(root, "data", "ref"), os.path.join(t, "ref"))
ref = os.path.join(t, "ref")
inp = os.path.join(t, "in")


REFTEXT = HOSTILE


def labels(h, i, r):
    r[h.index("label_sv")] = REFTEXT[i % len(REFTEXT)]
    r[h.index("label_en")] = REFTEXT[(i + 3) % len(REFTEXT)]
    return r


rewrite_csv(os.path.join(ref, "ssyk2012_scb_level4.csv"), labels)

KOMMUN = {"0581": "=HYPERLINK(\"http://example.invalid\",\"x\")<script>alert(2)</script>",
          "0882": "Oskars'hamn\" ; system 'touch %s10' $(touch %s11) %s12" % (m, m, trav)}
LAN = {"05": "@cmd|' /C calc'!A0 <b>län</b>", "08": "-1+cmd|' /C calc'!A0 `touch %s13`" % m}


def kommuner(h, i, r):
    k, lk = r[h.index("kommunkod")], r[h.index("lanskod")]
    if k in KOMMUN:
        r[h.index("kommun")] = KOMMUN[k]
        r[h.index("kommun_fullname")] = KOMMUN[k] + " kommun"
    if lk in LAN:
        r[h.index("lan")] = LAN[lk]
    return r


def lan(h, i, r):
    if r[h.index("lanskod")] in LAN:
        r[h.index("lan")] = LAN[r[h.index("lanskod")]]
    return r


rewrite_csv(os.path.join(ref, "kommuner_sverige.csv"), kommuner)
rewrite_csv(os.path.join(ref, "lan_sverige.csv"), lan)


def yb(h, i, r):
    for j, c in enumerate(("yrkesomrade", "yb_yrke", "ssyk_text")):
        r[h.index(c)] = HOSTILE[(i + j) % len(HOSTILE)]
    return r


rewrite_csv(os.path.join(inp, "yrkesbarometer.csv"), yb)

# one jobseeker row rejected for a formula in swedish_level (an existing
# person's row copied, with a new valid identity number: 19900101-0017)
with open(os.path.join(inp, "jobseekers.csv"), encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))
h = rows[0]
bad = list(rows[1])
bad[h.index("personnummer")] = "19900101-0017"
bad[h.index("swedish_level")] = "=cmd|' /C calc'!A0"
with open(os.path.join(inp, "jobseekers.csv"), "a", encoding="utf-8", newline="") as f:
    f.write(csv_line(bad))

# configuration: hostile track names and providers, and a fifth track whose
# id tries a path
ini = open(os.path.join(root, "data", "default.ini"), encoding="utf-8").read()
ini = re.sub(r"(?m)^input = .*$", "input = %s" % inp, ini)
ini = re.sub(r"(?m)^refdir = .*$", "refdir = %s" % ref, ini)
ini = re.sub(r"(?m)^output = .*$", "output = %s/out" % t, ini)
ini = re.sub(r"(?m)^key_file = .*$", "key_file = %s/keys/pseudonym.key" % t, ini)
names = [h for h in HOSTILE if "\n" not in h and "\r" not in h and not h.startswith("\t")]
n = [0]


def name(mo):
    n[0] += 1
    return "%s = %s" % (mo.group(1), names[(n[0] * 7) % len(names)])


ini = re.sub(r"(?m)^(name|provider) = .*$", name, ini)
ini += """
[track.%s14/../x]
name = <script>alert(3)</script> =cmd|' /C calc'!A0
targets = 5120:1, 9111:1
min_swedish = sfi-b
capacity = 10
duration_months = 6
provider = `touch %s15` $(touch %s16)
""" % (trav, m, m)
with open(os.path.join(t, "hostile.ini"), "w", encoding="utf-8") as f:
    f.write(ini)
