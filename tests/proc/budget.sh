#!/usr/bin/env bash
# The budget's aggregates through the server: what a decision commits in
# the year moves its district's figures in the same transaction, to the
# cent; an extension adds, an end releases; verify recomputes every
# figure from the records and finds them equal, also after decisions from
# several clients at once and a kill -9 of the server among them.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
expect_exit 0 "budget: demo with measures" "${A[@]}" demo --cases 300 --measures 140
expect_output "budget: ... the demo says what they commit" "^demo: FG committed in [0-9]{4}: "
expect_exit 0 "budget: verify finds every figure as its records give it" "${A[@]}" verify
check "budget: server starts" start_server

year=$(date +%Y)
# a figure of a line of district D in the year, in cents: figure D LINE
# COLUMN (4 committed, 5 spent, 6 open, 7 available)
figure() {
	"${A[@]}" export budget --year "$year" --district "$1" >"$TMP/budget" 2>&1
	awk -F';' -v line="$2" -v col="$3" '$2 == line { gsub(",", "", $col); print $col + 0 }' \
		"$TMP/budget"
}
committed() { figure FG fallspezifisch 4; }
saved_id() { sed -n 's/^saved \([0-9]*\) [0-9]*$/\1/p' "$TMP/out"; }
version_of() {
	"$CLIENT" "$SOCK" fk.fg rget measures "$1" | sed -n 's/^version=//p'
}

"${A[@]}" export budget --year "$year" >"$TMP/out" 2>&1
expect_output "export: the columns of design.md" \
	"^.?Sozialraum;Budgetlinie;Plan;Gebunden;Ausgegeben;Offen;Verfügbar;Prognose.?$"
expect_output "export: ... every district's lines" "^GL;fallunspezifisch;"
before=$(committed)

"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Budget" "address=Ulzburger Straße 250" \
	initiator=2 reason=13 status=offen >"$TMP/out" 2>&1
case_id=$(saved_id)
# Heimerziehung at 195,00 € a day, 1 to 10 December: 1.950,00 € in the year
home=(case_id="$case_id" "recipient=Tom B." birth_year=2012 service=34 provider=AWO
	start=01.12.$year end=10.12.$year)
"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${home[@]}" >"$TMP/out" 2>&1
m=$(saved_id)
[ "$(committed)" -eq "$before" ] && ok "budget: a proposal commits nothing" ||
	not_ok "budget: a proposal commits nothing"
expect_exit 0 "budget: the team lead approves it" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m" measure_version=1 decision=bewilligt
[ "$(committed)" -eq $((before + 195000)) ] &&
	ok "budget: ... the district's committed grows by its cost in the year, to the cent" ||
	not_ok "budget: ... the district's committed grows by its cost in the year, to the cent"
expect_exit 0 "budget: the caseworker extends it to 20 December" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m" "$(version_of "$m")" "${home[@]/end=10.12.$year/end=20.12.$year}"
[ "$(committed)" -eq $((before + 195000)) ] && ok "budget: ... which commits nothing until decided" ||
	not_ok "budget: ... which commits nothing until decided"
expect_exit 0 "budget: ... the team lead approves the extension" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m" measure_version="$(version_of "$m")" \
	decision=bewilligt
[ "$(committed)" -eq $((before + 390000)) ] && ok "budget: ... ten days more committed" ||
	not_ok "budget: ... ten days more committed"
expect_exit 0 "budget: the caseworker ends it on 5 December" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m" "$(version_of "$m")" "${home[@]/end=10.12.$year/end=20.12.$year}" \
	ended=05.12.$year end_reason=10 lived_after=01 following_help=6
[ "$(committed)" -eq $((before + 97500)) ] && ok "budget: ... what is no longer needed is released" ||
	not_ok "budget: ... what is no longer needed is released"

# Bookings: the budget clerk pays; spent grows, open shrinks, to the cent.
spent=$(figure FG fallspezifisch 5) open=$(figure FG fallspezifisch 6)
pay=(measure_id="$m" date=03.12.$year amount=500,00 invoice=R-1001 "payee=AWO Kreisverband")
expect_exit 1 "booking: a caseworker books nothing" "$CLIENT" "$SOCK" fk.fg rput bookings 0 0 "${pay[@]}"
expect_exit 0 "booking: the budget clerk books 500,00 € on the measure" \
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 "${pay[@]}"
b1=$(saved_id)
[ "$(figure FG fallspezifisch 5)" -eq $((spent + 50000)) ] && ok "booking: ... spent grows by it" ||
	not_ok "booking: ... spent grows by it"
[ "$(figure FG fallspezifisch 6)" -eq $((open - 50000)) ] && ok "booking: ... open shrinks by it" ||
	not_ok "booking: ... open shrinks by it"
expect_exit 1 "booking: the same invoice of the same payee is refused" \
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 "${pay[@]}"
expect_output "booking: ... naming the booking" "schon gebucht: Buchung Nr\. $b1 "
expect_exit 1 "booking: a negative amount is a correction only" \
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 "${pay[@]/amount=500,00/amount=-100,00}" invoice=R-1001-S
expect_exit 1 "booking: a correction of more than was booked is refused" \
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 "${pay[@]/amount=500,00/amount=-600,00}" corrects="$b1"
expect_exit 0 "booking: a correction of 100,00 €" \
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 "${pay[@]/amount=500,00/amount=-100,00}" corrects="$b1"
[ "$(figure FG fallspezifisch 5)" -eq $((spent + 40000)) ] && ok "booking: ... spent shrinks by it" ||
	not_ok "booking: ... spent shrinks by it"
expect_exit 1 "booking: on a measure that does not exist: refused" \
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 measure_id=999999 date=03.12.$year amount=1,00 \
	invoice=R-2 "payee=x"
