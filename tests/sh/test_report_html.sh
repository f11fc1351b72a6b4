#!/bin/sh
# jobbspar-report on the fixture run (tests/fixtures/report, made by its
# make_fixture.py): the HTML has the banner and sections; every element id
# is unique; table headers are words (no column names or codes); no local
# path or checksum reaches the reader; suppression shows ".." (also for
# retirements from small groups); text from the data is escaped; nothing
# private leaks; numbers are Swedish; CSV files keep codes as text for
# Excel; the response rate counts every respondent of a collapsed stratum;
# Yrkesbarometer's verdict is shown beside the local one; compare mode is a
# report of its own; --previous takes a report folder and says when the
# settings changed; the output is deterministic; the job tracks with their
# providers, "..", sentences and next year's proposals. Also --lang en,
# run.synthetic = 0, the disclosure thresholds, a run with the older
# trackfit tables, and a run with only the shortage tables.
: "${BIN:?}" "${ROOT:?}"
set -u
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
fixture="$ROOT/tests/fixtures/report"
cp -R "$fixture/out" "$tmp/out"
chmod -R u+w "$tmp/out"
report() { "$BIN/jobbspar-report" -c "$ROOT/data/default.ini" "$@"; }

report -o "$tmp/out" --previous "$fixture/previous" 2>"$tmp/err" || { cat "$tmp/err"; fail "report exited $?"; }
[ -s "$tmp/err" ] && { cat "$tmp/err"; fail "unexpected stderr"; }
html="$tmp/out/report/index.html"
[ -f "$html" ] || fail "no index.html"
has() { grep -q -F -- "$1" "$html" || fail "index.html lacks: $1"; }
hasnt() { ! grep -q -i -F -- "$1" "$html" || fail "index.html contains: $1"; }
csv() { tr -d '\r' <"$tmp/out/report/$1.csv"; }

# first page: Swedish, synthetic banner before the summary
has '<html lang="sv">'
has 'syntetiska exempeldata'
banner=$(grep -n 'class="banner"' "$html" | head -n 1 | cut -d: -f1)
summary=$(grep -n 'id="sammanfattning"' "$html" | head -n 1 | cut -d: -f1)
[ -n "$banner" ] && [ "$banner" -lt "$summary" ] || fail "banner not before the summary"
for id in sammanfattning brist jobbspar forandring metod; do
	has "<section id=\"$id\">"
done
has 'Största bristyrken'
has 'Bäst passande jobbspår'
has 'Nya bristyrken'
has 'Metod och källor'
has 'Undertryckta celler per tabell'
has 'Svarsfrekvens i enkäten'
has '20261123'                          # seed
has 'survey_occupations.csv'            # inputs by name
has 'okänd SSYK-kod'                    # rejected rows by reason, in words

# sources, reference year and the meaning of the figures are named
for s in 'SCB, yrkesregistret' 'Arbetsförmedlingen, Platsbanken' \
	'Arbetsförmedlingen, inskrivna arbetssökande' 'Arbetsförmedlingen, Yrkesbarometern' \
	'Arbetsgivarenkäten' 'Referensår 2024' '<dt>Bristindex</dt>' '<dt>Passning (0–100)</dt>' \
	'<dt>Bedömning</dt>' '<dt>Sannolikhet för brist</dt>' 'Osäkerhet'; do
	has "$s"
done
# the verdict bands name the configured thresholds
has 'bristindex 1,0 eller mer'
report -o "$tmp/out" --set shortage.index_brist=0.8 >/dev/null || fail "index_brist=0.8"
has 'bristindex 0,8 eller mer'
report -o "$tmp/out" --previous "$fixture/previous" || fail "rerun"

# parsed: unique element ids, headers in words, no code, path or checksum
cat >"$tmp/parse.py" <<'PY'
import html.parser, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.th, self.in_th, self.data = [], [], False, []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id":
                self.ids.append(v)
        if tag == "th":
            self.in_th, self.data = True, []
    def handle_endtag(self, tag):
        if tag == "th":
            self.th.append("".join(self.data).strip())
            self.in_th = False
    def handle_data(self, d):
        if self.in_th:
            self.data.append(d)
