#!/bin/sh
# Every configuration key a stage reads is declared in the schema
# (pipeline/schema.c) with that stage among its readers, so the check
# knows it, docs/CONFIG.md documents it and run.sh's incremental graph
# reruns the stage when it changes. The reads are found in the source: a
# call with the section and key as string literals (config_get, config_long,
# config_double, config_str, config_path, config_find and the stages' own
# wrappers such as range, config_count, config_long_min), a
# track field read as (cfg, section, "field"), config_sections(cfg,
# "track.") for the track ids, and the pipeline/stage.c helpers a stage
# calls (stage_refdir: run.refdir, ...). The retirement keys, built with
# snprintf, are compared with the registry by tests/unit/shortage/
# test_schema_keys.c.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-${JOBBSPAR_BIN:-$ROOT/bin}}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN/jobbspar-config" --list-keys >"$T/keys" || { echo "jobbspar-config --list-keys failed"; exit 1; }
[ -s "$T/keys" ] || { echo "no keys listed"; exit 1; }

# "stage<TAB>section.key" for every read found in the source
cd "$ROOT" || exit 1
for f in stages/*/*.c; do
	stage=${f#stages/}
	stage=${stage%%/*}
	[ "$stage" = config ] && continue
	# literal section and key
	grep -hoE '(config_(get|long|double|str|path|find)|range|config_count|config_long_min)\([^;"]*"[a-z_]+", *"[a-z0-9_-]+"' "$f" |
		sed -E 's/.*"([a-z_]+)", *"([a-z0-9_-]+)"$/\1.\2/' | sed "s/^/$stage	/"
	# a track field: (cfg, section, "field")
	grep -hoE 'cfg, *(section|sec\[i\]|sections\[i\]), *"[a-z_]+"' "$f" |
		sed -E 's/.*"([a-z_]+)"$/track.<id>.\1/' | sed "s/^/$stage	/"
	grep -qE 'config_sections\([^,]*, *"track\."' "$f" && printf '%s\ttrack.<id>\n' "$stage"
	# the helpers of pipeline/stage.c
	grep -q 'stage_refdir(' "$f" && printf '%s\trun.refdir\n' "$stage"
	grep -q 'stage_output_dir(' "$f" && printf '%s\trun.output\n' "$stage"
	grep -q 'stage_reference_year(' "$f" && printf '%s\trun.reference_year\n' "$stage"
	grep -q 'stage_municipalities(' "$f" && printf '%s\trun.municipalities\n' "$stage"
done | sort -u >"$T/reads"

# the helpers must still read what this script says they read
for pair in stage_refdir:'"run", "refdir"' stage_output_dir:'"run", "output"' \
	stage_reference_year:'"run", "reference_year"' stage_municipalities:'"run", "municipalities"'; do
	fn=${pair%%:*} lit=${pair#*:}
	awk -v fn="$fn" '$0 ~ "^[a-z].*" fn "\\(" { on = 1 } on { print } on && /^}/ { exit }' pipeline/stage.c |
		grep -qF "$lit" || { echo "FAIL: $fn in pipeline/stage.c no longer reads $lit: update this test"; exit 1; }
done

[ "$(wc -l <"$T/reads")" -gt 100 ] || { echo "FAIL: only $(wc -l <"$T/reads") reads found: is the grep still right?"; cat "$T/reads"; exit 1; }
fail=0
while IFS='	' read -r stage key; do
	line=$(awk -F '\t' -v k="$key" '$1 == k' "$T/keys")
	if [ -z "$line" ]; then
		echo "FAIL: $stage reads $key, which the schema (pipeline/schema.c) does not declare"
		fail=1
		continue
	fi
	readers=$(printf '%s\n' "$line" | cut -f 5)
	case ",$readers," in
	*",$stage,"*) ;;
	*) echo "FAIL: $stage reads $key, but the schema lists only $readers as its readers"; fail=1 ;;
	esac
done <"$T/reads"
[ $fail = 0 ] || exit 1
echo "ok: $(wc -l <"$T/reads") reads of $(cut -f 2 "$T/reads" | sort -u | wc -l) keys, all declared"
