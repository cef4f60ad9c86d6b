#!/usr/bin/env bash
# make install and uninstall with DESTDIR and prefix, as a package build
# does: the three programs where the design puts them, the four man pages
# rendering from where they were installed, the files install-server uses,
# and nothing left after uninstall.
. "$(dirname "$0")/../lib.sh"
need make
need man

DEST=$TMP/dest
PREFIX=/opt/sozialraum
expect_exit 0 "install: make install DESTDIR=... prefix=..." \
	make -s -C "$BUILDDIR" install DESTDIR="$DEST" prefix="$PREFIX"
root=$DEST$PREFIX
for f in bin/sozialraum sbin/sozialraumd sbin/sozialraum-admin \
	share/man/man1/sozialraum.1 share/man/man8/sozialraumd.8 \
	share/man/man8/sozialraum-admin.8 share/man/man5/sozialraum.conf.5 \
	share/sozialraum/sozialraum.conf share/sozialraum/streets.conf \
	share/sozialraum/sozialraumd.service share/sozialraum/sshd-sozialraum.conf; do
	[ -e "$root/$f" ] || echo "missing: $f"
done >"$TMP/out"
[ -s "$TMP/out" ] && { sed 's/^/#   /' "$TMP/out"; not_ok "install: every file in its place"; } ||
	ok "install: every file in its place"
[ -z "$(find "$DEST" -path "$root" -prune -o -type f -print)" ] &&
	ok "install: nothing outside DESTDIR/prefix" || not_ok "install: nothing outside DESTDIR/prefix"
expect_exit 0 "install: the installed admin command runs" "$root/sbin/sozialraum-admin" --help
expect_exit 0 "install: ... and checks the installed configuration" \
	"$root/sbin/sozialraum-admin" -c "$root/share/sozialraum/sozialraum.conf" check
for page in man1/sozialraum.1 man8/sozialraumd.8 man8/sozialraum-admin.8 man5/sozialraum.conf.5; do
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$root/share/man/$page" >"$TMP/page" 2>"$TMP/out"
	[ ! -s "$TMP/out" ] && [ "$(wc -l <"$TMP/page")" -gt 20 ] &&
		ok "install: $page renders from where it was installed" ||
		{ sed 's/^/#   /' "$TMP/out" | head; not_ok "install: $page renders from where it was installed"; }
done
expect_exit 0 "install: make uninstall" \
	make -s -C "$BUILDDIR" uninstall DESTDIR="$DEST" prefix="$PREFIX"
[ -z "$(find "$DEST" -type f)" ] && ok "install: ... leaves no file behind" ||
	{ find "$DEST" -type f | sed 's/^/#   /'; not_ok "install: ... leaves no file behind"; }
finish
