#!/bin/sh
# The real-data path end to end: jobbspar-import converts the publisher-format
# fixtures for Norrköping (0581) and Oskarshamn (0882) into an input folder
# (employment from SCB's custom order, vacancies from JobTech's ads, the
# survey frame from Företagsregistret's count of workplaces written in SCB's
# download format from data/sample's frame), the other files come from
# data/sample, and jobbspar-ingest accepts every row.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-${JOBBSPAR_BIN:-$ROOT/bin}}
F=$ROOT/tests/fixtures/import
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
I() { "$BIN/jobbspar-import" -c "$ROOT/data/default.ini" "$@"; }

I scb-employment "$F/scb-custom-kommun-ssyk4-sex-age.csv" -o "$T/in" 2>"$T/err" || fail "scb-employment: $(cat "$T/err")"
I jobtech-ads "$F/jobtech-2014-array.json" "$F/jobtech-2024.jsonl" -o "$T/in" 2>>"$T/err" || fail "jobtech-ads"

# the sample's frame as SCB would publish the count: every workplace in the
# lowest SCB class of its frame class (1-4, 10-19, 50-99, 500+)
python3 - "$ROOT/data/sample/survey_frame.csv" "$ROOT/data/ref/kommuner_sverige.csv" >"$T/fdb.csv" <<'PY' || fail "writing the SCB table"
import csv, sys
names = {r["kommunkod"]: r["kommun"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
scb = {"1-9": "1-4", "10-49": "10-19", "50-249": "50-99", "250+": "500+"}
print('"region","näringsgren SNI 2007","storleksklass","2024"')
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(f'"{r["kommun"]} {names[r["kommun"]]}","{r["sni_section"]} Avdelning {r["sni_section"]}",'
          f'"{scb[r["size_class"]]} anställda",{r["workplaces"]}')
PY
I scb-workplaces "$T/fdb.csv" --sampled "$ROOT/data/sample/survey_frame.csv" -o "$T/in" 2>>"$T/err" ||
	fail "scb-workplaces: $(cat "$T/err")"
sort "$T/in/survey_frame.csv" >"$T/a"
sort "$ROOT/data/sample/survey_frame.csv" >"$T/b"
cmp -s "$T/a" "$T/b" || fail "the imported frame differs from the sample's: $(diff "$T/a" "$T/b" | head -5)"

for f in survey_respondents survey_occupations jobseekers outcomes yrkesbarometer; do
	cp "$ROOT/data/sample/$f.csv" "$T/in/" || exit 1
done
"$BIN/jobbspar-ingest" -c "$ROOT/data/default.ini" -i "$T/in" -o "$T/out" --key "$T/key" 2>"$T/ingest.err" ||
	fail "ingest: $(cat "$T/ingest.err")"
[ ! -s "$T/ingest.err" ] || fail "ingest said: $(cat "$T/ingest.err")"
# every imported row accepted by ingest
for pair in employment:15 vacancies:4; do
	name=${pair%%:*} n=${pair#*:}
	[ "$(($(wc -l <"$T/out/work/$name.tsv") - 1))" = "$n" ] || fail "$name: want $n rows in work/$name.tsv"
done
[ "$(wc -l <"$T/out/work/frame.tsv")" = "$(wc -l <"$ROOT/data/sample/survey_frame.csv")" ] || fail "frame rows"
[ "$(wc -l <"$T/out/rejects.csv")" = 1 ] || fail "ingest rejected rows: $(head -3 "$T/out/rejects.csv")"
echo "ok: imported employment, vacancies and frame ingested without a reject"
