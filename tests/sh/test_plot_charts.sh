#!/bin/sh
# jobbspar-plot on the fixture tests/fixtures/plot/basic: every chart is
# drawn as SVG and PNG, listed in charts.tsv, well-formed, titled, the same
# bytes on a second run, in English with --lang en, and no pseudonym from
# the inputs reaches OUT/report.
: "${BIN:?}" "${ROOT:?}"
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for run in a b en; do
	cp -R "$ROOT/tests/fixtures/plot/basic" "$tmp/$run"
done
"$BIN/jobbspar-plot" -c "$ROOT/data/default.ini" -o "$tmp/a" || fail "run a exited $?"
"$BIN/jobbspar-plot" -c "$ROOT/data/default.ini" -o "$tmp/b" || fail "run b exited $?"
"$BIN/jobbspar-plot" -c "$ROOT/data/default.ini" -o "$tmp/en" --lang en || fail "run en exited $?"

rep="$tmp/a/report"
[ "$(head -n 1 "$rep/charts.tsv")" = "$(printf 'id\tkommun\tfile_svg\tfile_png\ttitle_sv\ttitle_en\talt_sv\talt_en')" ] ||
	fail "charts.tsv header"
# 6 charts per municipality (2) + heat map + comparison + index side by side
[ "$(tail -n +2 "$rep/charts.tsv" | wc -l)" -eq 15 ] || fail "charts.tsv rows: $(tail -n +2 "$rep/charts.tsv" | wc -l)"
for id in top_shortage supply_demand openings vacancy_trend track_fit candidates; do
	for k in 0581 0882; do
		grep -q "^$id	$k	${id}_$k.svg	${id}_$k.png	" "$rep/charts.tsv" || fail "no row $id $k"
	done
done
for id in verdict_heatmap city_compare compare_index; do
	grep -q "^$id		$id.svg	$id.png	" "$rep/charts.tsv" || fail "no row $id"
done
ls "$rep" | grep -q '\.tmp\.' && fail "temporary files left"

# every listed file exists, SVG parses as XML and shows its Swedish title,
# PNG has the PNG signature
python3 - "$rep" <<'PY' || exit 1
import sys, os, xml.etree.ElementTree as ET
rep = sys.argv[1]
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(rep, "charts.tsv"), encoding="utf-8")][1:]
for r in rows:
    cid, kommun, svg, png, tsv, ten, asv, aen = r
    tree = ET.parse(os.path.join(rep, svg))
    text = "".join(tree.getroot().itertext())
    if tsv not in text:
        sys.exit("FAIL: %s lacks its title %r" % (svg, tsv))
    with open(os.path.join(rep, png), "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            sys.exit("FAIL: %s is not a PNG" % png)
    if not asv or not aen or not ten:
        sys.exit("FAIL: %s lacks a title or alternative text" % cid)
    if (os.stat(os.path.join(rep, svg)).st_mode & 0o777) != 0o644:
        sys.exit("FAIL: %s mode" % svg)
print("ok: %d charts" % len(rows))
PY
grep -q 'Bristyrken i Norrköping' "$rep/top_shortage_0581.svg" || fail "Swedish title with ö"
grep -q 'Shortage occupations in Norrköping' "$tmp/en/report/top_shortage_0581.svg" || fail "English title"
grep -q 'Kvinnor' "$rep/candidates_0581.svg" || fail "panel title"
# Swedish charts: decimal comma on the axes and in the alternative texts
grep -q '[0-9],5<' "$rep/compare_index.svg" || fail "no decimal comma on the Swedish axis"
grep -q '[0-9]\.5<' "$tmp/en/report/compare_index.svg" || fail "no decimal point on the English axis"
! cut -f7 "$rep/charts.tsv" | grep -qE '[0-9]\.[0-9]' || fail "a decimal point in a Swedish alternative text"

# deterministic: the same inputs give the same bytes
for f in "$rep"/*; do
	cmp -s "$f" "$tmp/b/report/$(basename "$f")" || fail "$(basename "$f") differs between runs"
done

# no pseudonym (32 hex digits from the inputs) in any published file
cut -f1 "$tmp/a/work/jobseekers.tsv" | tail -n +2 >"$tmp/pseudonyms"
awk -F'\t' 'NR > 1 && $10 != "" { print $10 }' "$tmp/a/work/vacancies.tsv" >>"$tmp/pseudonyms"
[ -s "$tmp/pseudonyms" ] || fail "fixture has no pseudonyms to look for"
if grep -F -r -l -f "$tmp/pseudonyms" "$rep" >/dev/null; then
	fail "a pseudonym reached OUT/report"
fi
echo "ok"
