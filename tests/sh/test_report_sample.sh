#!/bin/sh
# The report of the bundled sample (data/sample, Norrköping and Oskarshamn),
# the stages run one by one into a temporary folder: the response rate
# against an independent count from the input files; no county row that
# only repeats its one input municipality; Yrkesbarometer beside the local
# verdict; disclosure control of every published table
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
