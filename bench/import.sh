#!/bin/sh
# jobbspar-import on a year of JobTech ads: a synthetic JSONL file of
# IMPORT_BENCH_BYTES (default 1 GiB, the size of a real yearly file) streams
# through in bounded memory. Prints the wall time and the peak RSS
# (/usr/bin/time -v). Not part of make check (minutes, a gigabyte of disk).
#   JOBBSPAR_BIN=$PWD/bin sh bench/import.sh
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${JOBBSPAR_BIN:-$ROOT/bin}
BYTES=${IMPORT_BENCH_BYTES:-1073741824}
WORK=${IMPORT_BENCH_DIR:-$ROOT/build/bench-import}
mkdir -p "$WORK" || exit 1
ADS=$WORK/ads-$BYTES.jsonl
[ -s "$ADS" ] || python3 "$ROOT/bench/gen_jobtech_ads.py" "$BYTES" "$ADS" "$ROOT/data/ref" || exit 1
[ -x /usr/bin/time ] || { echo "bench/import.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
rm -rf "$WORK/out"
/usr/bin/time -v "$BIN/jobbspar-import" -c "$ROOT/data/default.ini" jobtech-ads "$ADS" -o "$WORK/out" \
	2>"$WORK/time.log" || { cat "$WORK/time.log"; exit 1; }
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.log")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.log")
rows=$(($(wc -l <"$WORK/out/vacancies.csv") - 1))
echo "import jobtech-ads: $(du -m "$ADS" | cut -f1) MB, $rows ads converted, wall $wall, peak RSS $((rss / 1024)) MB"
