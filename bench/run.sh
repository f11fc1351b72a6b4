#!/bin/sh
# bench/run.sh: the national benchmark (docs/PERFORMANCE.md), run by
# `make bench`, which sets JOBBSPAR_BIN to the folder of the stage programs.
#
# 1. generates the national input once into bench/cache/national/ with
#    jobbspar-synth --scale national (all 290 municipalities); it is reused
#    while the stamp bench/cache/national/.stamp (synth version, seed, scale,
#    SHA-256 of data/ref) matches;
# 2. runs each stage alone on it (ingest, shortage, trackfit, plot, report,
#    reporting all 290 municipalities) under /usr/bin/time -v;
# 3. runs the whole pipeline (run.sh --force) on it;
# 4. runs trackfit on 1x, 2x and 4x as many candidates (the two sample
#    municipalities at synth scales 2, 4, 8) to show it grows linearly;
# 5. runs bench/compare.sh (the same ingest task with other tools, cat, wc -l);
# 6. runs bench/import.sh: jobbspar-import on a 1 GiB year of JobTech ads
#    (generated once into bench/cache/import/).
# Results: bench/results.tsv (one row per measurement, columns below) and a
# table on standard output; progress on standard error.
#
# Environment: JOBBSPAR_BIN (default bin/), JOBBSPAR_BENCH_CACHE (default
# bench/cache), JOBBSPAR_BENCH_RESULTS (default bench/results.tsv),
# JOBBSPAR_BENCH_SEED (default 20261123), JOBBSPAR_BENCH_ONLY (a space-separated
# subset of: stages pipeline scaling compare import; default all).
set -eu
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
BIN=${JOBBSPAR_BIN:-$ROOT/bin}
CACHE=${JOBBSPAR_BENCH_CACHE:-$ROOT/bench/cache}
RESULTS=${JOBBSPAR_BENCH_RESULTS:-$ROOT/bench/results.tsv}
SEED=${JOBBSPAR_BENCH_SEED:-20261123}
ONLY=${JOBBSPAR_BENCH_ONLY:-stages pipeline scaling compare import}
me=bench
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

wanted() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }

for s in synth ingest shortage trackfit plot report; do
	[ -x "$BIN/jobbspar-$s" ] || die "$BIN/jobbspar-$s: missing; run make first"
done
CORES=$(nproc 2>/dev/null || echo 1)
mkdir -p "$CACHE" || die "cannot create $CACHE"
CACHE=$(cd "$CACHE" && pwd -P)
LOGS=$CACHE/logs
mkdir -p "$LOGS"
bench_find_time

REC_FILE=$RESULTS.tmp
printf '%s\n' "$COLUMNS_TSV" >"$RESULTS.tmp"

# ------------------------------------------------------------- the national input
# ALL: the 290 municipality codes, comma-separated (too long for one line
# of an INI file, so it is passed with --set)
ALL=$(awk -F, 'NR > 1 && $1 ~ /^[0-9][0-9][0-9][0-9]$/ { printf "%s%s", (n++ ? "," : ""), $1 }' \
	"$ROOT/data/ref/kommuner_sverige.csv")
NMUNI=$(printf '%s\n' "$ALL" | awk -F, '{ print NF }')

