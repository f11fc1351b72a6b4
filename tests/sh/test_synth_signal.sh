#!/bin/sh
# The planted shortage (truth.tsv) is visible in the bundled sample's survey,
# jobseekers and ads, and the outcomes depend on the person's traits
# (tests/unit/synth/check_signal.py computes this from the files).
: "${ROOT:?}"
set -u
command -v python3 >/dev/null || { echo "python3 not found"; exit 77; }
python3 "$ROOT/tests/unit/synth/check_signal.py" "$ROOT/data/sample"
