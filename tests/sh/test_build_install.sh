#!/bin/sh
# make install honours PREFIX and DESTDIR; make deps as a non-root user
# prints the exact apt-get line for a missing package and exits 1.
set -u
: "${ROOT:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s -C "$ROOT" install DESTDIR="$tmp/dest" PREFIX=/opt/jb >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
for s in ingest; do
	test -x "$tmp/dest/opt/jb/bin/jobbspar-$s" || { echo "jobbspar-$s not installed"; exit 1; }
done
test -f "$tmp/dest/opt/jb/share/jobbspar/ref/ssyk2012_scb_level4.csv" || { echo "reference data not installed"; exit 1; }
test -f "$tmp/dest/opt/jb/share/jobbspar/default.ini" || { echo "default.ini not installed"; exit 1; }
"$tmp/dest/opt/jb/bin/jobbspar-ingest" --version | grep -q '^jobbspar-ingest [0-9]' || exit 1
if command -v runuser >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	cp "$ROOT/Makefile" "$tmp/Makefile"
	chmod 755 "$tmp"
	runuser -u nobody -- make -s -C "$tmp" deps PKGS_WANTED="jobbspar-no-such-package" >"$tmp/out" 2>&1
	rc=$?
	[ $rc -ne 0 ] || { echo "make deps as non-root should fail"; exit 1; }
	grep -q "apt-get install jobbspar-no-such-package" "$tmp/out" || { cat "$tmp/out"; exit 1; }
fi
exit 0
