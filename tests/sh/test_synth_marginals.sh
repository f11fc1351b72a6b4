#!/bin/sh
# The employment marginals of jobbspar-synth match SCB's national table scaled
# to each municipality's population share, within the tolerances stated and
# computed independently in tests/unit/synth/expected_marginals.py.
: "${BIN:?}" "${ROOT:?}"
set -u
command -v python3 >/dev/null || { echo "python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN/jobbspar-synth" -c "$ROOT/data/default.ini" --municipalities 0581,0882,0180,2584,1280 --scale 0.05 \
	-o "$tmp/s" || { echo "synth failed"; exit 1; }
python3 "$ROOT/tests/unit/synth/expected_marginals.py" "$ROOT/data/ref" "$tmp/s" || exit 1
# the check can fail: double one municipality's counts and expect a failure
awk -F, 'BEGIN{OFS=","} NR>1 && $2=="0882" {$6=$6*2} {print}' "$tmp/s/employment.csv" >"$tmp/e" &&
	mv "$tmp/e" "$tmp/s/employment.csv"
if python3 "$ROOT/tests/unit/synth/expected_marginals.py" "$ROOT/data/ref" "$tmp/s" >/dev/null; then
	echo "FAIL: the marginal check accepted doubled counts"; exit 1
fi
echo ok
