#!/usr/bin/env bash
# Teams at 80x24: a family moves to another team's district; the case
# appears in that team lead's open dashboard among the cases without a
# lead; the team lead assigns it, and the caseworker's open dashboard
# shows it at once; the team screen counts each member's load.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "teams: server starts" start_server

# The team lead and a caseworker of Garstedt keep their dashboards open.
open_session hp hpetersen
screen_check "teams: the Garstedt team lead's dashboard" hp "Hauptmen"
open_session oz oozdemir
screen_check "teams: a Garstedt caseworker's dashboard" oz "Hauptmen"

# A case of Friedrichsgabe, taken in by its caseworker.
open_session fk fk.fg
keys fk f
screen_check "transfer: the cases list" fk "^Fälle · Sozialraum: FG"
keys fk n
screen_check "transfer: a new case" fk "Fall – neu"
type_text fk "Familie Umzug"
keys fk Tab
type_text fk "Ulzburger Straße 250"
keys fk Tab Tab
type_text fk "Schule"
keys fk Tab
type_text fk "Gefährdung"
keys fk Tab F2
screen_check "transfer: the case saved in Friedrichsgabe" fk "^Sozialraum +FG +Friedrichsgabe"

# The family moves to Garstedt: the new address moves the case.
keys fk BTab BTab BTab BTab Home
for _ in $(seq 20); do keys fk DC; done
type_text fk "Ohechaussee 10"
keys fk F2
screen_check "transfer: the new address is saved" fk "Gespeichert \(Fall [0-9]{4}-00001, Stand 2\)"
screen_check "transfer: ... the case is in Garstedt now" fk "^Sozialraum +GA +Garstedt"
screen_check "transfer: ... with Garstedt's team" fk "^Team +T-GA"
line_check "transfer: ... and without a lead" fk 8 "^Fallführung *$"
keys fk Escape
screen_check "transfer: the caseworker leaves it" fk "^Fälle · Sozialraum: FG"
screen_check "transfer: it appears in the new team lead's open dashboard" hp \
	"Ohne Fallführung: bitte zuweisen"
screen_check "transfer: ... naming the case" hp "[0-9]{4}-00001 GA +Familie Umzug"

# The team lead assigns it from the dashboard.
keys hp '!'
screen_check "assign: ! opens the case without a lead" hp "^Fall +[0-9]{4}-00001$"
keys hp F3 Tab Tab
type_text hp "oozdemir"
keys hp F2
screen_check "assign: the team lead assigns a caseworker" hp "Gespeichert \(Fall [0-9]{4}-00001, Stand 3\)"
screen_check "assign: ... named in the form" hp "^Fallführung +oozdemir +Özlem Özdemir"
screen_check "assign: ... and the caseworker's open dashboard shows it" oz \
	"Meine Fälle"
screen_check "assign: ... the case among their cases" oz "[0-9]{4}-00001 GA +Familie Umzug"
keys hp Escape
screen_check "assign: back on the dashboard" hp "Hauptmen"
gone_check "assign: ... no case without a lead any more" hp "Ohne Fallführung"

# The team screen: each member's load, the team's cases without a lead.
keys hp t
screen_check "team: the teams" hp "Sozialraumteams in"
screen_check "team: ... its own team's cases without a lead counted" hp "^. T-GA .* 5 +0$"
screen_check "team: ... another team's not said" hp "^. T-FG .* 5 +–$"
keys hp Down Down Enter
screen_check "team: the members of Garstedt" hp "^T-GA – Sozialraumteam Garstedt"
screen_check "team: ... each with the open cases they lead" hp "Özlem Özdemir +Fachkraft +1 +0 +0"
screen_check "team: ... and the others with none" hp "Frank Wagner +Fachkraft +0 +0 +0"

# The caseworker goes on leave; a colleague stands in: the stand-in's
# dashboard shows her cases, the team screen says who is away until when.
until=$(date -d '+6 days' +%d.%m.%Y)
expect_exit 0 "absence: the team lead records Özlem's leave, Frank standing in" \
	"$CLIENT" "$SOCK" hpetersen rput absences 0 0 login=oozdemir "from=$(date +%d.%m.%Y)" \
	"to=$until" stand_in=fwagner note=Urlaub
open_session fw fwagner
screen_check "absence: the stand-in's dashboard names whom they stand in for" fw \
	"Vertretung für Özlem Özdemir bis $until"
screen_check "absence: ... with her cases" fw "[0-9]{4}-00001 GA +Familie Umzug"
keys hp g
screen_check "absence: the team screen says she is away until then" hp \
	"Özlem Özdemir +Fachkraft +1 +0 +0 +bis $(date -d '+6 days' +%d\\.%m\\.)"
finish
