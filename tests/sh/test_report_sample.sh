#!/bin/sh
# The report of the bundled sample (data/sample, Norrköping and Oskarshamn),
# the stages run one by one into a temporary folder: the response rate
# against an independent count from the input files; no county row that
# only repeats its one input municipality; Yrkesbarometer beside the local
# verdict; the job tracks per municipality (4 and 3, their providers,
# their sentences, trackfit's ".." kept) and a table of proposals for each;
# disclosure control of every published table
# (tests/sh/check_published.py); compare mode a report of its own with the
# tested differences; --previous with the earlier report's folder, naming a
# changed threshold.
: "${BIN:?}" "${ROOT:?}"
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cfg="$ROOT/data/default.ini"
out="$tmp/out"
for s in ingest shortage trackfit plot report; do
	if [ "$s" = ingest ]; then
		"$BIN/jobbspar-$s" -c "$cfg" -o "$out" --set run.key_file="$tmp/key" 2>"$tmp/err"
	else
		"$BIN/jobbspar-$s" -c "$cfg" -o "$out" 2>"$tmp/err"
	fi || { cat "$tmp/err"; fail "jobbspar-$s exited $?"; }
done
html="$out/report/index.html"
has() { grep -q -F -- "$1" "$html" || fail "index.html lacks: $1"; }
csv() { tr -d '\r' <"$out/report/$1.csv"; }

# the response rate, counted from the input: respondents per municipality
# in survey_respondents.csv, the sample per municipality in survey_frame.csv
# (no stratum of the sample has more respondents than it sampled)
python3 - "$ROOT/data/sample" "$out/report/svarsfrekvens.csv" <<'PY' || exit 1
import csv, sys, collections
d, published = sys.argv[1], sys.argv[2]
resp, sampled = collections.Counter(), collections.Counter()
for r in csv.DictReader(open(d + "/survey_respondents.csv", encoding="utf-8")):
    resp[r["kommun"]] += 1
for r in csv.DictReader(open(d + "/survey_frame.csv", encoding="utf-8")):
    sampled[r["kommun"]] += int(r["sampled"])
names = {"0581": "Norrköping", "0882": "Oskarshamn"}
rows = {r[0]: r for r in csv.reader(open(published, encoding="utf-8-sig"), delimiter=";")}
for k, name in names.items():
    want = [str(sampled[k]), str(resp[k]), ("%.1f" % (100 * resp[k] / sampled[k])).replace(".", ",")]
    assert rows[name][1:] == want, "%s: published %r, counted %r" % (name, rows[name][1:], want)
    print("%s: %s of %s sampled answered (%s %%)" % (name, want[1], want[0], want[2]))
assert resp["0581"] == 420 and resp["0882"] == 106, resp
PY

# the sources with their years, a year never grouped as a number
has 'i kommunerna, åren 2020–2024'
# each county holds only its one reporting municipality in the input
csv jamforelse | grep -q 'län;län' && fail "a county row that only repeats its municipality"
has 'Utan eget län: Östergötlands län, Kalmar län.'

# Yrkesbarometer beside the local verdict; its rows are read and shown
has 'Yrkesbarometern (riket)</th>'
csv brist_0581 | grep -q ';Överskott;[^;]*;[^;]*$' || fail "no Yrkesbarometer verdict in brist_0581.csv"
has 'Jämfört med Yrkesbarometern:'
[ "$(csv yrkesbarometern_0581 | wc -l)" -gt 10 ] || fail "few differences from Yrkesbarometer"

# the job tracks offered in 2025 (data/default.ini's offers): Norrköping's
# four and Oskarshamn's three, each with its own providers, each row with its
# sentence; trackfit.tsv's ".." shown as the report's hidden cell; a table of
# next year's proposals per municipality
python3 - "$out" <<'PY' || exit 1
import csv, re, sys
out = sys.argv[1]
def rows(name):
    return list(csv.DictReader(open("%s/report/%s.csv" % (out, name), encoding="utf-8-sig"), delimiter=";"))
