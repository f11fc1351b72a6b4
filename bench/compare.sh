#!/bin/sh
# bench/compare.sh: jobbspar-ingest against the tools an analyst would
# otherwise use, on the same national input and in the same run
# (docs/PERFORMANCE.md). Run by bench/run.sh (make bench), which generates
# the input first; it can also be run alone after that.
#
# The task, for every tool: read every CSV file of the national input
# (bench/cache/national/*.csv), parse it, and aggregate employment.csv (sum of
# employed by year x kommun x SSYK), vacancies.csv (ads and sum of vacancies
# by kommun x SSYK x year of publication) and jobseekers.csv (count by
# kommun), writing the aggregates to a file. jobbspar-ingest does more on
# the same bytes (validates every field against the code lists, pseudonymises
# identity numbers, writes every row), so the ratios are an upper bound on
# what it could gain.
#
#   R data.table   Debian r-cran-data.table (fread, all cores); skipped if absent
#   DuckDB         the duckdb command-line program on PATH; skipped if absent
#   awk            the same aggregates with awk -F, (no CSV quoting, no checks)
#   libcsv         bench/csvparse: libcsv's csv_parse alone (no checks, no
#                  output), the floor under any ingest through libcsv
#   cat, wc -l     the machine's limit: reading the bytes, counting the lines
#
# Each tool runs once after a warm-up read of the files (all from the page
# cache). Prints a table with the ratio (jobbspar-ingest wall time / the
# tool's) and appends rows compare.<tool> to JOBBSPAR_BENCH_RESULTS.
set -eu
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
BIN=${JOBBSPAR_BIN:-$ROOT/bin}
CACHE=${JOBBSPAR_BENCH_CACHE:-$ROOT/bench/cache}
RESULTS=${JOBBSPAR_BENCH_RESULTS:-$ROOT/bench/results.tsv}
me=bench/compare
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

NAT=$CACHE/national
CFG=$CACHE/national.ini
if [ ! -f "$NAT/.stamp" ] || [ ! -f "$CFG" ]; then die "$NAT: no national input; run make bench first"; fi
[ -x "$BIN/jobbspar-ingest" ] || die "$BIN/jobbspar-ingest: missing; run make first"
LOGS=$CACHE/logs
WORK=$CACHE/compare
mkdir -p "$LOGS"
rm -rf "$WORK"
mkdir -p "$WORK"
bench_find_time
REC_FILE=$WORK/rows.tsv
: >"$REC_FILE"
CORES=$(nproc 2>/dev/null || echo 1)

