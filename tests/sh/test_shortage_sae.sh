#!/bin/sh
# The small-area estimates and the checks on planned hires, on the bundled
# sample: tests/sh/sae_check.py refits both Fay-Herriot models independently
# (plain Python, REML by golden-section search) from the inputs in
# shortage_sae.tsv and compares every estimate and MSE; then the plausibility
# rules of docs/METHOD.md: a published planned-hires figure above the
# occupation's employed is flagged, winsorisation never raises a total, and
# the sample's bank clerks (SSYK 3312: 877 planned hires in the survey
# against 258 employed in Norrköping) are flagged and published from the model.
: "${BIN:?}" "${ROOT:?}"
command -v python3 >/dev/null || { echo "python3 not found"; exit 77; }
[ -x "$BIN/jobbspar-ingest" ] && [ -d "$ROOT/data/sample" ] || { echo "no ingest or sample"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN/jobbspar-ingest" -c "$ROOT/data/default.ini" --set run.key_file="$tmp/key" -o "$tmp/out" >/dev/null || exit 1
"$BIN/jobbspar-shortage" -c "$ROOT/data/default.ini" -o "$tmp/out" || exit 1
python3 "$ROOT/tests/sh/sae_check.py" "$tmp/out" || exit 1
python3 - "$tmp/out" <<'PY' || exit 1
import csv, math, os, sys
out = sys.argv[1]
def read(p):
    with open(p, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
num = lambda v: float(v) if v else math.nan
bad = []
sys.path.insert(0, os.environ["ROOT"] + "/tests/sh")
from shortage_tables import read_joined
for r in read_joined(out):
    E = num(r["employed"]); flags = r["flag"].split(";")
    for col in ("planned_hires", "planned_hires_model"):
        if num(r[col]) > E and "planned_above_employed" not in flags:
            bad.append(f"{r['kommun']} {r['ssyk']}: {col} {r[col]} > employed {E:g} without a flag")
    if r["area_type"] == "kommun" and r["survey_source"] not in ("eblup", "synthetic", "direct"):
        bad.append(f"{r['kommun']} {r['ssyk']}: survey_source {r['survey_source']!r}")
    if r["area_type"] != "kommun" and (r["share_brist_model"] or r["planned_hires_model"]):
        bad.append(f"{r['kommun']} {r['ssyk']}: a model estimate outside a municipality")
for r in read(out + "/shortage_sae.tsv"):
    if r["planned_direct"] and num(r["planned_winsorised"]) > num(r["planned_direct"]) + 1e-9:
        bad.append(f"{r['kommun']} {r['ssyk']}: winsorised total above the direct one")
bank = [r for r in read_joined(out) if r["kommun"] == "0581" and r["ssyk"] == "3312"][0]
if not (num(bank["planned_hires"]) > num(bank["employed"]) and "planned_above_employed" in bank["flag"]):
    bad.append("0581 3312: the implausible direct total is not flagged: " + bank["flag"])
if not (num(bank["planned_hires_model"]) < num(bank["employed"]) and bank["survey_source"] == "eblup"):
    bad.append(f"0581 3312: model estimate {bank['planned_hires_model']} ({bank['survey_source']})")
print("\n".join(bad) if bad else "planned hires checks ok")
sys.exit(1 if bad else 0)
PY