tracks = {k: [r for r in rows("jobbspar_" + k) if r["Jobbspår"] != "Samtliga jobbspår"] for k in ("0581", "0882")}
assert len(tracks["0581"]) == 4 and len(tracks["0882"]) == 3, {k: len(v) for k, v in tracks.items()}
prov = {k: {r["Anordnare"] for r in v} for k, v in tracks.items()}
assert all(prov.values()) and not prov["0581"] & prov["0882"], "providers do not differ: %r" % prov
assert all(r["Förklaring"] for v in tracks.values() for r in v), "a track without its sentence"
# against trackfit.tsv: every ".." there is ".." here
tf = list(csv.DictReader(open(out + "/trackfit.tsv", encoding="utf-8"), delimiter="\t"))
cols = {"eligible": "Behöriga", "interested": "Intresserade", "expected_placements": "Förväntade placeringar"}
dots = 0
for t in tf:
    r = next(r for r in tracks[t["kommun"]] if r["Jobbspår"] == t["name"])
    for c, h in cols.items():
        if t[c] == "..":
            dots += 1
            assert r[h] == "..", (t["kommun"], t["name"], h, r[h])
assert dots > 0, "the sample has no .. in trackfit.tsv any more"
html = open(out + "/report/index.html", encoding="utf-8").read()
t = html[html.index('<table id="t-jobbspar_0882">'):]
t = t[:t.index("</table>")]
assert '<td class="n s" title="undertryckt (röjandekontroll)">..</td>' in t, "no .. in Oskarshamn's track table"
for k, n in (("0581", 4), ("0882", 3)):
    assert ("%d jobbspår erbjuds i %s 2025." % (n, {"0581": "Norrköping", "0882": "Oskarshamn"}[k])) in html
    assert '<table id="t-forslag_%s">' % k in html, "no proposals table of " + k
    p = rows("forslag_" + k)
    assert 1 <= len(p) <= 5 and [r["Rang"] for r in p] == [str(i + 1) for i in range(len(p))], p
    assert all(r["Förklaring"] and r["Största hinder"] for r in p)
print("ok: tracks 4 and 3, providers %d and %d, %d .. cells, proposals %d and %d"
      % (len(prov["0581"]), len(prov["0882"]), dots, len(rows("forslag_0581")), len(rows("forslag_0882"))))
PY

# every published table respects the thresholds, and met small cells
python3 "$ROOT/tests/sh/check_published.py" disclosure "$out" 5 3 || fail "disclosure control"

# compare mode: its own report, with the tested differences and its chart
cp "$html" "$tmp/default.html"
"$BIN/jobbspar-report" -c "$cfg" -o "$out" --compare || fail "--compare"
cmp -s "$html" "$tmp/default.html" && fail "compare mode gives the default report"
has '<section id="skillnader">'
has 'id="c-compare_index"'
has 'id="c-city_compare"'
has 'id="c-verdict_heatmap"'
[ "$(csv skillnader | wc -l)" -ge 2 ] || fail "no significant difference in the sample"
csv skillnader | grep -q '^="7231";Motorfordonsmekaniker' || fail "7231 (p < 0.0001) not listed"
python3 "$ROOT/tests/sh/check_published.py" disclosure "$out" 5 3 || fail "disclosure control, compare mode"

# --previous: the earlier report's folder, with a changed threshold
cp -R "$out/report" "$tmp/earlier"
"$BIN/jobbspar-report" -c "$cfg" -o "$out" --set shortage.index_watch=0.6 --previous "$tmp/earlier" ||
	fail "--previous REPORTFOLDER"
has 'Inställningarna har ändrats'
has '<td>shortage.index_watch</td><td>0.5</td><td>0.6</td>'
has 'Indata är desamma.'
grep -q -F "$tmp" "$html" && fail "a local path in the report"
echo ok
