#!/bin/sh
# jobbspar-shortage with every one of the 290 municipalities reporting (a
# national run: 290 municipalities, 21 counties and SE, more areas than the
# 64 the stage once allowed). On the hand-made fixture, whose rows are in
# 0581 and 0882: the run succeeds, and the rows of 0581, 0882, their
# counties and SE are byte for byte those of the run that reports only
# 0581 and 0882 (an area's figures never depend on which others report).
# compare.tsv holds its header only above shortage.compare_max
# municipalities (default 20), and every pair with a larger limit.
: "${BIN:?}" "${ROOT:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for run in two all allpairs; do
	mkdir -p "$tmp/$run"
	cp -R "$ROOT/tests/fixtures/shortage/work" "$tmp/$run/"
done
all=$(awk -F, 'NR > 1 { printf "%s%s", (n++ ? "," : ""), $1 }' "$ROOT/data/ref/kommuner_sverige.csv")
[ "$(printf '%s\n' "$all" | awk -F, '{ print NF }')" = 290 ] || { echo "expected 290 municipalities in data/ref"; exit 1; }

"$BIN/jobbspar-shortage" -c "$ROOT/data/default.ini" --set run.municipalities=0581,0882 -o "$tmp/two" || exit 1
"$BIN/jobbspar-shortage" -c "$ROOT/data/default.ini" --set "run.municipalities=$all" -o "$tmp/all" || exit 1
"$BIN/jobbspar-shortage" -c "$ROOT/data/default.ini" --set "run.municipalities=$all" \
	--set shortage.compare_max=290 -o "$tmp/allpairs" || exit 1

# the areas of the two-municipality run, taken from the national one
# (shortage.tsv with shortage_survey.tsv and shortage_registry.tsv beside it)
python3 "$ROOT/tests/sh/shortage_tables.py" "$tmp/two" >"$tmp/two-shortage.tsv" || exit 1
python3 "$ROOT/tests/sh/shortage_tables.py" "$tmp/all" |
	awk -F '\t' 'NR == 1 || $1 == "0581" || $1 == "0882" || $1 == "L05" || $1 == "L08" || $1 == "SE"' \
	>"$tmp/all-shortage-5.tsv"
# every column but the models' (verdict, the shortage index and its rank, the
# small-area estimates and the flag, which names model-based checks): by
# design they borrow strength from the other reporting municipalities
# (docs/METHOD.md "Credible shortage"), so they change when more report
model='verdict flag shortage_index shortage_index_lo shortage_index_hi p_brist rank evidence
share_brist_model share_brist_model_lo share_brist_model_hi planned_hires_model
planned_hires_model_lo planned_hires_model_hi survey_source'
for f in "$tmp/two-shortage.tsv" "$tmp/all-shortage-5.tsv"; do
	awk -F '\t' -v drop="$model" 'BEGIN { n = split(drop, d, /[ \n]+/); for (i = 1; i <= n; i++) skip[d[i]] = 1 }
		NR == 1 { for (i = 1; i <= NF; i++) keep[i] = !($i in skip) }
		{ out = ""; for (i = 1; i <= NF; i++) if (keep[i]) out = out $i "\t"; print out }' "$f" >"$f.cut"
done
cmp "$tmp/two-shortage.tsv.cut" "$tmp/all-shortage-5.tsv.cut" || { echo "shortage.tsv: the areas of 0581 and 0882 differ"; exit 1; }
[ "$(wc -l <"$tmp/two/shortage.tsv")" -gt 1 ] || { echo "shortage.tsv: no rows"; exit 1; }
[ "$(wc -l <"$tmp/two/compare.tsv")" -gt 1 ] || { echo "compare.tsv: no pairs for 0581, 0882"; exit 1; }
[ "$(wc -l <"$tmp/all/compare.tsv")" = 1 ] || { echo "compare.tsv: pairs above shortage.compare_max"; exit 1; }
head -n 1 "$tmp/two/compare.tsv" | cmp - "$tmp/all/compare.tsv" || { echo "compare.tsv: header differs"; exit 1; }
awk -F '\t' 'NR == 1 || ($3 == "0581" && $4 == "0882")' "$tmp/allpairs/compare.tsv" >"$tmp/allpairs-2.tsv"
cmp "$tmp/two/compare.tsv" "$tmp/allpairs-2.tsv" || { echo "compare.tsv: the pair 0581, 0882 differs"; exit 1; }
cmp "$tmp/two/work/weights.tsv" "$tmp/all/work/weights.tsv" || { echo "weights.tsv differs"; exit 1; }
exit 0
