#!/bin/sh
# make check-valgrind: the end-to-end run on the bundled sample with every
# stage program under valgrind memcheck, through run.sh. JOBBSPAR_BIN points
# at a folder of wrapper scripts (one per stage) that exec
#   valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
# on the real program, so any invalid read or write, use of uninitialised
# memory, bad free or definite leak makes that stage exit 99 and the run
# fail. Afterwards: the published tables and report are byte-identical to an
# ordinary run's (so valgrind saw the real work), and jobbspar-synth (not part
# of run.sh) is checked the same way on a small sample. Exit 0 clean, 1
# errors found (each stage's valgrind log is printed), 77 valgrind missing.
#   JOBBSPAR_BIN=bin sh tests/valgrind.sh      (make check-valgrind sets it)
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
BIN=${JOBBSPAR_BIN:-$ROOT/bin}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export ROOT BIN
. "$ROOT/tests/sh/run_real.sh"
. "$ROOT/tests/sh/run_fakes.sh"
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed (apt-get install valgrind)"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
W=$T/vgbin
mkdir -p "$W" "$T/vglogs"
for s in ingest shortage trackfit plot report synth config; do
	cat >"$W/jobbspar-$s" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
	--log-file=$T/vglogs/$s.%p.log "$BIN/jobbspar-$s" "\$@"
EOF
	chmod +x "$W/jobbspar-$s"
done
now() { date +%s; }
show_logs() {
	for f in "$T"/vglogs/*.log; do
		[ -s "$f" ] || continue
		echo "=== valgrind log $(basename "$f")"
		cat "$f"
	done
}

t0=$(now)
JOBBSPAR_BIN=$W "$ROOT/run.sh" -o "$T/vg" --set run.key_file="$T/keys/pseudonym.key" </dev/null >"$T/run.err" 2>&1
rc=$?
t1=$(now)
if [ $rc != 0 ]; then
	cat "$T/run.err"
	show_logs
	fail "the run under valgrind failed (exit $rc; a stage exiting 99 means valgrind found errors)"
fi
for s in ingest shortage trackfit plot report; do
	grep -q "stage $s: ok in" "$T/vg.d/logs/latest.log" || fail "stage $s did not run under valgrind"
done
grep 'stage [a-z]*: ok in' "$T/vg.d/logs/latest.log" | sed 's/.*stage /  /'

# the same bytes as an ordinary run (the manifest names other programs)
JOBBSPAR_BIN=$BIN "$ROOT/run.sh" -o "$T/plain" --set run.key_file="$T/keys/pseudonym.key" </dev/null ||
	fail "the ordinary run failed"
diff -r -x manifest.json "$T/vg/" "$T/plain/" || fail "the run under valgrind published other bytes"

# jobbspar-synth on a small sample
t2=$(now)
"$W/jobbspar-synth" -c "$ROOT/data/default.ini" --municipalities Oskarshamn --years 2023-2024 \
	--scale 0.05 --seed 1 -o "$T/synth" >"$T/synth.err" 2>&1 || {
	cat "$T/synth.err"
	show_logs
	fail "jobbspar-synth under valgrind failed"
}
t3=$(now)
show_logs | grep -q . && { show_logs; fail "valgrind printed messages"; }
echo "ok: valgrind memcheck clean: run.sh on the sample $((t1 - t0)) s, synth $((t3 - t2)) s"
