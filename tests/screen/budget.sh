#!/usr/bin/env bash
# The budget at 80x24: a team lead's dashboard names the district's year;
# the budget clerk books a payment on a measure from the list of measures
# ('z') and corrects it from the list of bookings ('b'); one invoice is
# not booked twice; the budget screen shows each line's forecast and what
# is available, with its bar, from the aggregates the server keeps.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "budget: server starts" start_server
year=$(date +%Y)
"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Budget" "address=Ulzburger Straße 250" \
	initiator=2 reason=13 status=offen >"$TMP/out" 2>&1
case_id=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
# Heimerziehung at 195,00 € a day, 1 to 10 December: 1.950,00 € in the year
"$CLIENT" "$SOCK" fk.fg rput measures 0 0 case_id="$case_id" "recipient=Tom B." birth_year=2012 \
	service=34 provider=AWO start=01.12.$year end=10.12.$year >"$TMP/out" 2>&1
m=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
check "budget: the team lead approves a measure" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m" measure_version=1 decision=bewilligt

open_session tl tl.fg
screen_check "budget: the team lead's dashboard names the district's year" tl \
	"Budget des Jahres"
screen_check "budget: ... its forecast against the plan" tl "FG +Prognose +0 % von 4\.280\.000,00 €"

# The budget clerk books 500,00 € on the measure from the list of measures.
open_session wjh wjh
keys wjh h
screen_check "book: the budget clerk's list of measures" wjh "Tom B\."
keys wjh z
screen_check "book: z opens a booking on the measure" wjh "^Hilfe +$m"
keys wjh Tab Tab Tab
type_text wjh "500"
keys wjh Tab Tab Tab
type_text wjh "R-77"
keys wjh Tab
type_text wjh "AWO Kreisverband"
keys wjh F2
screen_check "book: saved" wjh "Gespeichert \(Buchung Nr\. 1"
screen_check "book: ... on the district's fallspezifisch line" wjh "^Budgetlinie +fallspezifisch"
keys wjh Escape
screen_check "book: back in the list of measures" wjh "^Hilfen · "
keys wjh z Tab Tab Tab
type_text wjh "20"
keys wjh Tab Tab Tab
type_text wjh "R-77"
keys wjh Tab
type_text wjh "AWO Kreisverband"
keys wjh F2
screen_check "book: the same invoice of the same payee is refused at its field" wjh \
	"^Rechnung \* +R-77 +schon gebucht: Buchung Nr\. 1"
keys wjh Escape
screen_check "book: ... leaving asks about the input" wjh "Ungesicherte Eingaben verwerfen"
keys wjh j
screen_check "book: ... and goes back, the input thrown away" wjh "Tom B\."

# The budget screen: committed 1.950,00, 500,00 spent, the rest open.
keys tl b
screen_check "budget: the team lead's budget screen" tl "^Sozialraumbudget $year"
screen_check "budget: ... the district's fallspezifisch line: forecast and available" tl \
	"FG +fallspezifisch +1\.950,00 € +3\.848\.050,00 € +[#=.]+"
screen_check "budget: ... the service's row" tl "FG +34 Heimerzieh.* +1\.950,00 €"
gone_check "budget: ... only the team's districts" tl "^  HM "

# A correction of 100,00 € from the list of bookings.
keys wjh Escape
screen_check "correct: back on the dashboard" wjh "Hauptmen"
keys wjh z
screen_check "correct: the list of bookings" wjh "R-77"
keys wjh b
screen_check "correct: b opens a correction of the whole amount" wjh "^Betrag \* +-500,00 €"
keys wjh Tab Tab Tab C-u
type_text wjh "-100"
keys wjh F2
screen_check "correct: saved" wjh "Gespeichert \(Buchung Nr\. 2"
keys tl g
screen_check "budget: ... the screen loads again: 400,00 spent, the forecast stays" tl \
	"FG +fallspezifisch +1\.950,00 € +3\.848\.050,00 €"
finish
