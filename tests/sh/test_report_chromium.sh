#!/bin/sh
# Renders the report in headless Chromium: the fixture run's index.html in
# the default layout and in compare mode (every chart image loaded,
# complete and naturalWidth > 0; the page has its sections; no script
# element or event-handler attribute in the rendered DOM, so the hostile
# labels stayed text), and the bundled sample's report printed to PDF by
# the browser (A4, the print style sheet) for the two municipalities: at
# most 11 pages in the default layout (10 before each track got its
# sentence and the proposals for next year their subsection), at most 10 in
# compare mode.
#
# The report forbids every script by its Content-Security-Policy, so the
# image check runs on a copy whose policy also allows one inline script,
# which is appended to the copy; the unmodified file is rendered too.
# With JOBBSPAR_SHOTS=DIR a screenshot of each section of the sample's
# report (both layouts) is written to DIR, to look at.
: "${BIN:?}" "${ROOT:?}"
set -u
chromium=/usr/bin/chromium
[ -x "$chromium" ] || { echo "skipped: $chromium not installed (apt-get install chromium)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cp -R "$ROOT/tests/fixtures/report/out" "$tmp/out"
chmod -R u+w "$tmp/out"
html="$tmp/out/report/index.html"

browse() {
	# browse FILE OPTION...: chromium on FILE with the options
	file=$1
	shift
	HOME="$tmp" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update --disable-sync \
		--no-first-run --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" \
		"$@" "file://$file" 2>"$tmp/chromium.log"
}
render() { browse "$1" --virtual-time-budget=5000 --dump-dom; }

# check MODE IMAGES: the fixture's report as written and with the image check
check() {
	render "$html" >"$tmp/plain.dom" || { tail -n 5 "$tmp/chromium.log"; fail "chromium failed on index.html ($1)"; }
	grep -q 'id="sammanfattning"' "$tmp/plain.dom" || fail "$1: rendered DOM lacks the summary"
	grep -q 'id="metod"' "$tmp/plain.dom" || fail "$1: rendered DOM lacks the method section"
	! grep -q -i '<script' "$tmp/plain.dom" || fail "$1: rendered DOM holds a script element"
	sed -e "s/default-src 'none';/default-src 'none'; script-src 'unsafe-inline';/" \
		-e 's|</body>|<script>window.addEventListener("load",function(){var im=document.images,bad=0;for(var i=0;i<im.length;i++)if(!im[i].complete\|\|im[i].naturalWidth<1)bad++;var h=0,all=document.querySelectorAll("*");for(var k=0;k<all.length;k++)for(var a=0;a<all[k].attributes.length;a++)if(/^on/i.test(all[k].attributes[a].name))h++;var p=document.createElement("pre");p.id="imgcheck";p.textContent="images="+im.length+" broken="+bad+" handlers="+h+" scripts="+document.scripts.length;document.body.appendChild(p);});</script></body>|' \
		"$html" >"$tmp/out/report/check.html"
	grep -q "script-src 'unsafe-inline'" "$tmp/out/report/check.html" || fail "could not patch the policy"
	render "$tmp/out/report/check.html" >"$tmp/check.dom" || { tail -n 5 "$tmp/chromium.log"; fail "chromium failed on the copy"; }
	result=$(sed -n 's/.*<pre id="imgcheck">\([^<]*\)<\/pre>.*/\1/p' "$tmp/check.dom")
	echo "chromium ($1): $result"
	[ -n "$result" ] || fail "$1: the check did not run"
	[ "$result" = "images=$2 broken=0 handlers=0 scripts=1" ] || fail "$1: want images=$2 broken=0 handlers=0 scripts=1"
}

"$BIN/jobbspar-report" -c "$ROOT/data/default.ini" -o "$tmp/out" \
	--previous "$ROOT/tests/fixtures/report/previous" || fail "report exited $?"
check default 3
# a broken image is detected (the check can fail)
sed 's|src="data:image/png;base64,[A-Za-z0-9+/=]*"|src="data:image/png;base64,AAAA"|' \
	"$tmp/out/report/check.html" >"$tmp/out/report/broken.html"
render "$tmp/out/report/broken.html" >"$tmp/broken.dom" || fail "chromium failed on the broken copy"
grep -q 'images=3 broken=[1-9]' "$tmp/broken.dom" || fail "a broken image went unnoticed"

"$BIN/jobbspar-report" -c "$ROOT/data/default.ini" -o "$tmp/out" --compare || fail "report --compare exited $?"
grep -q 'id="skillnader"' "$html" || fail "compare mode lacks its differences"
check compare 2

# the sample's report printed to PDF
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed: no PDF check"; echo ok; exit 0; }
cfg="$ROOT/data/default.ini"
s="$tmp/sample"
for st in ingest shortage trackfit plot report; do
	if [ "$st" = ingest ]; then
		"$BIN/jobbspar-$st" -c "$cfg" -o "$s" --set run.key_file="$tmp/key"
	else
		"$BIN/jobbspar-$st" -c "$cfg" -o "$s"
	fi || fail "jobbspar-$st exited $?"
done
pages() { # pages PDF: the number of pages
	python3 -c '
import re, sys
d = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"/Type\s*/Page(?![a-z])", d)))' "$1"
}
shots() { # shots LAYOUT: a screenshot of each section, with JOBBSPAR_SHOTS
	[ -n "${JOBBSPAR_SHOTS:-}" ] || return 0
	mkdir -p "$JOBBSPAR_SHOTS"
	for id in $(grep -o '<section id="[a-z]*">' "$s/report/index.html" | sed 's/.*id="\([a-z]*\)".*/\1/'); do
		sed "s|</style>|section:not(#$id),nav{display:none}</style>|" "$s/report/index.html" >"$s/report/shot.html"
		browse "$s/report/shot.html" --window-size=1100,2600 --hide-scrollbars \
			--screenshot="$JOBBSPAR_SHOTS/$1-$id.png" >/dev/null || fail "screenshot of $id"
	done
	browse "$s/report/index.html" --no-pdf-header-footer --print-to-pdf="$JOBBSPAR_SHOTS/$1.pdf" >/dev/null
}
for layout in default compare; do
	[ "$layout" = compare ] && { "$BIN/jobbspar-report" -c "$cfg" -o "$s" --compare || fail "sample --compare"; }
	browse "$s/report/index.html" --no-pdf-header-footer --print-to-pdf="$tmp/$layout.pdf" >/dev/null ||
		{ tail -n 5 "$tmp/chromium.log"; fail "chromium could not print the $layout report"; }
	n=$(pages "$tmp/$layout.pdf")
	echo "printed ($layout, sample): $n pages"
	max=10
	[ "$layout" = default ] && max=11
	[ "$n" -ge 3 ] && [ "$n" -le "$max" ] || fail "the printed $layout report has $n pages, want 3 to $max"
	shots "$layout"
done
echo ok