p = P()
p.feed(text)
dup = sorted({i for i in p.ids if p.ids.count(i) > 1})
assert not dup, "element ids repeat: %r" % dup
assert len(p.ids) > 10, p.ids
for h in p.th:
    assert h and not re.search(r"[a-z]_[a-z]", h), "header looks like a column name: %r" % h
visible = re.sub(r'src="data:[^"]*"', "", text)
for code in ("no_survey", "high_cv", "few_respondents", "few_employed", "share_brist", "p_value",
             "kind", "std_error", "n_outcomes", "sha256", "SHA-256"):
    assert code not in visible, "code %r in index.html" % code
assert not re.search(r"\b[0-9a-f]{64}\b", visible), "a checksum in index.html"
for path in ("/home/", "/tmp/", "/work/", "analytiker"):
    assert path not in visible, "a local path (%s) in index.html" % path
print("ok: %d unique ids, %d headers" % (len(p.ids), len(p.th)))
PY
python3 "$tmp/parse.py" "$html" || fail "index.html, default layout"

# disclosure: 2235 rests on 2 respondents -> planned hires and the share
# are ".." in the HTML
sup='<td class="n s" title="undertryckt (röjandekontroll)">..</td>'
grep -q "<tr><td class=\"c\">2235</td><td class=\"t\">Röntgensjuksköterskor</td><td class=\"c\">Bevaka</td><td class=\"n\">0,42</td><td class=\"n\">9</td><td class=\"n\">187</td><td class=\"n\">188</td><td class=\"n\">42</td>$sup$sup<td>Överskott</td><td class=\"w\">få svarande</td></tr>" "$html" ||
	fail "2235 not suppressed in the HTML, or its Yrkesbarometer verdict and note missing"
has 'sekundär'
# 4222: 6 employed, but 2 retirements and 3 openings: counts of persons from
# a small group, hidden (primary) in the CSV and the workbook
csv brist_0581 | grep -q '^="4222";Kundtjänstpersonal;Överskott;-0,30;-0,70;0,10;1;20;\.\.;81;57;55;33;82;59;41;76;\.\.;\.\.;14;' ||
	fail "4222's retirements and openings not hidden"
csv undertryckta | grep -q '^Yrken i Norrköping;4222 Kundtjänstpersonal;Pensionsavgångar 5 år;primär$' ||
	fail "4222's retirements not listed as a primary suppression"

# escaping: the hostile label and alt text are inert
has '&lt;script&gt;alert(1)&lt;/script&gt;'
has 'alt="&quot; onerror=&quot;alert(1)"'
hasnt '<script'
hasnt 'onerror="'
hasnt 'javascript:'

