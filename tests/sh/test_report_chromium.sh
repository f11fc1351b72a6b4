#!/bin/sh
# Renders the fixture run's index.html in headless Chromium and checks that
# every chart image loaded (complete and naturalWidth > 0), that the page
# has its sections, and that no script element or event-handler attribute
# exists in the rendered DOM (the hostile labels stayed text).
#
# The report forbids every script by its Content-Security-Policy, so the
# check runs on a copy whose policy also allows one inline script, which is
# appended to the copy; the unmodified file is rendered too.
: "${BIN:?}" "${ROOT:?}"
set -u
chromium=/usr/bin/chromium
[ -x "$chromium" ] || { echo "skipped: $chromium not installed (apt-get install chromium)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cp -R "$ROOT/tests/fixtures/report/out" "$tmp/out"
chmod -R u+w "$tmp/out"
"$BIN/jobbspar-report" -c "$ROOT/data/default.ini" -o "$tmp/out" \
	--previous "$ROOT/tests/fixtures/report/previous" || fail "report exited $?"
html="$tmp/out/report/index.html"

render() {
	# $1 = file; prints the DOM after load
	HOME="$tmp" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update --disable-sync \
		--no-first-run --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" \
		--virtual-time-budget=5000 --dump-dom "file://$1" 2>"$tmp/chromium.log"
}

# the report as written
render "$html" >"$tmp/plain.dom" || { tail -n 5 "$tmp/chromium.log"; fail "chromium failed on index.html"; }
grep -q 'id="sammanfattning"' "$tmp/plain.dom" || fail "rendered DOM lacks the summary"
grep -q 'id="metod"' "$tmp/plain.dom" || fail "rendered DOM lacks the method section"
! grep -q -i '<script' "$tmp/plain.dom" || fail "rendered DOM holds a script element"

# the copy with the image check
sed -e "s/default-src 'none';/default-src 'none'; script-src 'unsafe-inline';/" \
	-e 's|</body>|<script>window.addEventListener("load",function(){var im=document.images,bad=0;for(var i=0;i<im.length;i++)if(!im[i].complete\|\|im[i].naturalWidth<1)bad++;var h=0,all=document.querySelectorAll("*");for(var k=0;k<all.length;k++)for(var a=0;a<all[k].attributes.length;a++)if(/^on/i.test(all[k].attributes[a].name))h++;var p=document.createElement("pre");p.id="imgcheck";p.textContent="images="+im.length+" broken="+bad+" handlers="+h+" scripts="+document.scripts.length;document.body.appendChild(p);});</script></body>|' \
	"$html" >"$tmp/out/report/check.html"
grep -q "script-src 'unsafe-inline'" "$tmp/out/report/check.html" || fail "could not patch the policy"
render "$tmp/out/report/check.html" >"$tmp/check.dom" || { tail -n 5 "$tmp/chromium.log"; fail "chromium failed on the copy"; }
result=$(sed -n 's/.*<pre id="imgcheck">\([^<]*\)<\/pre>.*/\1/p' "$tmp/check.dom")
echo "chromium: $result"
[ -n "$result" ] || fail "the check did not run"
[ "$result" = "images=4 broken=0 handlers=0 scripts=1" ] || fail "want images=4 broken=0 handlers=0 scripts=1"

# a broken image is detected (the check can fail)
sed 's|src="data:image/png;base64,[A-Za-z0-9+/=]*"|src="data:image/png;base64,AAAA"|' \
	"$tmp/out/report/check.html" >"$tmp/out/report/broken.html"
render "$tmp/out/report/broken.html" >"$tmp/broken.dom" || fail "chromium failed on the broken copy"
grep -q 'images=4 broken=[1-9]' "$tmp/broken.dom" || fail "a broken image went unnoticed"
echo ok