"$CLIENT" "$SOCK" amt rget offers 1 >"$TMP/out" 2>&1
od=$(sed -n 's/^district=//p' "$TMP/out") ol=$(sed -n 's/^budget_line=//p' "$TMP/out")
ospent=$(figure "$od" "$ol" 5)
expect_exit 0 "booking: an offer's booking" \
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 offer_id=1 date=02.12.$year amount=1234,56 \
	invoice=R-3 "payee=Sozialwerk"
[ "$(figure "$od" "$ol" 5)" -eq $((ospent + 123456)) ] && ok "booking: ... on its line's spent" ||
	not_ok "booking: ... on its line's spent"
"${A[@]}" export bookings --year "$year" >"$TMP/out" 2>&1
expect_output "export: the bookings' columns of design.md" \
	"^.?Buchung;Datum;Betrag;Maßnahme;Angebot;Sozialraum;Budgetlinie.?$"
expect_output "export: ... a booking on a measure" "^$b1;03\.12\.$year;500,00;$m;;FG;fallspezifisch.?$"
expect_output "export: ... its correction" "^[0-9]+;03\.12\.$year;-100,00;$m;;FG;fallspezifisch.?$"
expect_output "export: ... an offer's" "^[0-9]+;02\.12\.$year;1234,56;;1;$od;"

# Decisions and bookings from several clients at once, the server killed
# among them.
ids=()
for i in 1 2 3 4 5 6; do
	"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${home[@]/recipient=Tom B./recipient=Kind $i.}" \
		>"$TMP/out" 2>&1
	ids+=("$(saved_id)")
done
for i in 0 1 2; do
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="${ids[$i]}" measure_version=1 \
		decision=bewilligt >"$TMP/d$i" 2>&1 &
	"$CLIENT" "$SOCK" amt rput approvals 0 0 measure_id="${ids[$((i + 3))]}" measure_version=1 \
		decision=bewilligt >"$TMP/e$i" 2>&1 &
	# and two budget clerks booking on the ended measure meanwhile
	"$CLIENT" "$SOCK" wjh rput bookings 0 0 measure_id="$m" date=04.12.$year amount=2,00 \
		invoice=C-$i "payee=AWO Kreisverband" >/dev/null 2>&1 &
	"$CLIENT" "$SOCK" skoester rput bookings 0 0 measure_id="$m" date=04.12.$year amount=3,00 \
		invoice=K-$i "payee=AWO Kreisverband" >/dev/null 2>&1 &
done
wait_line "$TMP/d0" "^saved"
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null
wait
expect_exit 0 "budget: after decisions and bookings at once and a kill -9, verify finds every figure right" \
	"${A[@]}" verify
check "budget: the server starts again" start_server
# (a decision the kill cut off after its commit is stored, unacknowledged)
approved=0 lost=0
for i in 0 1 2 3 4 5; do
	"$CLIENT" "$SOCK" fk.fg rget measures "${ids[$i]}" | grep -q '^status=bewilligt$' &&
		approved=$((approved + 1))
done
for f in "$TMP"/d? "$TMP"/e?; do
	id=$(sed -n 's/^saved \([0-9]*\) [0-9]*$/\1/p' "$f")
	[ -n "$id" ] || continue
	"$CLIENT" "$SOCK" fk.fg rget approvals "$id" | grep -q '^decision=bewilligt$' || lost=$((lost + 1))
done
[ "$lost" -eq 0 ] && ok "budget: ... every acknowledged decision is there" ||
	not_ok "budget: ... every acknowledged decision is there"
[ "$(committed)" -eq $((before + 97500 + approved * 195000)) ] &&
	ok "budget: ... and each approved measure committed once" ||
	not_ok "budget: ... and each approved measure committed once"

# A stream of bookings, the server killed with kill -9 in the middle of it:
# every acknowledged booking is there once, the figures agree with them.
stream_spent=$(figure FG fallspezifisch 5)
(
	for i in $(seq 1 400); do
		echo "S-$i $("$CLIENT" "$SOCK" wjh rput bookings 0 0 measure_id="$m" date=04.12.$year \
			amount=1,00 invoice=S-$i "payee=AWO Kreisverband" 2>&1)"
	done
) >"$TMP/stream" &
stream=$!
wait_line "$TMP/stream" "^S-40 saved"
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null
wait "$stream"
expect_exit 0 "stream: after kill -9 among bookings, verify finds every figure right" \
	"${A[@]}" verify
check "stream: the server starts again" start_server
acked=0 missing=0
while read -r invoice word id _; do
	[ "$word" = saved ] || continue
	acked=$((acked + 1))
	"$CLIENT" "$SOCK" wjh rget bookings "$id" | grep -q "^invoice=$invoice$" || missing=$((missing + 1))
done <"$TMP/stream"
[ "$acked" -ge 40 ] && [ "$missing" -eq 0 ] &&
	ok "stream: every acknowledged booking is there ($acked)" ||
	not_ok "stream: every acknowledged booking is there ($acked acknowledged, $missing missing)"
"${A[@]}" export bookings --year "$year" >"$TMP/out" 2>&1
stored=$(grep -c ";04\.12\.$year;1,00;$m;" "$TMP/out")
[ "$stored" -ge "$acked" ] && [ "$stored" -le $((acked + 1)) ] &&
	ok "stream: ... each once (at most the one cut off unacknowledged more)" ||
	not_ok "stream: ... each once ($stored stored, $acked acknowledged)"
[ "$(figure FG fallspezifisch 5)" -eq $((stream_spent + stored * 100)) ] &&
	ok "stream: ... and spent holds exactly those stored" ||
	not_ok "stream: ... and spent holds exactly those stored"
kill -TERM "$SERVER"
wait "$SERVER" 2>/dev/null
finish
