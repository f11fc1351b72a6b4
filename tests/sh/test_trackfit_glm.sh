#!/bin/sh
# The placement model against R's glm (binomial): ingest, shortage and
# trackfit on the bundled sample, then tests/unit/trackfit/expected_glm.R
# rebuilds the design matrix from docs/METHOD.md and compares every
# coefficient, standard error and the log-likelihood with OUT/model.tsv
# (beside the Python Newton-Raphson check of the unit test).
: "${BIN:?}" "${ROOT:?}"
command -v Rscript >/dev/null || { echo "Rscript not installed (r-base-core)"; exit 77; }
[ -x "$BIN/jobbspar-ingest" ] && [ -d "$ROOT/data/sample" ] || { echo "no ingest or sample"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cfg="$ROOT/data/default.ini"
"$BIN/jobbspar-ingest" -c "$cfg" --set run.key_file="$tmp/key" -o "$tmp/out" >/dev/null || exit 1
"$BIN/jobbspar-shortage" -c "$cfg" -o "$tmp/out" || exit 1
"$BIN/jobbspar-trackfit" -c "$cfg" -o "$tmp/out" >/dev/null || exit 1
# the configured tracks in file order, as the model takes them
tracks=$(sed -n 's/^\[track\.\([^].]*\)\][[:space:]]*$/\1/p' "$cfg" | paste -sd, -)
[ -n "$tracks" ] || { echo "no [track.*] sections in $cfg"; exit 1; }
Rscript "$ROOT/tests/unit/trackfit/expected_glm.R" "$tmp/out/work/outcomes.tsv" "$tmp/out/model.tsv" "$tracks"
