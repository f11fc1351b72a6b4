#!/bin/sh
# jobbspar-import on a year of JobTech ads: a synthetic JSONL file of
# IMPORT_BENCH_BYTES (default 1 GiB, the size of a real yearly file) streams
# through in bounded memory. Prints the wall and CPU time and the peak RSS
# (/usr/bin/time -v); with REC_FILE set (bench/run.sh's part `import`) also
# appends the row `import` to that results table (bench/lib.sh). Not part of
# make check (minutes, a gigabyte of disk).
#   JOBBSPAR_BIN=$PWD/bin sh bench/import.sh
#   JOBBSPAR_BENCH_ONLY=import make bench
# Environment: IMPORT_BENCH_BYTES, IMPORT_BENCH_DIR (the generated file and
# the output; default build/bench-import), LOGS (default IMPORT_BENCH_DIR/logs).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${JOBBSPAR_BIN:-$ROOT/bin}
BYTES=${IMPORT_BENCH_BYTES:-1073741824}
WORK=${IMPORT_BENCH_DIR:-$ROOT/build/bench-import}
RSS_LIMIT=500 # MB, as every stage of the national run (issue 8)
me=bench/import.sh
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
LOGS=${LOGS:-$WORK/logs}
mkdir -p "$WORK" "$LOGS" || die "cannot create $WORK"
[ -x "$BIN/jobbspar-import" ] || die "$BIN/jobbspar-import: missing; run make first"
ADS=$WORK/ads-$BYTES.jsonl
if [ ! -s "$ADS" ]; then
	say "generating $ADS ..."
	python3 "$ROOT/bench/gen_jobtech_ads.py" "$BYTES" "$ADS.tmp" "$ROOT/data/ref" && mv "$ADS.tmp" "$ADS" ||
		die "cannot generate $ADS (python3?)"
fi
bench_find_time
[ -n "$TIME" ] || die "/usr/bin/time is missing (apt-get install time)"
rm -rf "$WORK/out"
timed import "$BIN/jobbspar-import" -c "$ROOT/data/default.ini" jobtech-ads "$ADS" -o "$WORK/out"
[ "$T_RC" = 0 ] || die "jobbspar-import failed (exit $T_RC): $(tail -n 3 "$LOGS/import.err")"
# rows: the ads read (one per line); MB: the file
read_ads=$(sed -n 's/.*"read": \([0-9]*\), "converted": \([0-9]*\).*/\1 \2/p' "$WORK/out/vacancies.import.json" | head -n 1)
rows=${read_ads% *} converted=${read_ads#* }
mb=$(awk -v b="$(wc -c <"$ADS")" 'BEGIN { printf "%.1f", b / 1e6 }')
mbs=$(awk -v mb="$mb" -v w="$T_WALL" 'BEGIN { printf "%.1f", (w > 0 ? mb / w : 0) }')
echo "import jobtech-ads: $mb MB, $rows ads read, $converted converted; wall $T_WALL s, CPU $T_CPU s," \
	"$mbs MB/s, peak RSS $T_RSS MB"
if [ -n "${REC_FILE:-}" ]; then
	record import "$rows" "$mb" "peak < $RSS_LIMIT MB" "$(check "$T_RSS" lt "$RSS_LIMIT")" \
		"jobtech-ads, one synthetic JSONL year (bench/gen_jobtech_ads.py): $converted ads converted"
fi
