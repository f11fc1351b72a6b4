#!/bin/sh
# Real public data in, with no hand work (issue 15), end to end for
# Norrköping (0581) and Oskarshamn (0882): jobbspar-import converts files in
# the publishers' formats into an input folder, and ./run.sh (a configuration
# whose run.input is that folder) runs ingest, shortage, trackfit, plot and
# report on it and publishes the report.
#   employment  SCB's custom order kommun x SSYK 4 x sex x age as PxWeb 2
#               writes it (';', a title line, UTF-8 with BOM, CRLF, labels
#               with their code, "totalt" sex, 0002 Yrke okänt), the format
#               of tests/fixtures/import/scb-custom-kommun-ssyk4-sex-age.csv,
#               written from data/sample/employment.csv (the fixture's few
#               cells are too few for a shortage analysis)
#   vacancies   JobTech's historical ads: the fixtures jobtech-2014-array.json
#               and jobtech-2024.jsonl, and data/sample's ads as JSONL years
#               in JobTech's naming (SCB codes as JobTech's groups)
#   frame       Företagsregistret's count of workplaces from data/sample's
#               frame (as tests/sh/test_import_e2e.sh), --sampled
#   jobseekers  ONLY jobseekers_aggregated.csv: Arbetsförmedlingen's counts
#               per kommun and occupation built from data/sample/jobseekers.csv
#               (the builder of tests/cli/shortage-jobseekers-aggregated)
#   survey, outcomes, yrkesbarometer: data/sample (not public data)
# Checks: the report is published; shortage.tsv has verdicts for both
# municipalities; SSYK 0002 came through import and is counted by ingest;
# trackfit says what it cannot compute without persons (trackfit_areas.tsv's
# flag and note, trackfit.tsv's empty cells, the run's log), and the report
# shows the note once it shows trackfit_areas.tsv's notes at all.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/sh/run_real.sh"
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
[ -x "$BIN/jobbspar-import" ] || { echo "$BIN/jobbspar-import is not built yet"; exit 77; }
F=$ROOT/tests/fixtures/import
S=$ROOT/data/sample
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
I() { "$BIN/jobbspar-import" -c "$ROOT/data/default.ini" "$@"; }
mkdir "$T/dl" "$T/in"

# ---- the publishers' files ------------------------------------------------
python3 - "$S" "$ROOT/data/ref" "$T/dl" <<'PY' || fail "writing the publishers' files"
import csv, json, os, sys
sample, ref, dl = sys.argv[1:4]
kommun = {r["kommunkod"]: r["kommun"] for r in csv.DictReader(open(ref + "/kommuner_sverige.csv", encoding="utf-8"))}
ssyk = {}
jobtech = {}
for r in csv.DictReader(open(ref + "/ssyk2012_scb_level4.csv", encoding="utf-8")):
    ssyk[r["ssyk4"]] = r["label_sv"]
    jobtech[r["ssyk4"]] = r["jobtech_ssyk4_equivalent"] or r["ssyk4"]
# SCB, PxWeb 2: the sample's cells with a "totalt" sex row per (year,
# kommun, occupation, age) and occupation unknown (0002) beside them
cells = {}
for r in csv.DictReader(open(sample + "/employment.csv", encoding="utf-8")):
    cells[(r["year"], r["kommun"], r["ssyk"], r["sex"], r["age"])] = int(r["employed"])
totals = {}
for (y, k, s, sex, a), n in cells.items():
    totals[(y, k, s, "totalt", a)] = totals.get((y, k, s, "totalt", a), 0) + n
for y in sorted({c[0] for c in cells}):
    for k in ("0581", "0882"):
        cells[(y, k, "0002", "män", "25-29")] = 40 if k == "0581" else 7
with open(dl + "/yreg-0581-0882.csv", "w", encoding="utf-8-sig", newline="") as f:
    f.write('"Anställda efter region, yrke (SSYK 2012), kön, ålder och år (beställning)"\r\n')
    f.write('"region";"yrke (SSYK 2012)";"kön";"ålder";"år";"Anställda"\r\n')
    for (y, k, s, sex, a), n in sorted(list(cells.items()) + list(totals.items())):
        label = "Yrke okänt" if s == "0002" else ssyk.get(s, "")
        f.write('"%s %s";"%s %s";"%s";"%s år";"%s";%d\r\n' % (k, kommun[k], s, label, sex, a, y, n))