set -- "$NAT"/*.csv
rows_bytes "$@"
ROWS=$RB_ROWS MB=$RB_MB
say "$# files, $ROWS rows, $MB MB; warm-up read"
cat "$@" >/dev/null

# tool NAME NOTE CMD...: times CMD, keeps the figures as NAME_*
tool() {
	t=$1 n=$2
	shift 2
	say "$t ..."
	timed "compare-$t" "$@"
	if [ "$T_RC" != 0 ]; then
		say "  $t failed (exit $T_RC): $(tail -n 3 "$LOGS/compare-$t.err" | tr '\n' ' ')"
		return 0
	fi
	say "  $T_WALL s wall, $T_CPU s CPU, peak $T_RSS MB"
	printf '%s\t%s\t%s\t%s\t%s\n' "$t" "$T_WALL" "$T_CPU" "$T_RSS" "$n" >>"$WORK/times.tsv"
}
: >"$WORK/times.tsv"

tool jobbspar-ingest "validates, pseudonymises, writes every row" \
	env LC_ALL="$STAGE_LOCALE" "$BIN/jobbspar-ingest" -c "$CFG" -o "$WORK/ingest-out"
tool cat "cat FILES > /dev/null" sh -c 'cat "$@" >/dev/null' sh "$@"
# libcsv alone (bench/csvparse.c, built by make bench): csv_parse with
# counting callbacks and the ingest's options, one thread, nothing else
CSVPARSE=${JOBBSPAR_CSVPARSE:-}
if [ -n "$CSVPARSE" ] && [ -x "$CSVPARSE" ]; then
	tool libcsv "libcsv csv_parse alone, counting callbacks, one thread" "$CSVPARSE" "$@"
else
	say "bench/csvparse not built (make bench builds it): libcsv alone skipped"
fi
tool wc "wc -l FILES" wc -l "$@"

# the aggregates with awk: the fields are at fixed positions in the
# synthetic files (header checked), no quoted commas in these three files
cat >"$WORK/agg.awk" <<'EOF'
FNR == 1 {
	file = FILENAME; sub(/.*\//, "", file)
	if (file == "employment.csv" && $0 != "year,kommun,ssyk,sex,age,employed") bad = 1
	if (file == "vacancies.csv" && $0 !~ /^ad_id,published,removed,kommun,ssyk,vacancies/) bad = 1
	if (file == "jobseekers.csv" && $0 !~ /^personnummer,kommun,/) bad = 1
	next
}
file == "employment.csv" { emp[$1 "\t" $2 "\t" $3] += $6; next }
file == "vacancies.csv" { k = $4 "\t" $5 "\t" substr($2, 1, 4); ads[k]++; pos[k] += $6; next }
file == "jobseekers.csv" { js[$2]++; next }
END {
	if (bad) { print "unexpected header" > "/dev/stderr"; exit 1 }
	for (k in emp) print "employment", k, emp[k]
	for (k in ads) print "vacancies", k, ads[k], pos[k]
	for (k in js) print "jobseekers", k, js[k]
}
EOF
AWK=$(command -v mawk || command -v awk)
tool awk "$AWK -F, aggregates (no quoting, no checks)" \
	"$AWK" -F, -v OFS='\t' -f "$WORK/agg.awk" "$@"

if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(data.table)' >/dev/null 2>&1; then
	cat >"$WORK/agg.R" <<'EOF'
suppressMessages(library(data.table))
setDTthreads(0L)
args <- commandArgs(TRUE)
out <- args[1]
files <- args[-1]
codes <- c("kommun", "ssyk", "ssyk_experience", "ssyk_wanted", "sni", "lan", "ssyk4_codes")
tabs <- list()
for (f in files) {
	hdr <- names(fread(f, nrows = 0L))
	tabs[[basename(f)]] <- fread(f, colClasses = list(character = intersect(codes, hdr)),
				     encoding = "UTF-8", showProgress = FALSE)
}
e <- tabs[["employment.csv"]][, .(employed = sum(employed)), by = .(year, kommun, ssyk)]
v <- tabs[["vacancies.csv"]][, .(ads = .N, vacancies = sum(vacancies)),
			     by = .(kommun, ssyk, year = substr(published, 1, 4))]
j <- tabs[["jobseekers.csv"]][, .N, by = kommun]
fwrite(e, paste0(out, ".employment.tsv"), sep = "\t")
fwrite(v, paste0(out, ".vacancies.tsv"), sep = "\t")
fwrite(j, paste0(out, ".jobseekers.tsv"), sep = "\t")
cat(getDTthreads(), "\n", file = paste0(out, ".threads"))
EOF
	tool datatable "R data.table fread, all cores" Rscript "$WORK/agg.R" "$WORK/dt" "$@"
	if [ -f "$WORK/dt.threads" ]; then
		thr=$(tr -d ' \n' <"$WORK/dt.threads")
		sed -i "s/\tR data.table fread, all cores\$/\tR data.table fread, $thr threads/" "$WORK/times.tsv"
	fi
else
	say "R data.table not installed (Debian: apt-get install r-cran-data.table): skipped"
fi

if command -v duckdb >/dev/null 2>&1; then
	cat >"$WORK/agg.sql" <<EOF
COPY (SELECT year, kommun, ssyk, sum(employed) AS employed
      FROM read_csv('$NAT/employment.csv', types = {'kommun': 'VARCHAR', 'ssyk': 'VARCHAR'})
      GROUP BY ALL) TO '$WORK/duck.employment.tsv' (DELIMITER '\t');
COPY (SELECT kommun, ssyk, substr(published::VARCHAR, 1, 4) AS year, count(*) AS ads, sum(vacancies) AS vacancies
      FROM read_csv('$NAT/vacancies.csv', types = {'kommun': 'VARCHAR', 'ssyk': 'VARCHAR'})
      GROUP BY ALL) TO '$WORK/duck.vacancies.tsv' (DELIMITER '\t');
COPY (SELECT kommun, count(*) AS n FROM read_csv('$NAT/jobseekers.csv', all_varchar = true)
      GROUP BY ALL) TO '$WORK/duck.jobseekers.tsv' (DELIMITER '\t');
EOF
	for f in "$@"; do
		case $f in */employment.csv | */vacancies.csv | */jobseekers.csv) ;;
		*) printf "SELECT count(*) FROM read_csv('%s', all_varchar = true);\n" "$f" >>"$WORK/agg.sql" ;;
		esac
	done
	tool duckdb "DuckDB read_csv" duckdb -c ".read $WORK/agg.sql"
else
	say "DuckDB (duckdb on PATH) not installed: skipped (not packaged in Debian)"
fi

# the table and the results rows: ratio = jobbspar-ingest wall / the tool's
JB=$(awk -F '\t' '$1 == "jobbspar-ingest" { print $2 }' "$WORK/times.tsv")
while IFS="$(printf '\t')" read -r t w c r n; do
	T_WALL=$w T_CPU=$c T_RSS=$r
	ratio=$(awk -v a="$JB" -v b="$w" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "NA" }')
	record "compare.$t" "$ROWS" "$MB" "" "-" "$n; jobbspar-ingest / this = $ratio"
done <"$WORK/times.tsv"
printf '\njobbspar-ingest against other tools on the same %s MB (%s rows, %s files), %s cores:\n' "$MB" "$ROWS" "$#" "$CORES"
awk -F '\t' -v jb="$JB" -v mb="$MB" '{
	printf "  %-16s %7.2f s wall %7.2f s CPU %7.1f MB/s %6s MB peak   jobbspar-ingest takes %5s x as long   (%s)\n",
		$1, $2, $3, ($2 > 0 ? mb / $2 : 0), $4, ($2 > 0 && jb > 0 ? sprintf("%.2f", jb / $2) : "NA"), $5
}' "$WORK/times.tsv"
[ -f "$RESULTS" ] || printf '%s\n' "$COLUMNS_TSV" >"$RESULTS"
cat "$REC_FILE" >>"$RESULTS"
