#!/usr/bin/env bash
# The man pages: each renders without a warning; sozialraum-admin(8) has an
# entry for every command the program's --help lists, sozialraum.conf(5) one
# for every setting the configuration loader knows, and each program's page
# names every option of its usage. A command, setting or option added
# without its documentation fails here.
. "$(dirname "$0")/../lib.sh"
need man

DOC=$SRCDIR/doc
PAGES=(sozialraum.1 sozialraumd.8 sozialraum.conf.5 sozialraum-admin.8)

# --- each page renders cleanly ---

for page in "${PAGES[@]}"; do
	file=$DOC/$page
	if [ ! -f "$file" ]; then
		not_ok "man: $page exists"
		continue
	fi
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$file" >"$TMP/page" 2>"$TMP/warnings"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$TMP/warnings" ] && [ -s "$TMP/page" ]; then
		ok "man: $page renders without a warning"
	else
		sed 's/^/#   /' "$TMP/warnings" | head -20
		echo "#   man exit $rc"
		not_ok "man: $page renders without a warning"
	fi
	# groff itself, without the preprocessors man adds, reads bytes, not
	# UTF-8: every character outside ASCII is written as an escape
	# (\(:a for ä, \(ss for ß, \(sc for §, \[u20AC] ...)
	if LC_ALL=C grep -n '[^[:print:][:space:]]' "$file" >"$TMP/raw"; then
		sed 's/^/#   /' "$TMP/raw" | head -5
		echo "#   write characters outside ASCII as groff escapes (\\(:a, \\(ss, \\(sc)"
		not_ok "man: $page is ASCII"
	else
		ok "man: $page is ASCII"
	fi
	if command -v groff >/dev/null 2>&1; then
		if groff -man -ww -z "$file" >"$TMP/warnings" 2>&1 && [ ! -s "$TMP/warnings" ]; then
			ok "man: $page passes groff -ww"
		else
			sed 's/^/#   /' "$TMP/warnings" | head -20
			not_ok "man: $page passes groff -ww"
		fi
	fi
	if command -v lexgrog >/dev/null 2>&1; then
		check "man: $page has a NAME line whatis can read" lexgrog "$file"
	fi
done

# The words a page documents: the first words of each .TP tag (before a
# "(" that explains them; "from, to" gives both) and of each .SS heading,
# with fonts, quotes and \% taken away.
entries() {
	awk '
	function words(line,   n, w, i) {
		gsub(/\\f[BIRP]/, "", line)
		gsub(/\\%/, "", line)
		gsub(/\\\(dq|"/, " ", line)
		sub(/^\.[A-Z]+[ \t]*/, "", line)
		gsub(/,/, " ", line)
		n = split(line, w, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			if (w[i] ~ /^\(/ || w[i] ~ /^\[/)
				break
			if (w[i] != "")
				print w[i]
		}
	}
	prev == ".TP" { words($0) }
	/^\.SS / { words($0) }
	{ prev = $1 }
	' "$1" | sort -u
}

# --- sozialraum-admin(8): every command of --help ---

admin_page=$DOC/sozialraum-admin.8
if "$ADMIN" --help >"$TMP/help" 2>&1; then
	awk '/^commands:/ { f = 1; next } f && /^  [a-z]/ { print $1 }' "$TMP/help" >"$TMP/commands"
	if [ -s "$TMP/commands" ]; then
		ok "man: sozialraum-admin --help lists commands"
	else
		sed 's/^/#   /' "$TMP/help" | head -20
		not_ok "man: sozialraum-admin --help lists commands"
	fi
	entries "$admin_page" >"$TMP/documented"
	while read -r command; do
		if grep -qxF -- "$command" "$TMP/documented"; then
			ok "man: sozialraum-admin(8) documents '$command'"
		else
			echo "#   no .TP entry for '$command' in doc/sozialraum-admin.8"
			not_ok "man: sozialraum-admin(8) documents '$command'"
		fi
	done <"$TMP/commands"
else
	sed 's/^/#   /' "$TMP/help" | head -20
	not_ok "man: sozialraum-admin --help"
fi

# --- sozialraum.conf(5): every setting the loader knows ---

# The loader is table-driven (config_schema.c: .name = "..."); a setting
# looked up by name anywhere in the loader's files counts too.
cat "$SRCDIR"/src/model/config*.c |
	grep -oE '\.name = "[a-z_0-9]+"|config_(setting_)?(lookup|get_member)[a-z_0-9]*\([^,()]+, *"[a-z_0-9]+"' |
	sed -E 's/.*"([a-z_0-9]+)"$/\1/' | sort -u >"$TMP/keys"
if [ "$(wc -l <"$TMP/keys")" -ge 20 ]; then
	ok "man: the loader's settings are found ($(wc -l <"$TMP/keys"))"
else
	sed 's/^/#   /' "$TMP/keys"
	not_ok "man: the loader's settings are found"
fi
entries "$DOC/sozialraum.conf.5" >"$TMP/documented"
missing=$(grep -vxF -f "$TMP/documented" "$TMP/keys")
if [ -z "$missing" ]; then
	ok "man: sozialraum.conf(5) documents every setting"
else
	echo "#   settings without an entry in doc/sozialraum.conf.5:" $missing
	not_ok "man: sozialraum.conf(5) documents every setting"
fi

# --- each program's page: every option of its usage ---

# options PROGRAM ARGS...: the options its usage names (-c, --as, ...).
options() {
	"$@" 2>&1 | grep -oE '(^|[[ ])--?[A-Za-z][-A-Za-z]*' | sed -E 's/^[[ ]//' | sort -u
}

# In the page an option is written with \- for each '-'.
documents_option() {
	local pattern
	pattern=$(printf '%s' "$2" | sed 's/-/\\\\-/g')
	grep -qE -- "(^|[^-])${pattern}([^A-Za-z-]|$)" "$1"
}

for entry in "sozialraum.1 sozialraum --help" "sozialraumd.8 sozialraumd -h" \
	"sozialraum-admin.8 sozialraum-admin --help"; do
	read -r page program flag <<<"$entry"
	options "$BUILDDIR/$program" "$flag" >"$TMP/options"
	if [ ! -s "$TMP/options" ]; then
		not_ok "man: $program's usage names its options"
		continue
	fi
	missing=""
	while read -r option; do
		documents_option "$DOC/$page" "$option" || missing="$missing $option"
	done <"$TMP/options"
	if [ -z "$missing" ]; then
		ok "man: $page names every option of $program ($(wc -l <"$TMP/options"))"
	else
		echo "#   options of $program missing in doc/$page:$missing"
		not_ok "man: $page names every option of $program"
	fi
done

finish