# JobTech: the sample's ads, one JSONL file per year
years = {}
for r in csv.DictReader(open(sample + "/vacancies.csv", encoding="utf-8")):
    ad = {"id": r["ad_id"], "headline": "Annons", "number_of_vacancies": int(r["vacancies"]),
          "employer": {"organization_number": r["org_nr"].replace("-", "") or None, "name": "Arbetsgivare"},
          "occupation_group": {"concept_id": "x", "label": ssyk.get(r["ssyk"], ""),
                               "legacy_ams_taxonomy_id": jobtech[r["ssyk"]]},
          "workplace_address": {"municipality": kommun[r["kommun"]], "municipality_code": r["kommun"],
                                "country": "Sverige", "country_code": "199"},
          "publication_date": r["published"] + "T08:00:00",
          "last_publication_date": None,
          "removed": bool(r["removed"]),
          "removed_date": r["removed"] + "T10:00:00" if r["removed"] else None}
    years.setdefault(r["published"][:4], []).append(ad)
for y, ads in years.items():
    with open("%s/ads-%s.jsonl" % (dl, y), "w", encoding="utf-8") as f:
        for ad in ads:
            f.write(json.dumps(ad, ensure_ascii=False) + "\n")
# SCB, Företagsregistret: the sample's frame, every workplace in the lowest
# SCB class of its frame class
scb = {"1-9": "1-4", "10-49": "10-19", "50-249": "50-99", "250+": "500+"}
with open(dl + "/arbetsstallen.csv", "w", encoding="utf-8") as f:
    f.write('"region","näringsgren SNI 2007","storleksklass","2024"\n')
    for r in csv.DictReader(open(sample + "/survey_frame.csv", encoding="utf-8")):
        f.write('"%s %s","%s Avdelning %s","%s anställda",%s\n' % (r["kommun"], kommun[r["kommun"]],
                r["sni_section"], r["sni_section"], scb[r["size_class"]], r["workplaces"]))
PY

# Arbetsförmedlingen's counts per kommun and occupation, December 2024, as
# published (under 5 as "<5")
awk -F, 'NR > 1 { delete seen; if ($5 != "") seen[$5] = 1; m = split($6, w, "|")
	for (i = 1; i <= m; i++) if (w[i] != "") seen[w[i]] = 1
	for (c in seen) count[$2 "," c]++ }
END { for (k in count) print k "," count[k] }' "$S/jobseekers.csv" | LC_ALL=C sort >"$T/counts.csv"
{
	echo "year,month,kommun,ssyk,jobseekers"
	awk -F, '{ print "2024,12," $1 "," $2 "," ($3 < 5 ? "<5" : $3) }' "$T/counts.csv"
} >"$T/in/jobseekers_aggregated.csv"

# ---- import -----------------------------------------------------------------
I scb-employment "$T/dl/yreg-0581-0882.csv" -o "$T/in" 2>"$T/import.err" ||
	fail "scb-employment: $(cat "$T/import.err")"
I jobtech-ads "$F/jobtech-2014-array.json" "$F/jobtech-2024.jsonl" "$T"/dl/ads-*.jsonl -o "$T/in" \
	2>>"$T/import.err" || fail "jobtech-ads: $(cat "$T/import.err")"
I scb-workplaces "$T/dl/arbetsstallen.csv" --sampled "$S/survey_frame.csv" -o "$T/in" 2>>"$T/import.err" ||
	fail "scb-workplaces: $(cat "$T/import.err")"
for f in survey_respondents survey_occupations outcomes yrkesbarometer; do
	cp "$S/$f.csv" "$T/in/" || exit 1
done
[ ! -e "$T/in/jobseekers.csv" ] || fail "a person file in the input"
# 0002 passed through, "totalt" rejected as a total, nothing else rejected
grep -q '^[0-9]*,0581,0002,män,25-29,40$' "$T/in/employment.csv" || fail "0002 not passed through"
awk -F, 'NR > 1 && $5 !~ /both sexes: a total/ { bad++ } END { exit bad > 0 }' "$T/in/employment.rejects.csv" ||
	fail "employment rejects other than the totals: $(grep -v 'both sexes' "$T/in/employment.rejects.csv" | head -3)"

