# Sourced by tests/sh/test_run_*.sh: fake stage programs that test run.sh
# and stages/graph.mk on their own, independently of the real stages.
#
# fake_setup DIR creates
#   DIR/bin/jobbspar-<stage>  a fake of each stage (the real CLI: -c, --set,
#                             -o, --lang, --previous, --version) that writes
#                             every file docs/TABLES.md names, each a
#                             deterministic function of what the real stage
#                             reads (input files, upstream tables, its
#                             configuration sections), atomically
#   DIR/bin/jobbspar-config   a link to the real one ($BIN): run.sh reads and
#                             checks the configuration through it
#   DIR/data/test.ini         configuration: input in/, refdir ref/, two
#                             tracks a and b, output ../out, key ../keys/
#   DIR/data/in/*.csv, DIR/data/ref/*.csv
#   DIR/calls.log             each fake appends "begin <stage> <pid> <OUT>"
#                             and "end <stage> <pid> <OUT>"
#   DIR/ctl/                  fail-<stage> makes that stage exit 1;
#                             sleep-<stage> holds seconds to sleep first
# The fakes find DIR from their own path, so they work under env -i.

: "${ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"

fake_setup() {
	fk=$1
	mkdir -p "$fk/bin" "$fk/data/in" "$fk/data/ref" "$fk/ctl"
	: >"$fk/calls.log"
	printf 'kommun,name\n0581,Norrköping\n0882,Oskarshamn\n' >"$fk/data/ref/kommuner.csv"
	printf 'a,b\n1,2\n' >"$fk/data/in/first.csv"
	printf 'c\n3\n' >"$fk/data/in/second.csv"
	cat >"$fk/data/test.ini" <<'EOF'
; run.sh test configuration (fake stages)
[run]
input = in
output = ../out
refdir = ref
key_file = ../keys/pseudonym.key
municipalities = 0581, 0882
seed = 42
lang = sv

[survey]
max_cv = 0.35

[shortage]
horizon_years = 5

[track.a]
name = Track A
targets = 5120
capacity = 20

[track.b]
name = Track B
targets = 9111
capacity = 40
EOF
	cat >"$fk/bin/jobbspar-fake" <<'EOF'
#!/bin/sh
# a fake jobbspar stage; see tests/sh/run_fakes.sh
set -eu
stage=${0##*/jobbspar-}
here=$(cd "$(dirname "$0")/.." && pwd)
cfg=data/default.ini out="" sets="" lang="" previous="" compare=""
while [ $# -gt 0 ]; do
	case $1 in
	-c) cfg=$2; shift 2 ;;
	--set) sets="$sets$2
"; shift 2 ;;
	-o) out=$2; shift 2 ;;
	--lang) lang=$2; shift 2 ;;
	--previous) previous=$2; shift 2 ;;
	--compare) compare=1; shift ;;
	--version) echo "jobbspar-$stage 0.1.0"; exit 0 ;;
	*) echo "jobbspar-$stage: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || { echo "jobbspar-$stage: no -o" >&2; exit 2; }
echo "begin $stage $$ $out" >>"$here/calls.log"
[ -f "$here/ctl/sleep-$stage" ] && sleep "$(cat "$here/ctl/sleep-$stage")"
if [ -f "$here/ctl/fail-$stage" ]; then
	echo "jobbspar-$stage: $cfg:1: fake failure" >&2
	echo "end $stage $$ $out" >>"$here/calls.log"
	exit 1
fi
cfgdir=$(cd "$(dirname "$cfg")" && pwd)
# the effective configuration as section.key=value lines (overrides last)
conf=$( { awk '/^[ \t]*[;#]/ || /^[ \t]*$/ { next }
	/^\[/ { s = substr($0, 2, index($0, "]") - 2); next }
	{ e = index($0, "="); k = substr($0, 1, e - 1); v = substr($0, e + 1)
	  gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v); print s "." k "=" v }' "$cfg"
	printf '%s' "$sets"; } | awk -F= '{ k = $1; v = substr($0, length(k) + 2)
	if (!(k in val)) ord[++n] = k; val[k] = v } END { for (i = 1; i <= n; i++) print ord[i] "=" val[ord[i]] }')
get() { printf '%s\n' "$conf" | sed -n "s/^$1=//p"; }
resolve() { case $1 in /*) echo "$1" ;; *) echo "$cfgdir/$1" ;; esac; }
put() { # put FILE: stdin into OUT/FILE atomically
	mkdir -p "$(dirname "$out/$1")"
	cat >"$out/$1.tmp.$$"
	mv -f "$out/$1.tmp.$$" "$out/$1"
}
digest() { sha256sum | cut -c1-16; }
case $stage in
ingest)
	input=$(resolve "$(get run.input)")
	key=$(resolve "$(get run.key_file)")
	if [ ! -f "$key" ]; then
		mkdir -p "$(dirname "$key")"
		(umask 077 && echo "fake key" >"$key")
	fi
	h=$(cat "$input"/* "$key" | digest)
	tracks=$(printf '%s\n' "$conf" | sed -n 's/^track\.\([^.]*\)\..*/\1/p' | sort -u | tr '\n' ' ')
	for t in respondents occupations frame jobseekers employment vacancies outcomes yrkesbarometer; do
		printf 'person\tinput\ttracks\n%s\t%s\t%s\n' "$t" "$h" "$tracks" | put "work/$t.tsv"
	done
	printf 'file,line,column,value,reason\n' | put rejects.csv
	printf '{"files": %s, "reference_year": "%s"}\n' "$(ls "$input" | wc -l)" "$(get run.reference_year)" | put ingest.json
	;;
shortage)
	h=$( { cat "$out"/work/[!w]*.tsv; printf '%s\n' "$conf" | grep -E '^(run|survey|shortage)\.' | grep -v '^run\.output='; } | digest)
	printf 'kommun\tscore\n%s\t%s\n' "$(get run.municipalities)" "$h" | put shortage.tsv
	for t in survey registry indicators sae; do
		printf 'kommun\tx\n%s\t%s\n' "$(get run.municipalities)" "$h" | put "shortage_$t.tsv"
	done
	printf 'kommun\tscore\n%s\t%s\n' "$(get run.municipalities)" "$h" | put compare.tsv
	printf 'response_id\tweight\nr1\t%s\n' "$h" | put work/weights.tsv
	;;
