#!/usr/bin/env bash
# A hostile staff member learns nothing they may not see, and cannot stall
# the server with the configuration: a record of another provider answers
# the same whether it exists, is locked or not; a reload of a FIFO or a
# huge include is refused while requests are served at once; text that
# could deceive is refused.
. "$(dirname "$0")/../lib.sh"

need setpriv
server_setup
"${A[@]}" init >/dev/null
check "hostile: server starts" start_server
dw=$("$CLIENT" "$SOCK" tl.fg create "Krabbelgruppe")

# Another provider's staff: the same answer for a record that exists and
# is locked, one that exists, and one that does not.
answers() {
	for what in "get $1" "lock $1" "overwrite $1 Übernommen" "deactivate $1"; do
		"$CLIENT" "$SOCK" traeger.awo $what 2>&1
	done
}
answers 999 >"$TMP/none"
answers "$dw" >"$TMP/free"
"$CLIENT" "$SOCK" tl.fg hold "$dw" >"$TMP/hold" &
holder=$!
wait_line "$TMP/hold" "^held"
answers "$dw" >"$TMP/locked"
kill "$holder"
cmp -s "$TMP/none" "$TMP/free" && cmp -s "$TMP/free" "$TMP/locked" &&
	ok "hostile: another provider's offer: the same answers, existing or not, locked or not" ||
	{ paste "$TMP/none" "$TMP/free" "$TMP/locked" | sed 's/^/#   /'; not_ok "hostile: another provider's offer: the same answers, existing or not, locked or not"; }
grep -q "^not found$" "$TMP/locked" && ! grep -qi "locked\|Bearbeitung" "$TMP/locked" &&
	ok "hostile: ... not found, never who edits it" || not_ok "hostile: ... not found, never who edits it"

# Reloads that would stall a reader: refused, and meanwhile requests go on.
cp "$C" "$TMP/good.conf"
mkfifo "$TMP/conf/pipe.conf"
echo '@include "pipe.conf"' >>"$C"
kill -HUP "$SERVER"
wait_line "$TMP/server.log" "pipe.conf is not a regular file" &&
	ok "hostile: a reload with a FIFO include is refused" || not_ok "hostile: a reload with a FIFO include is refused"
start=$(date +%s%N)
"$CLIENT" "$SOCK" tl.fg create "Währenddessen" >/dev/null && took=$((($(date +%s%N) - start) / 1000000)) &&
	[ "$took" -lt 1000 ] && ok "hostile: ... and a save goes through at once (${took} ms)" ||
	not_ok "hostile: ... and a save goes through at once (${took:-?} ms)"
cp "$TMP/good.conf" "$C"
head -c 6000000 /dev/zero | tr '\0' ' ' >"$TMP/conf/long.conf"
echo '@include "long.conf"' >>"$C"
kill -HUP "$SERVER"
wait_line "$TMP/server.log" "long.conf:1: line longer than" &&
	ok "hostile: a reload with a 6 MB line is refused" || not_ok "hostile: a reload with a 6 MB line is refused"
cp "$TMP/good.conf" "$C"
kill -HUP "$SERVER"
wait_line "$TMP/server.log" "configuration reloaded" &&
	ok "hostile: ... a good one is taken afterwards" || not_ok "hostile: ... a good one is taken afterwards"

# Text that could deceive a reader is refused at the save.
expect_exit 1 "hostile: a name with a right-to-left override is refused" \
	"$CLIENT" "$SOCK" tl.fg create "$(printf 'Kinder\u202etreff')"
expect_exit 1 "hostile: a name with a zero-width space is refused" \
	"$CLIENT" "$SOCK" tl.fg create "$(printf 'M\u200bller')"
# --as is for root and the service account: anyone else is told so.
chmod 711 "$TMP"
setpriv --reuid=65534 --regid=65534 --clear-groups "$CLIENT" "$SOCK" tl.fg get "$dw" >"$TMP/out" 2>&1
expect_output "hostile: --as from another user is refused, saying why" "--as ist nur für root"

kill -TERM "$SERVER"
wait "$SERVER"
finish