# ---- the whole pipeline ---------------------------------------------------
awk -v in_="$T/in" -v ref="$ROOT/data/ref" -v key="$T/keys/pseudonym.key" '
	/^\[/ { sec = $0 }
	sec == "[run]" && /^input[ \t]*=/ { print "input = " in_; next }
	sec == "[run]" && /^refdir[ \t]*=/ { print "refdir = " ref; next }
	sec == "[run]" && /^key_file[ \t]*=/ { print "key_file = " key; next }
	{ print }' "$ROOT/data/default.ini" >"$T/real.ini"
OUT=$T/out
JOBBSPAR_BIN=$BIN "$ROOT/run.sh" -c "$T/real.ini" -o "$OUT" -q --no-wait </dev/null >"$T/run.out" 2>"$T/run.err" ||
	{ cat "$T/run.err"; tail -n 30 "$OUT.d/logs/latest.log"; fail "run.sh failed"; }
for f in manifest.json ingest.json shortage.tsv trackfit.tsv trackfit_areas.tsv report/index.html \
	report/tabeller.xlsx; do
	[ -s "$OUT/$f" ] || fail "not published: $f"
done

# the input reached the tables: no person, the counts, 0002 counted
[ "$(wc -l <"$OUT/work/jobseekers.tsv")" = 1 ] || fail "work/jobseekers.tsv has person rows"
[ "$(wc -l <"$OUT/work/jobseekers_aggregated.tsv")" -gt 100 ] || fail "few jobseeker counts"
grep -q '"ssyk_special": {"0002": 10}' "$OUT/ingest.json" || fail "ingest did not count the 10 cells of 0002"

# shortage.tsv: verdicts in both municipalities
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$(c["area_type"]) == "kommun" && $(c["verdict"]) ~ /^(brist|bevaka|balans|överskott)$/ { n[$(c["kommun"])]++ }
	END { print "verdicts: 0581 " n["0581"] + 0 ", 0882 " n["0882"] + 0; exit !(n["0581"] >= 20 && n["0882"] >= 20) }' \
	"$OUT/shortage.tsv" || fail "shortage.tsv lacks verdicts"

# trackfit: what it could not compute, and why
note_sv="Kandidater, behöriga, intresserade och förväntade placeringar kan inte beräknas: de arbetssökande lämnades som antal per yrke (jobseekers_aggregated.csv), inte som personer."
note_en="Candidates, eligible and interested candidates and expected placements cannot be computed: jobseekers were given as counts per occupation (jobseekers_aggregated.csv), not as persons."
awk -F'\t' -v sv="$note_sv" -v en="$note_en" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ k = $(c["kommun"]); seen[k] = 1
	  if ($(c["flag"]) !~ /(^|;)no_people(;|$)/) { print k ": flag " $(c["flag"]); bad++ }
	  if ($(c["candidates"]) != "" || $(c["eligible_any"]) != "") { print k ": candidates given"; bad++ }
	  if (index($(c["note_sv"]), sv) == 0 || index($(c["note_en"]), en) == 0) { print k ": note " $(c["note_en"]); bad++ } }
	END { exit bad > 0 || !seen["0581"] || !seen["0882"] }' "$OUT/trackfit_areas.tsv" ||
	fail "trackfit_areas.tsv does not say what could not be computed"
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ n++; if ($(c["eligible"]) != "" || $(c["expected_placements"]) != "" || $(c["supply_ratio"]) != "" ||
	       $(c["fit"]) == "" || $(c["rank"]) == "" || $(c["flag"]) !~ /no_people/) { print; bad++ } }
	END { exit bad > 0 || n < 7 }' "$OUT/trackfit.tsv" || fail "trackfit.tsv: unknown counts given, or no fit"
grep -q 'jobbspar-trackfit: note: 0581, 0882: jobseekers given as counts' "$OUT.d/logs/latest.log" ||
	fail "the run's log lacks trackfit's note"

# the report: the note of each municipality, where the report shows
# trackfit_areas.tsv's notes (the sentence they start with)
html=$OUT/report/index.html
if grep -q 'jobbspår erbjuds i Norrköping 2025\.' "$html"; then
	[ "$(grep -o 'de arbetssökande lämnades som antal per yrke' "$html" | wc -l)" -ge 2 ] ||
		fail "the report shows the track notes, but not what could not be computed"
	echo "ok: the report says what could not be computed"
else
	echo "note: the report does not show trackfit_areas.tsv's notes yet; checked trackfit_areas.tsv"
fi
echo "ok: imported, ingested and reported without persons; trackfit says what it could not compute"
