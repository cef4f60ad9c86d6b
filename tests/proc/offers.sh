#!/usr/bin/env bash
# The offers directory through sozialraumd: deactivation, monthly counts
# with version checks, drafts per user, what provider staff may see, the
# CSV export, and a client that floods without reading its answers.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "offers: server starts" start_server

id=$("$CLIENT" "$SOCK" tl.fg create "Krabbelgruppe") && [ -n "$id" ] &&
	ok "offers: a team lead creates an offer" || not_ok "offers: a team lead creates an offer"

expect_exit 1 "offers: a caseworker of another team may not deactivate it" \
	"$CLIENT" "$SOCK" mmeier deactivate "$id"
expect_exit 0 "offers: the team lead deactivates it" "$CLIENT" "$SOCK" tl.fg deactivate "$id"
expect_output "offers: ... it is marked inactive, ending today" "^inactive $(date +%Y%m%d)$"

expect_exit 0 "offers: a monthly count is entered" "$CLIENT" "$SOCK" tl.fg count "$id" 202610 17 0
expect_output "offers: ... and listed" "^202610=17 v1$"
expect_exit 1 "offers: entering the same month again as new is a conflict" \
	"$CLIENT" "$SOCK" fk.fg count "$id" 202610 20 0
expect_output "offers: ... said as such" "changed by someone else"
expect_exit 0 "offers: correcting it with its version works" \
	"$CLIENT" "$SOCK" fk.fg count "$id" 202610 20 1
expect_output "offers: ... version 2" "^202610=20 v2$"
expect_exit 1 "offers: a negative count is refused" "$CLIENT" "$SOCK" tl.fg count "$id" 202611 -3 0
expect_exit 1 "offers: a count for a month before the offer began is refused" \
	"$CLIENT" "$SOCK" tl.fg count "$id" 202512 5 0
expect_output "offers: ... as out of range" "value out of range"
expect_exit 1 "offers: a count for a month in the future is refused" \
	"$CLIENT" "$SOCK" tl.fg count "$id" "$(date -d "$(date +%Y-%m-15) +1 month" +%Y%m)" 5 0
expect_output "offers: ... as out of range" "value out of range"
expect_exit 1 "offers: another provider's staff (AWO) may not enter counts" \
	"$CLIENT" "$SOCK" traeger.awo count "$id" 202611 3 0
expect_exit 0 "offers: ... the offer's provider's staff (DW) may" \
	"$CLIENT" "$SOCK" traeger.dw count "$id" 202611 3 0

# Drafts belong to their author; a save drops the draft of that form.
d=$("$CLIENT" "$SOCK" fk.fg draft "Elternfrühstück") && [ -n "$d" ] &&
	ok "offers: a draft is stored" || not_ok "offers: a draft is stored"
d2=$("$CLIENT" "$SOCK" fk.fg draft "Elternfrühstück am Montag")
[ "$d" = "$d2" ] && ok "offers: the next draft of the same form replaces it" ||
	not_ok "offers: the next draft of the same form replaces it ($d, $d2)"
expect_exit 0 "offers: the author lists it" "$CLIENT" "$SOCK" fk.fg drafts
expect_output "offers: ... with what was typed" "^D $d fk.fg offers 0 Elternfrühstück am Montag$"
"$CLIENT" "$SOCK" tl.fg drafts >"$TMP/out" 2>&1
[ ! -s "$TMP/out" ] && ok "offers: nobody else sees it" || not_ok "offers: nobody else sees it"
"$CLIENT" "$SOCK" fk.fg create "Elternfrühstück am Montag" >/dev/null
"$CLIENT" "$SOCK" fk.fg drafts >"$TMP/out" 2>&1
[ ! -s "$TMP/out" ] && ok "offers: saving the new offer drops the draft" ||
	not_ok "offers: saving the new offer drops the draft"

# A client that never reads its answers is dropped; the others are served.
expect_exit 0 "offers: a client that floods without reading is dropped" \
	"$CLIENT" "$SOCK" fk.fg flood
expect_output "offers: ... by the server" "^dropped after"
expect_exit 0 "offers: ... and the server serves the others" "$CLIENT" "$SOCK" tl.fg create "Danach"

# CSV export through the worker thread.
expect_exit 0 "export: offers as CSV" "${A[@]}" export offers
head -c 3 "$TMP/out" | od -An -tx1 | grep -q "ef bb bf" && ok "export: ... starts with the UTF-8 BOM" ||
	not_ok "export: ... starts with the UTF-8 BOM"
expect_output "export: ... German header with ;" "Nr\.;Sozialraum;Träger;Name;Art;"
expect_output "export: ... a row with German dates" ";Krabbelgruppe;Gruppe;.*;01\.01\.2026;"
[ "$(grep -c 'FG;DW' "$TMP/out")" -eq 3 ] && ok "export: ... every offer once" ||
	not_ok "export: ... every offer once ($(grep -c 'FG;DW' "$TMP/out"))"
expect_exit 0 "export: filtered by district" "${A[@]}" export offers --district HM
[ "$(wc -l <"$TMP/out")" -eq 1 ] && ok "export: ... only the header for a district without offers" ||
	not_ok "export: ... only the header for a district without offers"
expect_exit 1 "export: an unknown kind is refused" "${A[@]}" export nonsense
expect_output "export: ... saying which kinds exist" "exports: offers"
expect_exit 2 "export: a bad year is a usage error" "${A[@]}" export offers --year 12

kill -TERM "$SERVER"
wait "$SERVER"
expect_exit 0 "offers: verify finds counts, drafts and offers consistent" "${A[@]}" verify
finish
