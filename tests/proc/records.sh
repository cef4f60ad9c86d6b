#!/usr/bin/env bash
# The record service through sozialraumd: pages that continue from the last
# position, word search, what each role lists and opens, the one write path
# (an impossible date refused whole), and events reaching the other open
# sessions that may see the record, and only those.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "records: server starts" start_server

# 121 offers of DW in FG (the saves of a team lead and of the head of office).
"$CLIENT" "$SOCK" tl.fg saves 120 >"$TMP/saves" && ok "records: 120 offers saved" ||
	not_ok "records: 120 offers saved"
turnen=$("$CLIENT" "$SOCK" amt create "Väter-Kind-Turnen") || not_ok "records: one more offer"
expect_exit 0 "records: the whole list in pages" "$CLIENT" "$SOCK" tl.fg list
expect_output "records: ... every offer once, in three pages of 50" "^121 offers in 3 pages$"
[ "$(grep -c '^O ' "$TMP/out")" -eq "$(grep '^O ' "$TMP/out" | sort -u | wc -l)" ] &&
	ok "records: ... no offer twice across pages" || not_ok "records: ... no offer twice across pages"
expect_exit 0 "records: pages walked back from where a page began" "$CLIENT" "$SOCK" tl.fg walkback
expect_output "records: ... give the offers before it, in reverse order (keyset both ways)" \
	"^121 offers forward, 100 before the last page walked back, in reverse order$"
expect_exit 0 "records: word search" "$CLIENT" "$SOCK" tl.fg list "turnen"
expect_output "records: ... 'turnen' finds Väter-Kind-Turnen" "^1 offers in 1 pages$"
expect_exit 0 "records: word search, ä typed as a" "$CLIENT" "$SOCK" tl.fg list "vater"
expect_output "records: ... 'vater' finds it too" "^O Väter-Kind-Turnen$"
expect_exit 0 "records: two words" "$CLIENT" "$SOCK" tl.fg list "kind VÄTER"
expect_output "records: ... both must begin words of the name" "^1 offers in 1 pages$"
expect_exit 1 "records: controlling (aggregates only) may not list offers" "$CLIENT" "$SOCK" ctrl list
expect_output "records: ... refused as not permitted" "^not permitted"

# Provider staff list and open only their own provider's offers.
expect_exit 0 "records: provider staff (AWO) list" "$CLIENT" "$SOCK" traeger.awo list
expect_output "records: ... none of DW's 121" "^0 offers in 1 pages$"
expect_exit 1 "records: ... and cannot open one" "$CLIENT" "$SOCK" traeger.awo get "$turnen"
expect_output "records: ... it does not exist for them" "not found"
expect_exit 0 "records: DW's staff open it" "$CLIENT" "$SOCK" traeger.dw get "$turnen"

# One write path: the deactivation validates the whole record.
expect_exit 1 "records: deactivating with an impossible day is refused" \
	"$CLIENT" "$SOCK" tl.fg deactivate "$turnen" 20251399
expect_output "records: ... as an invalid date" "invalid value|Datum"
expect_exit 0 "records: ... the offer is unchanged" "$CLIENT" "$SOCK" tl.fg get "$turnen"

# Events: an open session learns of a save it may see, at once.
"$CLIENT" "$SOCK" fk.fg events 1 10000 >"$TMP/ev1" 2>&1 &
ev1=$!
"$CLIENT" "$SOCK" traeger.awo events 1 1500 >"$TMP/ev2" 2>&1 &
ev2=$!
wait_line "$TMP/ev1" "^ready" && wait_line "$TMP/ev2" "^ready" &&
	ok "records: two sessions wait for events" || not_ok "records: two sessions wait for events"
new=$("$CLIENT" "$SOCK" tl.fg create "Neu im Sozialraum")
wait "$ev1" && grep -q "^E offers $new tl.fg$" "$TMP/ev1" &&
	ok "records: the other session is told of the new offer" ||
	{ sed 's/^/#   /' "$TMP/ev1"; not_ok "records: the other session is told of the new offer"; }
! wait "$ev2" && ! grep -q "^E " "$TMP/ev2" &&
	ok "records: ... provider staff of another provider are not" ||
	{ sed 's/^/#   /' "$TMP/ev2"; not_ok "records: ... provider staff of another provider are not"; }

kill -TERM "$SERVER"
wait "$SERVER"
expect_exit 0 "records: verify finds every index and parent consistent" "${A[@]}" verify
finish
