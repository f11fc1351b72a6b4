#!/bin/sh
# The fields trackfit reads from the sections of one track's offer
# ([offer.<id>.<kommun>], read as (cfg, osec, "field") in stages/trackfit/)
# are declared in the schema as offer.<id>.<kommun>.field with trackfit
# among their readers, so the check knows them, docs/CONFIG.md documents
# them and run.sh reruns trackfit when one changes; and --stage-config
# trackfit names every offer and bundle section with its fields (a changed
# offer reruns trackfit). tests/sh/test_config_keys.sh does the same for the
# sections with fixed names and the track fields.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=${BIN:-${JOBBSPAR_BIN:-$ROOT/bin}}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$BIN/jobbspar-config" --list-keys >"$T/keys" || { echo "jobbspar-config --list-keys failed"; exit 1; }
grep -ho 'cfg, osec, "[a-z_]*"' "$ROOT"/stages/trackfit/*.c | sed 's/.*"\(.*\)"/\1/' | sort -u >"$T/fields"
[ "$(wc -l <"$T/fields")" -ge 4 ] || { echo "FAIL: only $(wc -l <"$T/fields") offer fields found: is the grep still right?"; exit 1; }
fail=0
while read -r f; do
	line=$(awk -F '\t' -v k="offer.<id>.<kommun>.$f" '$1 == k' "$T/keys")
	case ",$(printf '%s' "$line" | cut -f 5)," in
	*,trackfit,*) ;;
	*) echo "FAIL: trackfit reads offer field $f, which the schema does not declare for trackfit"; fail=1 ;;
	esac
done <"$T/fields"
"$BIN/jobbspar-config" -c "$ROOT/data/default.ini" --stage-config trackfit >"$T/stamp" || exit 1
for want in '^offer\.restaurang\.0882$' '^offer\.restaurang\.0882\.capacity=10$' \
	'^offer\.eget\.0882\.end=2023$' '^offer\.grund\.0581\.capacity (default)$' '^bundle\.vard\.targets='; do
	grep -q "$want" "$T/stamp" || { echo "FAIL: --stage-config trackfit lacks $want"; fail=1; }
done
# a changed offer changes trackfit's stamp and no other stage's
"$BIN/jobbspar-config" -c "$ROOT/data/default.ini" --set offer.grund.0882.capacity=16 \
	--stage-config trackfit >"$T/stamp2" || exit 1
cmp -s "$T/stamp" "$T/stamp2" && { echo "FAIL: an offer's capacity does not change trackfit's stamp"; fail=1; }
for s in ingest shortage plot; do
	a=$("$BIN/jobbspar-config" -c "$ROOT/data/default.ini" --stage-config $s | cksum)
	b=$("$BIN/jobbspar-config" -c "$ROOT/data/default.ini" --set offer.grund.0882.capacity=16 --stage-config $s | cksum)
	[ "$a" = "$b" ] || { echo "FAIL: an offer's capacity changes $s's stamp"; fail=1; }
done
[ $fail = 0 ] || exit 1
echo "ok: $(wc -l <"$T/fields") offer fields declared; offers and bundles in trackfit's stamp"
