#!/usr/bin/env bash
# Measures at 80x24, in open sessions side by side: a caseworker proposes
# a help on a case and sees its cost before saving; the team lead's open
# dashboard shows it waiting, and the team lead approves it from there;
# the caseworker's open form shows the decision. A proposal above the
# team's limit waits on the head of office's dashboard, not the team
# lead's; a team lead cannot approve their own proposal.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "measures: server starts" start_server
"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Brandt" "address=Ulzburger Straße 250" \
	initiator=2 reason=13 status=offen >"$TMP/out" 2>&1
case_id=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")

open_session tl tl.fg
screen_check "measures: the team lead's dashboard" tl "Hauptmen"
open_session amt amt
screen_check "measures: the head of office's dashboard" amt "Hauptmen"

# The caseworker proposes SPFH on the case: the cost shows before saving.
open_session fk fk.fg
keys fk f
screen_check "propose: the cases list" fk "Familie Brandt"
keys fk Enter
screen_check "propose: the case" fk "^Fall +[0-9]{4}-00001$"
keys fk F9
screen_check "propose: the case's lists" fk "Hilfen"
keys fk Down Down Down Down Enter
screen_check "propose: the case's measures" fk "^Hilfen · Fall: Familie Brandt"
keys fk n
screen_check "propose: a new measure" fk "Hilfe – neu"
type_text fk "Lena B."
keys fk Tab
type_text fk "2014"
keys fk Tab
type_text fk "31"
keys fk Tab
type_text fk "DW"
keys fk Tab C-u
type_text fk "01.01.2027"
keys fk Tab
type_text fk "31.03.2027"
keys fk Tab
screen_check "propose: the service's rate, once the period is given" fk "^Satz +68,50 €"
keys fk Tab
type_text fk "6"
keys fk Tab
screen_check "propose: the cost over the period, before saving" fk \
	"Kosten gesamt +5\.284,28 €"
screen_check "propose: ... and an average month" fk "Kosten je Monat +1\.785,89 €"
keys fk F2
screen_check "propose: saved" fk "Gespeichert \(Hilfe Nr\. 1"
screen_check "propose: ... waiting for a decision" fk "^Status +beantragt"

# The team lead's open dashboard shows it; the team lead approves it.
screen_check "approve: it waits on the team lead's open dashboard" tl \
	"Bewilligungen: warten auf mich"
screen_check "approve: ... naming the case and the cost" tl "[0-9]{4}-00001 FG 31 +5\.284,28 €"
keys tl '!'
screen_check "approve: ! opens the measure" tl "^Status +beantragt"
keys tl F9
screen_check "approve: the measure's lists" tl "Bewilligungen"
keys tl Enter
screen_check "approve: its decisions" tl "^Bewilligungen · Hilfe: Lena B\."
keys tl n
screen_check "approve: a decision, showing what is decided" tl "^Satz +68,50 €"
type_text tl "bewilligt"
keys tl F2
screen_check "approve: saved" tl "Gespeichert \(Entscheidung Nr\. 1"
screen_check "approve: the caseworker's open form shows the decision" fk "^Status +bewilligt"
screen_check "approve: ... approved to its end" fk "^Bewilligt bis +31\.03\.2027"
keys tl Escape Escape Escape
screen_check "approve: back on the dashboard" tl "Hauptmen"
gone_check "approve: ... nothing waits any more" tl "Bewilligungen: warten auf mich"

# Above the team's limit: it waits for the head of office.
"$CLIENT" "$SOCK" fk.fg rput measures 0 0 case_id="$case_id" "recipient=Tom B." birth_year=2012 \
	service=34 provider=AWO start=01.01.2027 end=31.12.2027 >"$TMP/out" 2>&1
screen_check "limit: a year of residential care waits on the head of office's dashboard" amt \
	"[0-9]{4}-00001 FG 34 +71\.175,00 €"
keys tl g
gone_check "limit: ... not on the team lead's" tl "Bewilligungen: warten auf mich"

# The team lead's own proposal: refused when they try to approve it.
"$CLIENT" "$SOCK" tl.fg rput measures 0 0 case_id="$case_id" "recipient=Mia B." birth_year=2016 \
	service=29 start=01.01.2027 end=30.06.2027 >"$TMP/out" 2>&1
keys tl h
screen_check "own: the team lead's list of measures" tl "Mia B\."
keys tl End b
screen_check "own: a decision on their own proposal" tl "Entscheidung – neu"
type_text tl "bewilligt"
keys tl F2
screen_check "own: ... is refused, saying why" tl "eigenen Vorschlag"
finish