# privacy: no pseudonym, no response id, no rejected value
hasnt '0f1e2d3c4b5a69788796a5b4c3d2e1f0'
hasnt 'R0001'
hasnt 'VALUE-NOT-PUBLISHED'
for f in "$tmp"/out/report/*.csv "$tmp"/out/report/state.tsv; do
	! grep -q -e '0f1e2d3c4b5a69788796a5b4c3d2e1f0' -e 'VALUE-NOT-PUBLISHED' -e 'R0001' "$f" ||
		fail "$f leaks private data"
done

# self-contained: every image embedded, nothing loaded from elsewhere; the
# default report shows each municipality's charts, not the comparison's
imgs=$(grep -o '<img ' "$html" | wc -l)
data=$(grep -o '<img src="data:image/' "$html" | wc -l)
[ "$imgs" -eq 3 ] && [ "$data" -eq 3 ] || fail "want 3 embedded images, got $imgs ($data data:)"
hasnt 'id="c-city_compare"'
has 'id="c-top_shortage-0581"'
has 'id="c-top_shortage-0882"'
hasnt 'src="http'
hasnt 'href="http'
hasnt '<link'
has '@media print'
has 'break-before:page'

# Swedish numbers: Norrköping's employed total 11 408 with a no-break space
nbsp=$(printf '\302\240')
grep -q "11${nbsp}408" "$html" || fail "no Swedish-formatted 11 408"
# a negative index with the minus sign (U+2212) and a decimal comma
grep -q "$(printf '\342\210\222')0,30" "$html" || fail "no Swedish-formatted -0,30"
# the first 20 rows, the rest in the workbook and the CSV
has 'Tabellen visar de 20 första av 24 yrken; alla finns i bladet “Yrken Norrköping” i tabeller.xlsx och i brist_0581.csv.'

# Yrkesbarometer beside the local verdict, and the differences called out
has 'Yrkesbarometern (riket)</th>'
has 'Norrköping och Yrkesbarometern: yrken som bedöms olika'
grep -q '<td class="t">Frisörer</td><td[^>]*>Brist</td><td[^>]*>Överskott</td><td[^>]*>större brist här än i riket</td>' "$html" ||
	fail "5141 not called out against Yrkesbarometer"
grep -q '<td class="t">Vårdbiträden</td><td[^>]*>Brist</td><td[^>]*>Överskott</td><td[^>]*>större brist här än i riket</td>' "$html" ||
	fail "5330 in Oskarshamn not called out against Yrkesbarometer"

# the response rate: every respondent of a collapsed stratum counts
# (make_fixture.py: 0581 7 + 1 + 9 + 5 = 22 of 12 + 2 + 20 + 6 = 40 sampled)
csv svarsfrekvens | grep -q '^Norrköping;40;22;55,0$' || fail "response rate of Norrköping"
csv svarsfrekvens | grep -q '^Oskarshamn;18;10;55,6$' || fail "response rate of Oskarshamn"

# the county: the input has no other municipality of Kalmar län, so no
# county row that would just repeat Oskarshamn; Östergötland has more
csv jamforelse | grep -q '^Kalmar län' && fail "a county row equal to its one municipality"
csv jamforelse | grep -q '^Östergötlands län;län;' || fail "Östergötlands län left out"
has 'Utan eget län: Kalmar län.'

# the placement model in words
has 'Kvinna (jämfört med man)'
has 'Modellen bygger på 573 tidigare deltagare'
csv modell | grep -q '^Jobbspår: Industri;0,836;0,332;2,31;$' || fail "model row in words"

# CSV: BOM, ';', decimal comma, '..', codes as text for Excel, formula neutralised
f="$tmp/out/report/brist_0581.csv"
[ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "no BOM"
csv brist_0581 | grep -q '^="2211";Specialistläkare;Överskott;-0,40;-0,80;0,00;0;23;\.\.;\.\.;' || fail "2211 row in CSV"
csv brist_0581 | grep -q "^=\"9111\";\"'=HYPERLINK" || fail "formula label not neutralised"
csv brist_0581 | grep -q '^="5120";<script>alert(1)</script>;Brist;1,50;1,10;1,90;88;1;792;152;69;' || fail "5120 row in CSV"
# 0882's eget has 3 eligible (hidden with what rests on them), so restaurang's
# expected placements protect the total, with their interval
csv jobbspar_0882 | grep -q '^Restaurang och storkök;Oskarshamns kommun & Lärcentrum <Syd>;2020;;40;124;11;60;\.\.;\.\.;\.\.;' ||
	fail "secondary suppression of expected placements in jobbspar_0882.csv"
[ -f "$tmp/out/report/forandring_brist.csv" ] || fail "no change table"

# job tracks (trackfit.tsv, trackfit_areas.tsv, proposals.tsv of the
# fixture): the sentence of trackfit_areas.tsv above each table; the
# provider (escaped) and start year, a track starting in the plan year
# marked new; a ".." of trackfit.tsv shown as the report's own suppressed
# cell, never empty, and a total that cannot be added up hidden; under
# each track its sentence, unless the sentence would give away a cell the
# report hid itself
has '<p>4 jobbspår erbjuds i Norrköping 2025.</p>'
has '<th>Anordnare</th><th>Startår</th>'
has 'Oskarshamns kommun &amp; Lärcentrum &lt;Syd&gt;'
hasnt 'Lärcentrum <Syd>'
csv jobbspar_0581 | grep -q '^Industri;Norrköpings kommun och Arbetsförmedlingen;2025 (nytt);2027;40;102;24;216;16,2;' ||
	fail "the track new in 2025 not marked"
csv jobbspar_0581 | grep -q '^Restaurang och storkök;Norrköpings kommun och Arbetsförmedlingen;2020;;40;26;\.\.;51;8,2;5,7;10,6;' ||
	fail "trackfit's .. not kept as .."
csv jobbspar_0581 | grep -q '^Jobbspår för personer utan gymnasieutbildning;[^;]*;2020;;60;\.\.;\.\.;190;\.\.;\.\.;\.\.;' ||
	fail "trackfit's hidden eligible and expected placements"
# the total of expected placements would add up the others only: hidden
csv jobbspar_0581 | grep -q '^Samtliga jobbspår;;;;160;;;;\.\.;' || fail "total over a hidden member published"
python3 - "$html" <<'PY' || fail "the track tables in the HTML"
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
sup = '<td class="n s" title="undertryckt (röjandekontroll)">..</td>'
t = s[s.index('<table id="t-jobbspar_0581">'):]
t = t[:t.index("</table>")]
row = re.search(r"<tr[^>]*><td>Restaurang och storkök</td>.*?</tr>", t).group(0)
assert row.count(sup) == 1, row                       # interested: "..", not empty
assert re.search(r"<tr class=\"total\">.*" + re.escape(sup), t), "total row"
# each track's sentence in a line of its own under the row, in the row's group
assert t.count('<tbody class="pair">') == 5, t.count('<tbody class="pair">')
assert '<tr class="why"><td colspan="10">30 av de 47 behöriga har angett spårets yrken; 6,5 väntas' in t
assert "Färre än 5 kandidater är behöriga till spårets 60 platser" in t
u = s[s.index('<table id="t-jobbspar_0882">'):]
u = u[:u.index("</table>")]
assert u.count("Förklaringen visas inte: den skulle röja en undertryckt uppgift.") == 2, u
print("ok: track tables")
PY
hasnt '2 av de 3 behöriga'          # 0882 eget: 3 eligible, hidden by the report
hasnt '9,0 väntas'                  # 0882 restaurang: its expected placements protect the total
# next year's proposals: an intro with the limits, a table per municipality
has '<h3 id="forslag">Förslag till nästa års jobbspår</h3>'
has 'Ett förslag är ett spår som inte erbjuds i kommunen 2025'
has 'inte beslutet.'
has '<table id="t-forslag_0581">'
has '<table id="t-forslag_0882">'
has '<th class="n">Sannolikhet att vara bäst, %</th><th>Största hinder</th>'
csv forslag_0581 | grep -q '^1;Lastbils- och bussförare;yrkesgrupp (SSYK, tre siffror);8331, 8332;sfi B;förgymnasial, 9 år (SUN 2);arbetsgivarenkäten i kommunen;20;121;41;16;\.\.;6;9,6;6,7;12,4;49,5;71;liten trolig brist;16 behöriga, 9,6 väntas' ||
	fail "proposal 1 of Norrköping"
csv forslag_0581 | grep -q '^3;IT-arkitekter;[^;]*;2511, 2512;svenska som andraspråk;eftergymnasial, minst 2 år (SUN 5);[^;]*;20;121;41;\.\.;0;6;\.\.;\.\.;\.\.;39,0;0;få intresserade;' ||
	fail "proposal with hidden eligible"
csv forslag_0882 | grep -q '^1;Eget företagande;jobbspår som inte erbjuds här;1791, 5222;inget krav;inget krav;spårets egna krav;' ||
	fail "proposal without requirements"
has '<dt>Jobbspår per kommun och förslag</dt>'
[ -f "$tmp/out/report/state.tsv" ] || fail "no state.tsv"

# deterministic: same inputs, same bytes
cp "$html" "$tmp/first.html"
cp "$tmp/out/report/tabeller.xlsx" "$tmp/first.xlsx"
report -o "$tmp/out" --previous "$fixture/previous" || fail "second run"
cmp -s "$html" "$tmp/first.html" || fail "index.html differs between runs"
cmp -s "$tmp/out/report/tabeller.xlsx" "$tmp/first.xlsx" || fail "tabeller.xlsx differs between runs"

# compare mode: another report, the municipalities side by side
report -o "$tmp/out" --compare || fail "--compare"
cmp -s "$html" "$tmp/first.html" && fail "compare mode gives the default report"
for id in sammanfattning skillnader sidavid metod; do
	has "<section id=\"$id\">"
done
has 'Kompetensbrist och lokala jobbspår: kommunerna jämförda'
python3 "$tmp/parse.py" "$html" || fail "index.html, compare mode"
# the significant difference (7233: 66.5 % against 7.5 %, p = 0.0066) with
# its interval 58.9 -/+ 1.96 x 21.7 = 16.4 to 101.5, cut at 100
csv skillnader | grep -q '^="7233";Underhållsmekaniker och maskinreparatörer;Norrköping – Oskarshamn;66,5;7,5;58,9;16,4;100,0;0,007;' ||
	fail "7233 not among the significant differences with its interval"
csv skillnader | grep -q '^="2221"' && fail "2221 (p = 0.42) listed as significant"
csv skillnader | grep -q '^="4222"' && fail "4222 (no variance) listed as significant"
csv jamforelse_extern | grep -q '^="4222";Kundtjänstpersonal;Norrköping;Oskarshamn;5;4;0,0;0,0;0,0;;;;0;0;0;;ingen spridning i svaren, ingen spridning i balanstalet$' ||
	fail "no-variance row of the survey table"
csv jamforelse_extern | grep -q '^="5120";Kockar och kallskänkor;Norrköping;Oskarshamn;13;2;19,7;\.\.;\.\.;\.\.;\.\.;\.\.;10;\.\.;\.\.;\.\.;få svarande$' ||
	fail "compare.tsv row 5120 not protected"
has 'z-test för två oberoende urval'
has 'Arbetssökande per 1 000 sysselsatta'
has 'Norrköping: bedömning'
has 'Jobbspåren sida vid sida'
[ "$(grep -o '<img src="data:image/' "$html" | wc -l)" -eq 2 ] || fail "compare mode: want its 2 charts"
has 'id="c-compare_index"'
has 'id="c-city_compare"'
# the default report again: the compare-mode CSVs are gone
report -o "$tmp/out" || fail "run without --previous"
for f in skillnader per_1000 jamforelse_spar jamforelse_extern forandring_brist; do
	[ ! -f "$tmp/out/report/$f.csv" ] || fail "stale $f.csv left"
done
! grep -q '<section id="forandring">' "$html" || fail "change section without --previous"
has 'Ingen tidigare körning angavs'

# --previous takes a report folder; a changed threshold is named as such
mkdir "$tmp/prev"
cp -R "$fixture/out" "$tmp/prev/out"
chmod -R u+w "$tmp/prev/out"
report -o "$tmp/prev/out" --set shortage.index_brist=0.8 || fail "previous report"
report -o "$tmp/out" --previous "$tmp/prev/out/report" 2>"$tmp/err" || { cat "$tmp/err"; fail "--previous REPORTFOLDER"; }
has 'Inställningarna har ändrats'
has '<td>shortage.index_brist</td><td>0.8</td><td>1.0</td>'
has 'Indata är desamma.'
hasnt "$tmp"
# the same settings: the change is the data's
report -o "$tmp/prev/out" || fail "previous report, same settings"
report -o "$tmp/out" --previous "$tmp/prev/out/report" || fail "--previous, same settings"
has 'Inställningarna är desamma som i förra rapporten.'
# a run folder works too, and an older report without state.tsv says it cannot tell
report -o "$tmp/out" --previous "$tmp/prev/out" || fail "--previous RUNFOLDER"
has 'Inställningarna är desamma som i förra rapporten.'
report -o "$tmp/out" --previous "$fixture/previous" || fail "--previous of an older run"
has 'Den förra rapporten sparade inte sina inställningar'

# English
report -o "$tmp/out" --lang en || fail "--lang en"
has '<p>4 job tracks are offered in Norrköping in 2025.</p>'
has '<h3 id="forslag">Proposed tracks for next year</h3>'
has '<th>Provider</th><th>Start year</th>'
has '2025 (new)'
has '30 of the 47 eligible named'
csv forslag_0581 | grep -q '^1;Heavy truck and bus drivers;occupation group (SSYK, three digits);8331, 8332;sfi B;compulsory school, 9 years (SUN 2);.*;71;little credible shortage;16 eligible' ||
	fail "English proposal"
has '<dt>Job tracks per municipality and proposals</dt>'
has '<html lang="en">'
has 'synthetic sample data'
has 'Main shortage occupations'
has 'Method and sources'
has 'Yrkesbarometer (Sweden)</th>'
hasnt 'syntetiska'
hasnt 'Sysselsatta'
grep -q "11,408" "$html" || fail "no English-formatted 11,408"

# not synthetic: no banner
report -o "$tmp/out" --set run.synthetic=0 || fail "synthetic=0"
hasnt 'class="banner"'

# thresholds are configurable: with min_persons = 1 the 3 employed are published
report -o "$tmp/out" --set disclosure.min_persons=1 || fail "min_persons=1"
csv brist_0581 | grep -q '^="2211";Specialistläkare;Överskott;-0,40;-0,80;0,00;0;23;3;2;' ||
	fail "min_persons=1 still suppresses 2211"
# with min_respondents = 14 every survey estimate is hidden
report -o "$tmp/out" --set disclosure.min_respondents=14 || fail "min_respondents=14"
! csv brist_0581 | grep -q '^="5120";[^;]*;Brist;1,50;1,10;1,90;88;1;792;152;69;34;' ||
	fail "min_respondents=14 publishes planned hires of 13 respondents"

# an older run: trackfit.tsv without providers or sentences, no
# trackfit_areas.tsv or proposals.tsv: the tracks as before, no proposals
mkdir "$tmp/old"
cp -R "$fixture/out/." "$tmp/old/"
chmod -R u+w "$tmp/old"
cp "$fixture/previous/trackfit.tsv" "$tmp/old/trackfit.tsv"
rm "$tmp/old/trackfit_areas.tsv" "$tmp/old/proposals.tsv"
echo stale >"$tmp/old/report/forslag_0581.csv"
report -o "$tmp/old" 2>"$tmp/err" || { cat "$tmp/err"; fail "older trackfit tables"; }
grep -q '<table id="t-jobbspar_0581">' "$tmp/old/report/index.html" || fail "older run: no track table"
grep -q '<thead><tr><th>Jobbspår</th><th class="n">Platser</th>' "$tmp/old/report/index.html" ||
	fail "older run: track columns not as before"
! grep -q 't-forslag_\|id="forslag"\|erbjuds i' "$tmp/old/report/index.html" || fail "older run: proposals shown"
grep -q 'trackfit_areas.tsv, proposals.tsv' "$tmp/old/report/index.html" || fail "older run: missing tables not named"
[ ! -f "$tmp/old/report/forslag_0581.csv" ] || fail "older run: a proposals CSV"

# degrade: only the shortage tables (shortage.tsv with its two side tables)
mkdir "$tmp/min"
cp "$fixture/out/shortage.tsv" "$fixture/out/shortage_survey.tsv" "$fixture/out/shortage_registry.tsv" "$tmp/min/"
report -o "$tmp/min" 2>"$tmp/err" || { cat "$tmp/err"; fail "shortage tables alone"; }
grep -q 'trackfit.tsv' "$tmp/min/report/index.html" || fail "missing inputs not named"
grep -q 'Inga resultat för jobbspår finns' "$tmp/min/report/index.html" || fail "no tracks note"
[ -f "$tmp/min/report/tabeller.xlsx" ] || fail "no workbook in the minimal run"
echo ok
