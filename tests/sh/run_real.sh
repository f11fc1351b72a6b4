# Sourced by tests/sh/test_run_e2e*.sh: skips (exit 77) unless every real
# stage program is built in $BIN and the bundled sample exists.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-$ROOT/bin}
for s in ingest shortage trackfit plot report; do
	if [ ! -x "$BIN/jobbspar-$s" ]; then
		echo "$BIN/jobbspar-$s is not built yet"
		exit 77
	fi
done
if [ ! -d "$ROOT/data/sample" ]; then
	echo "the bundled sample data/sample does not exist yet"
	exit 77
fi