trackfit)
	h=$( { cat "$out/shortage.tsv"; printf '%s\n' "$conf" | grep -E '^(track\.|trackfit\.)'; } | digest)
	printf 'kommun\ttrack\tfit\n%s\t%s\n' "$(get run.municipalities)" "$h" | put trackfit.tsv
	printf 'kommun\ttracks\tnote_sv\n%s\t2\t%s\n' "$(get run.municipalities)" "$h" | put trackfit_areas.tsv
	printf 'kommun\trank\tid\n%s\t1\t%s\n' "$(get run.municipalities)" "$h" | put proposals.tsv
	printf 'term\tcoef\nx\t%s\n' "$h" | put model.tsv
	mkdir -p "$out/restricted"
	chmod 700 "$out/restricted"
	(umask 077 && printf 'person\ttrack\np1\t%s\n' "$h" | put restricted/assignment.tsv)
	;;
plot)
	h=$(cat "$out/trackfit.tsv" "$out/shortage.tsv" | digest)
	tracks=$(printf '%s\n' "$conf" | sed -n 's/^track\.\([^.]*\)\..*/\1/p' | sort -u)
	: >"$out/charts.list.$$"
	for t in $tracks; do
		printf '<svg>%s %s %s</svg>\n' "$t" "$h" "$lang" | put "report/chart-$t.svg"
		echo "chart-$t.svg" >>"$out/charts.list.$$"
	done
	printf 'PNG %s\n' "$h" | put report/compare.png
	{ echo chart; cat "$out/charts.list.$$"; } | put report/charts.tsv
	rm -f "$out/charts.list.$$"
	;;
report)
	{
		echo "<html lang=$lang>"
		cat "$out/report/charts.tsv" "$out/trackfit.tsv" "$out/trackfit_areas.tsv" "$out/proposals.tsv" \
			"$out/shortage.tsv"
		[ -z "$previous" ] || echo "previous: $(cat "$previous/report/index.html" | digest)"
		[ -z "$compare" ] || echo "compare mode"
		echo "</html>"
	} | put report/index.html
	cat "$out/trackfit.tsv" | put report/tabeller.xlsx
	sed 's/\t/;/g' "$out/shortage.tsv" | put report/shortage.csv
	;;
*) echo "jobbspar-$stage: not a fake stage" >&2; exit 2 ;;
esac
echo "end $stage $$ $out" >>"$here/calls.log"
EOF
	chmod +x "$fk/bin/jobbspar-fake"
	for s in ingest shortage trackfit plot report; do
		ln -sf jobbspar-fake "$fk/bin/jobbspar-$s"
	done
	ln -sf "${BIN:-$ROOT/bin}/jobbspar-config" "$fk/bin/jobbspar-config"
}

# the stages that began since the calls log had LINES lines, space-separated
fake_calls_since() {
	tail -n +"$(($1 + 1))" "$FK/calls.log" | awk '$1 == "begin" { printf "%s%s", sep, $2; sep = " " } END { print "" }'
}
fake_calls_mark() { wc -l <"$FK/calls.log" | tr -d ' '; }

fail() {
	echo "FAIL: $*"
	exit 1
}

# same_publish A B: the published folders hold the same files, byte for
# byte, except the manifest's "run" line (the run's id, times and log)
same_publish() {
	diff -r -x manifest.json "$1" "$2" || return 1
	grep -v '^  "run": ' "$1/manifest.json" >"$1.m.tmp"
	grep -v '^  "run": ' "$2/manifest.json" >"$2.m.tmp"
	cmp "$1.m.tmp" "$2.m.tmp" || { diff "$1.m.tmp" "$2.m.tmp" | head -20; rm -f "$1.m.tmp" "$2.m.tmp"; return 1; }
	rm -f "$1.m.tmp" "$2.m.tmp"
}

# complete_publish OUT: OUT is run.sh's link to a complete published folder
complete_publish() {
	[ -L "$1" ] || { echo "$1 is not a link"; return 1; }
	for f in manifest.json ingest.json rejects.csv shortage.tsv compare.tsv trackfit.tsv \
		trackfit_areas.tsv proposals.tsv model.tsv restricted/assignment.tsv report/charts.tsv \
		report/index.html report/tabeller.xlsx work/weights.tsv; do
		[ -f "$1/$f" ] || { echo "$1/$f missing"; return 1; }
	done
	tail -n 1 "$1/manifest.json" | grep -q '^}$' || { echo "$1/manifest.json incomplete"; return 1; }
}