# synth_input DIR SYNTH-OPTION...: DIR holds the synthetic input made with
# these options (generated now unless its stamp matches: the same synth
# version, options, seed and data/ref); sets T_* when generated
synth_input() {
	si_dir=$1
	shift
	si_stamp=$(
		printf 'synth %s\nseed %s\noptions %s\n' "$("$BIN/jobbspar-synth" --version)" "$SEED" "$*"
		cat "$ROOT"/data/ref/* | sha256sum | cut -d ' ' -f 1
	)
	if [ -f "$si_dir/.stamp" ] && [ "$(cat "$si_dir/.stamp")" = "$si_stamp" ]; then
		SYNTH_CACHED=1
		return 0
	fi
	SYNTH_CACHED=0
	rm -rf "$si_dir" "$si_dir.tmp"
	timed "synth-$(basename "$si_dir")" "$BIN/jobbspar-synth" -c "$ROOT/data/default.ini" \
		"$@" --seed "$SEED" -o "$si_dir.tmp"
	[ "$T_RC" = 0 ] || die "jobbspar-synth failed (exit $T_RC): $(tail -n 3 "$LOGS/synth-$(basename "$si_dir").err")"
	# truth files are for tests: not input
	rm -f "$si_dir.tmp/truth.tsv" "$si_dir.tmp/truth_outcomes.tsv" "$si_dir.tmp/dirty.tsv"
	printf '%s\n' "$si_stamp" >"$si_dir.tmp/.stamp"
	mv "$si_dir.tmp" "$si_dir"
}

NAT=$CACHE/national
# (the import part alone needs no national input)
if wanted stages || wanted pipeline || wanted scaling || wanted compare; then
	say "national input: $NAT"
	synth_input "$NAT" --scale national
	if [ "$SYNTH_CACHED" = 1 ]; then
		say "  reused (stamp matches: same synth version, seed $SEED and data/ref)"
	else
		rows_bytes "$NAT"/*.csv
		record synth "$RB_ROWS" "$RB_MB" "" "-" "generated the national input (rows, MB: written)"
		say "  generated in $T_WALL s"
	fi
fi

# the configuration: data/default.ini with the benchmark's paths; the
# municipalities are passed with --set
CFG=$CACHE/national.ini
awk -v cache="$CACHE" -v ref="$ROOT/data/ref" '
	/^\[/ { sec = $0 }
	sec == "[run]" && /^input[ \t]*=/ { print "input = " cache "/national"; next }
	sec == "[run]" && /^output[ \t]*=/ { print "output = " cache "/pipeline"; next }
	sec == "[run]" && /^refdir[ \t]*=/ { print "refdir = " ref; next }
	sec == "[run]" && /^key_file[ \t]*=/ { print "key_file = " cache "/pseudonym.key"; next }
	{ print }' "$ROOT/data/default.ini" >"$CFG.tmp"
mv "$CFG.tmp" "$CFG"

# ------------------------------------------------------------- each stage alone
RSS_LIMIT=500 # MB, for the national run (issue 8)
OUT=$CACHE/stages
if wanted stages; then
	rm -rf "$OUT"
	mkdir -p "$OUT"
	for stage in ingest shortage trackfit plot report; do
		case $stage in
		ingest) rows_bytes "$NAT"/*.csv ;;
		shortage) rows_bytes "$OUT"/work/employment.tsv "$OUT"/work/vacancies.tsv "$OUT"/work/jobseekers.tsv \
			"$OUT"/work/respondents.tsv "$OUT"/work/occupations.tsv "$OUT"/work/frame.tsv \
			"$OUT"/work/yrkesbarometer.tsv ;;
		trackfit) rows_bytes "$OUT"/shortage.tsv "$OUT"/work/jobseekers.tsv "$OUT"/work/outcomes.tsv \
			"$OUT"/work/occupations.tsv "$OUT"/work/weights.tsv ;;
		plot) rows_bytes "$OUT"/shortage.tsv "$OUT"/trackfit.tsv "$OUT"/work/vacancies.tsv \
			"$OUT"/work/jobseekers.tsv ;;
		report) rows_bytes "$OUT"/shortage.tsv "$OUT"/trackfit.tsv "$OUT"/model.tsv "$OUT"/compare.tsv \
			"$OUT"/work/weights.tsv "$OUT"/rejects.csv "$OUT"/report/charts.tsv ;;
		esac
		say "$stage: $RB_ROWS rows, $RB_MB MB in ..."
		verbose=""
		[ "$stage" = shortage ] && verbose=-v # its "model fit" line
		timed "$stage" env LC_ALL="$STAGE_LOCALE" "$BIN/jobbspar-$stage" -c "$CFG" $verbose \
			--set "run.municipalities=$ALL" -o "$OUT"
		met_rss=$(check "$T_RSS" lt "$RSS_LIMIT")
		if [ "$stage" = ingest ]; then
			mpc=$(awk -v mb="$RB_MB" -v c="$T_CPU" 'BEGIN { if (c == "NA" || c <= 0) print "NA"; else printf "%.1f", mb / c }')
			met=$(both "$(check "$mpc" ge 300)" "$met_rss")
			target="CSV >= 300 MB/s per core (MB per CPU second); peak < $RSS_LIMIT MB"
		else
			met=$met_rss
			target="peak < $RSS_LIMIT MB"
		fi
		note=""
		if [ "$T_RC" != 0 ]; then
			met=no
			note="FAILED (exit $T_RC): $(grep -v '^[[:space:]]' "$LOGS/$stage.err" | tail -n 1)"
		fi
		record "$stage" "$RB_ROWS" "$RB_MB" "$target" "$met" "$note"
		say "  $T_WALL s wall, $T_CPU s CPU, peak $T_RSS MB${note:+; $note}"
		if [ "$stage" = shortage ] && [ "$T_RC" = 0 ]; then
			# the credible-shortage and small-area model fits inside the stage
			fit=$(sed -n 's/.*model fit: \([0-9.]*\) s (\(.*\))$/\1 \2/p' "$LOGS/$stage.err")
			if [ -n "$fit" ]; then
				T_WALL=${fit%% *} T_CPU=NA T_RSS=NA
				record shortage.models "" "" "inside shortage" "-" "${fit#* }"
				say "  model fit: $fit"
			fi
		fi
		[ "$T_RC" = 0 ] || break
	done
fi

# ------------------------------------------------------------- the whole pipeline
if wanted pipeline; then
	PIPE=$CACHE/pipeline
	rows_bytes "$NAT"/*.csv
	say "pipeline: run.sh --force on $RB_MB MB, $NMUNI municipalities ..."
	timed pipeline env JOBBSPAR_BIN="$BIN" "$ROOT/run.sh" -c "$CFG" --set "run.municipalities=$ALL" \
		-o "$PIPE" --force --no-wait -q -j "$CORES"
	PIPE_WALL=$T_WALL PIPE_CPU=$T_CPU PIPE_RSS=$T_RSS PIPE_RC=$T_RC
	met=$(both "$(check "$T_WALL" lt 60)" "$(check "$T_RSS" lt "$RSS_LIMIT")")
	note=""
	[ "$T_RC" = 0 ] || { met=no; note="FAILED (exit $T_RC): $(tail -n 4 "$LOGS/pipeline.err" | tr '\n' ' ')"; }
	record pipeline "$RB_ROWS" "$RB_MB" "< 60 s on $CORES cores; peak < $RSS_LIMIT MB" "$met" "$note"
	say "  $T_WALL s wall, $T_CPU s CPU, peak $T_RSS MB${note:+; $note}"
	# where the time went: run-stage.sh's timing of each stage of this run
	log=$(readlink -f "$PIPE.d/logs/latest.log" 2>/dev/null || :)
	run_id=$(basename "${log:-none}" .log)
	run_id=${run_id#run-}
	staged=0
	for stage in ingest shortage trackfit plot report; do
		f=$PIPE.d/build/.graph/runs/$run_id/$stage.time
		[ -f "$f" ] || continue
		T_WALL=$(cat "$f") T_CPU=NA T_RSS=NA
		staged=$(awk -v a="$staged" -v b="$T_WALL" 'BEGIN { printf "%.3f", a + b }')
		record "pipeline.$stage" "" "" "" "-" "time of the stage inside run.sh"
	done
	T_WALL=$(awk -v a="$PIPE_WALL" -v b="$staged" 'BEGIN { printf "%.2f", a - b }') T_CPU=NA T_RSS=NA
	record pipeline.other "" "" "" "-" "run.sh itself: input hashes, stage graph, publish copy, manifest"
	T_WALL=$PIPE_WALL T_CPU=$PIPE_CPU T_RSS=$PIPE_RSS
	[ "$PIPE_RC" = 0 ] || say "  the pipeline failed; log: $log"
	# the same with a PNG copy of every chart, which plot.png_max (default
	# 20) leaves out for a national run: what the PNGs cost
	say "pipeline with every PNG (plot.png_max=100000) ..."
	timed pipeline-png env JOBBSPAR_BIN="$BIN" "$ROOT/run.sh" -c "$CFG" --set "run.municipalities=$ALL" \
		--set plot.png_max=100000 -o "$CACHE/pipeline-png" --force --no-wait -q -j "$CORES"
	note="the same with a PNG copy of every chart (--set plot.png_max=100000)"
	[ "$T_RC" = 0 ] || note="FAILED (exit $T_RC): $(tail -n 4 "$LOGS/pipeline-png.err" | tr '\n' ' ')"
	record pipeline.with_png "$RB_ROWS" "$RB_MB" "" "-" "$note"
	say "  $T_WALL s wall, $T_CPU s CPU, peak $T_RSS MB"
fi

# ------------------------------------------------------------- trackfit scaling
# The same two municipalities (the sample's) at synth scales 2, 4 and 8: the
# candidates and outcomes grow with the scale, the rest stays. Only trackfit
# is timed; seconds per candidate should not grow.
if wanted scaling; then
	say "trackfit scaling: synth scales 2, 4, 8 (0581, 0882) ..."
	first=""
	for scale in 2 4 8; do
		dir=$CACHE/scale-$scale
		synth_input "$dir" --scale "$scale" --municipalities 0581,0882
		out=$CACHE/scale-$scale.out
		scfg=$CACHE/scale-$scale.ini
		sed "s|^input = .*|input = $dir|" "$CFG" >"$scfg"
		rm -rf "$out"
		for stage in ingest shortage; do
			LC_ALL=$STAGE_LOCALE "$BIN/jobbspar-$stage" -c "$scfg" -o "$out" >"$LOGS/scale-$scale.$stage" 2>&1 ||
				die "$stage failed on $dir: $(tail -n 3 "$LOGS/scale-$scale.$stage")"
		done
		timed "trackfit-scale-$scale" env LC_ALL="$STAGE_LOCALE" "$BIN/jobbspar-trackfit" -c "$scfg" -o "$out" -v
		[ "$T_RC" = 0 ] || die "trackfit failed on $dir: $(tail -n 3 "$LOGS/trackfit-scale-$scale.err")"
		cand=$(sed -n 's/.*: \([0-9][0-9]*\) candidates, .*/\1/p' "$LOGS/trackfit-scale-$scale.err" | tail -n 1)
		outc=$(sed -n 's/.*jobseekers in .* municipalities, \([0-9][0-9]*\) outcomes.*/\1/p' "$LOGS/trackfit-scale-$scale.err" | tail -n 1)
		per=$(awk -v w="$T_WALL" -v c="${cand:-0}" 'BEGIN { if (c > 0) printf "%.3f", 1000 * w / c; else print "NA" }')
		[ -n "$first" ] || first=$per
		met=$(awk -v p="$per" -v f="$first" 'BEGIN { if (p == "NA" || f == "NA") print "NA"; else print (p <= 1.25 * f ? "yes" : "no") }')
		record "trackfit.scale$scale" "${cand:-}" "" "ms per candidate <= 1.25 x the scale-2 run" "$met" \
			"$cand candidates, $outc outcomes: $per ms per candidate"
		say "  scale $scale: $cand candidates, $outc outcomes, $T_WALL s ($per ms per candidate)"
	done
fi

# ------------------------------------------------------------- import
# jobbspar-import streaming a 1 GiB year of JobTech ads (bench/import.sh
# records its row `import`)
if wanted import; then
	say "import: jobtech-ads on a 1 GiB JSONL year ..."
	if JOBBSPAR_BIN=$BIN LOGS=$LOGS REC_FILE=$REC_FILE IMPORT_BENCH_DIR=$CACHE/import \
		sh "$ROOT/bench/import.sh" >"$LOGS/import.bench" 2>&1; then
		say "  $(tail -n 1 "$LOGS/import.bench")"
	else
		T_WALL=NA T_CPU=NA T_RSS=NA
		record import "" "" "peak < $RSS_LIMIT MB" no "FAILED: $(tail -n 1 "$LOGS/import.bench")"
		say "  bench/import.sh failed: $(tail -n 1 "$LOGS/import.bench")"
	fi
fi

mv "$RESULTS.tmp" "$RESULTS"

# ------------------------------------------------------------- other tools
if wanted compare; then
	JOBBSPAR_BIN=$BIN JOBBSPAR_BENCH_CACHE=$CACHE JOBBSPAR_BENCH_RESULTS=$RESULTS sh "$ROOT/bench/compare.sh" ||
		say "bench/compare.sh failed; its rows are missing"
fi

# ------------------------------------------------------------- the table
printf 'jobbspar benchmark, %s, %s cores, %s; national input: %s municipalities\n' \
	"$(date '+%Y-%m-%d %H:%M')" "$CORES" "$(uname -m)" "$NMUNI"
awk -F '\t' '
	NR == 1 { next }
	{ n++; for (i = 1; i <= NF; i++) c[n, i] = $i }
	END {
		printf "%-22s %8s %8s %10s %10s %8s %8s %8s %8s  %-4s %s\n", "stage", "wall s", "cpu s", "rows",
			"rows/s", "MB", "MB/s", "MB/cpu-s", "peak MB", "met", "target; note"
		for (r = 1; r <= n; r++)
			printf "%-22s %8s %8s %10s %10s %8s %8s %8s %8s  %-4s %s%s%s\n", c[r, 1], c[r, 2], c[r, 3], c[r, 4],
				c[r, 5], c[r, 6], c[r, 7], c[r, 8], c[r, 9], c[r, 11], c[r, 10],
				(c[r, 10] != "" && c[r, 12] != "" ? "; " : ""), c[r, 12]
	}' "$RESULTS"
say "results: $RESULTS"
