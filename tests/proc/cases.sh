#!/usr/bin/env bash
# Cases through the admin command and the server: demo cases filled in by
# the writer's own rules, verify checking that every case's district and
# team follow from its address, the cases export with the columns of
# design.md and only for the roles that may export cases.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
expect_exit 0 "cases: demo with 300 cases" "${A[@]}" demo --cases 300
expect_output "cases: ... said" "40 offers with their monthly counts, 300 cases and 0 measures"
expect_exit 2 "cases: demo --cases without a number is refused" "${A[@]}" demo --cases
expect_exit 0 "cases: verify finds nothing wrong" "${A[@]}" verify
check "cases: server starts" start_server

"${A[@]}" export cases >"$TMP/out" 2>&1
expect_output "cases: the export's columns" "Fall;Sozialraum;Team;Fallführung;Status;Eröffnet;Geschlossen.?$"
[ "$(grep -cE '^[0-9]{4}-[0-9]{5};' "$TMP/out")" -eq 300 ] &&
	ok "cases: ... every case, once" || not_ok "cases: ... every case, once"
[ "$(grep -cE '^[0-9]{4}-[0-9]{5};(FG|HM|GA|GL);T-\1;' "$TMP/out")" -eq 300 ] &&
	ok "cases: ... each in its district's team" || not_ok "cases: ... each in its district's team"
"${A[@]}" export cases --district HM >"$TMP/out" 2>&1
grep -E '^[0-9]{4}-[0-9]{5};' "$TMP/out" | grep -vq ';HM;' &&
	not_ok "cases: the export of one district holds only its cases" ||
	ok "cases: the export of one district holds only its cases"

# A case through the record service: taken in by a caseworker, filled in
# by the writer, opened by the team lead.
base=("address=Ulzburger Straße 250" initiator=2 reason=12 status=offen lead=fk.fg)
"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Kaya" "${base[@]}" >"$TMP/out" 2>&1
expect_output "records: a caseworker takes a case in" "^saved [0-9]+ 1$"
id=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
expect_exit 0 "records: ... the team lead opens it" "$CLIENT" "$SOCK" tl.fg rget cases "$id"
expect_output "records: ... its district from the address" "^district=FG$"
expect_output "records: ... its number from the year's sequence" "^number=$(date +%Y)-[0-9]{5}$"
expect_output "records: ... led by who took it in" "^lead=fk\.fg$"

# An alert reaches the open sessions that may see the case, and no other.
for who in tl.fg amt traeger.dw; do
	"$CLIENT" "$SOCK" "$who" events 1 3000 >"$TMP/events.$who" 2>&1 &
	eval "pid_${who//./_}=\$!"
done
for who in tl.fg amt traeger.dw; do wait_line "$TMP/events.$who" "^ready$"; done
expect_exit 0 "alert: the caseworker raises a § 8a alert" \
	"$CLIENT" "$SOCK" fk.fg rput cases "$id" 1 "title=Familie Kaya" "${base[@]}" alert=ja
wait "$pid_tl_fg" && grep -q "^E cases $id fk.fg$" "$TMP/events.tl.fg" &&
	ok "alert: ... the team lead's open session hears of it" ||
	not_ok "alert: ... the team lead's open session hears of it"
wait "$pid_amt" && grep -q "^E cases $id fk.fg$" "$TMP/events.amt" &&
	ok "alert: ... the head of office's too" || not_ok "alert: ... the head of office's too"
wait "$pid_traeger_dw"
grep -q "^E cases" "$TMP/events.traeger.dw" && not_ok "alert: ... provider staff hear nothing" ||
	ok "alert: ... provider staff hear nothing"
"$CLIENT" "$SOCK" amt rget cases "$id" >"$TMP/out" 2>&1
expect_output "alert: ... the writer notes since when" "^alert_since=[0-9]{2}\.[0-9]{2}\.[0-9]{4} "

# Two users save the same version: the second is a conflict, nothing lost.
expect_exit 0 "conflict: the caseworker saves version 3" \
	"$CLIENT" "$SOCK" fk.fg rput cases "$id" 2 "title=Familie Kaya-Ali" "${base[@]}" alert=ja
expect_exit 1 "conflict: the team lead's save of version 2 is refused" \
	"$CLIENT" "$SOCK" tl.fg rput cases "$id" 2 "title=Familie Kaya (TL)" "${base[@]}" alert=ja
expect_output "conflict: ... as a conflict" "changed by someone else"
"$CLIENT" "$SOCK" amt rget cases "$id" >"$TMP/out" 2>&1
expect_output "conflict: ... the caseworker's save stays" "^title=Familie Kaya-Ali$"

# A case whose § 8a procedure runs is not closed (nor handed over): the
# alert would leave every dashboard unassessed.
expect_exit 1 "close: a case with an open § 8a alert is not closed" \
	"$CLIENT" "$SOCK" fk.fg rput cases "$id" 3 "title=Familie Kaya-Ali" "address=Ulzburger Straße 250" \
	initiator=2 reason=12 lead=fk.fg alert=ja status=geschlossen "close_reason=Umzug"
expect_output "close: ... said at the status" "Status: das § 8a-Verfahren läuft noch"

# The head of office takes a case in: it waits for its team lead.
"$CLIENT" "$SOCK" amt rput cases 0 0 "title=Familie Ohne" "${base[@]}" lead= >"$TMP/out" 2>&1
expect_output "intake: the head of office takes a case in" "^saved [0-9]+ 1$"
"$CLIENT" "$SOCK" tl.fg rcount cases unassigned T-FG >"$TMP/out" 2>&1
expect_output "intake: ... it waits among the team's cases without a lead" "^count 1$"

# Every role that may not read the case is refused; the budget clerk reads
# who it concerns, not what happened.
for who in traeger.dw ctrl admin mmeier; do
	expect_exit 1 "rights: $who may not open the case" "$CLIENT" "$SOCK" "$who" rget cases "$id"
done
expect_exit 0 "rights: the budget clerk opens it" "$CLIENT" "$SOCK" wjh rget cases "$id"
expect_output "rights: ... the title shown" "^title=Familie Kaya-Ali$"
expect_output "rights: ... the reason blanked" "^reason=$"
expect_exit 1 "rights: ... and may not change it" \
	"$CLIENT" "$SOCK" wjh rput cases "$id" 3 "title=X" "${base[@]}"

# A journal entry is never changed: a correction is a new entry.
"$CLIENT" "$SOCK" fk.fg rput journal 0 0 "case_id=$id" kind=vermerk "date=$(date +%d.%m.%Y)" \
	"text=Erstkontakt" >"$TMP/out" 2>&1
expect_output "journal: an entry is saved" "^saved [0-9]+ 1$"
jid=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
expect_exit 1 "journal: ... changing it is refused, for every role" \
	"$CLIENT" "$SOCK" amt rput journal "$jid" 1 "case_id=$id" kind=vermerk \
	"date=$(date +%d.%m.%Y)" "text=anders"
"$CLIENT" "$SOCK" amt rget journal "$jid" >"$TMP/out" 2>&1
expect_output "journal: ... it stays as written, by its author" "^author=fk\.fg$"
expect_output "journal: ... with its text" "^text=Erstkontakt$"

# The duplicate check of an intake: the same person (any spelling of the
# umlauts, any case) in another case is found, with that case's number,
# district and status only, also for a caseworker who may not read it.
# A birth whose day is unknown: month and year alone.
"$CLIENT" "$SOCK" fk.fg rput persons 0 0 "case_id=$id" role=mutter "name=Aylin Kaya" \
	birth=05.1988 sex=w >"$TMP/out" 2>&1
expect_output "persons: a mother born in a month whose day is unknown" "^saved [0-9]+ 1$"
pid=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
"$CLIENT" "$SOCK" fk.fg rget persons "$pid" >"$TMP/out" 2>&1
expect_output "persons: ... her birth kept as month and year" "^birth=05\.1988$"
expect_exit 2 "persons: ... a month 13 is no date, as typed" "$CLIENT" "$SOCK" fk.fg rput persons 0 0 \
	"case_id=$id" role=vater "name=Can Kaya" birth=13.1988 sex=m

expect_exit 0 "duplicates: a person in the case" "$CLIENT" "$SOCK" fk.fg rput persons 0 0 \
	"case_id=$id" role=jung "name=Jürgen Kaya" birth=03.04.2012 sex=m
"$CLIENT" "$SOCK" amt rget cases "$id" >"$TMP/case" 2>&1
number=$(sed -n 's/^number=//p' "$TMP/case")
expect_exit 0 "duplicates: the check for another case" "$CLIENT" "$SOCK" fk.fg dups "JUERGEN KAYA" 20120403 999999
expect_output "duplicates: ... finds the person's case, by number, district and status" "^S $number;FG;offen$"
expect_exit 0 "duplicates: a caseworker of another team asks" "$CLIENT" "$SOCK" mmeier dups "Jürgen Kaya" 20120403 0
expect_output "duplicates: ... learns the case's number and district only" "^S $number;FG;offen$"
expect_exit 0 "duplicates: within the same case" "$CLIENT" "$SOCK" fk.fg dups "Jürgen Kaya" 20120403 "$id"
grep -q "^S " "$TMP/out" && not_ok "duplicates: ... the case itself is no duplicate" ||
	ok "duplicates: ... the case itself is no duplicate"
expect_exit 0 "duplicates: another birth day" "$CLIENT" "$SOCK" fk.fg dups "Jürgen Kaya" 20120404 0
grep -q "^S " "$TMP/out" && not_ok "duplicates: ... is another person" ||
	ok "duplicates: ... is another person"
expect_exit 1 "duplicates: provider staff may not ask" "$CLIENT" "$SOCK" traeger.dw dups "Jürgen Kaya" 20120403 0

# A follow-up carries its case's lead, for the lead's dashboard.
"$CLIENT" "$SOCK" tl.fg rput follow_ups 0 0 "case_id=$id" "due=$(date +%d.%m.%Y)" \
	"text=Hilfeplan vorbereiten" "lead=tl.fg" >"$TMP/out" 2>&1
expect_output "follow-up: the team lead sets one" "^saved [0-9]+ 1$"
fid=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
"$CLIENT" "$SOCK" amt rget follow_ups "$fid" >"$TMP/out" 2>&1
expect_output "follow-up: ... led by the case's lead, whoever wrote it" "^lead=fk\.fg$"
expect_output "follow-up: ... naming the case by its number" "^case_number=$number$"

# The risk assessment completes the § 8a procedure: two professionals, the
# kinds of risk for an acute one; the case's alert ends in the same save,
# and the team lead's open session hears of the case.
risk=("case_id=$id" "date=$(date +%d.%m.%Y)" "child=Jürgen Kaya" professional1=fk.fg
	reporter=schule result=akut)
expect_exit 1 "risk: one professional alone is refused" \
	"$CLIENT" "$SOCK" fk.fg rput risk_assessments 0 0 "${risk[@]}" professional2=fk.fg neglect=ja
expect_output "risk: ... said at the second" "Zweite Fachkraft: eine zweite, andere Fachkraft"
expect_exit 1 "risk: an acute risk without its kind is refused" \
	"$CLIENT" "$SOCK" fk.fg rput risk_assessments 0 0 "${risk[@]}" professional2=tl.fg
expect_exit 1 "risk: a reporter not in the configuration is refused" \
	"$CLIENT" "$SOCK" fk.fg rput risk_assessments 0 0 "${risk[@]}" professional2=tl.fg \
	neglect=ja reporter=niemand
"$CLIENT" "$SOCK" tl.fg events 2 3000 >"$TMP/events.risk" 2>&1 &
pid_risk=$!
wait_line "$TMP/events.risk" "^ready$"
"$CLIENT" "$SOCK" fk.fg rput risk_assessments 0 0 "${risk[@]}" professional2=tl.fg \
	neglect=ja psychological=ja new_help=ja >"$TMP/out" 2>&1
expect_output "risk: the assessment is saved" "^saved [0-9]+ 1$"
rid=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
wait "$pid_risk" && grep -q "^E cases $id fk.fg$" "$TMP/events.risk" &&
	ok "risk: ... the team lead's session hears the case changed" ||
	not_ok "risk: ... the team lead's session hears the case changed"
"$CLIENT" "$SOCK" amt rget cases "$id" >"$TMP/out" 2>&1
expect_output "risk: ... the case's alert has ended" "^alert=nein$"
"$CLIENT" "$SOCK" amt rget risk_assessments "$rid" >"$TMP/out" 2>&1
expect_output "risk: ... the assessment keeps when it was raised" "^raised=[0-9]{2}\.[0-9]{2}\.[0-9]{4} "
expect_output "risk: ... and who recorded it" "^author=fk\.fg$"
expect_exit 1 "risk: provider staff may not read it" \
	"$CLIENT" "$SOCK" traeger.dw rget risk_assessments "$rid"
expect_exit 1 "risk: a caseworker of another team may not" \
	"$CLIENT" "$SOCK" mmeier rget risk_assessments "$rid"

# A case's history: who led it when and what changed, for those who may
# read the case; the values only of fields without personal data.
expect_exit 1 "reassign: handing the case to another caseworker without a reason is refused" \
	"$CLIENT" "$SOCK" tl.fg rput cases "$id" 4 "title=Familie Kaya-Ali" "${base[@]}" lead=shansen
expect_output "reassign: ... asking for it at the field" "Übergabegrund: bitte angeben"
expect_exit 0 "history: the team lead hands the case to another caseworker, saying why" \
	"$CLIENT" "$SOCK" tl.fg rput cases "$id" 4 "title=Familie Kaya-Ali" "${base[@]}" lead=shansen \
	"lead_note=Fallzahl ausgleichen"
"$CLIENT" "$SOCK" fk.fg history cases "$id" >"$TMP/out" 2>&1
expect_output "history: the case's history, the newest first" \
	"^H update tl.fg Fallführung: fk.fg → shansen; Übergabegrund$"
expect_output "history: ... the risk assessment's end of the alert, by its writer" \
	"^H update fk.fg § 8a; § 8a seit$"
expect_output "history: ... a change of the title named, not said" "^H update fk.fg Bezeichnung$"
expect_output "history: ... and its opening" "^H open amt $"
expect_output "history: ... back to its intake" "^H create fk.fg $"
"$CLIENT" "$SOCK" wjh history cases "$id" >"$TMP/out" 2>&1
expect_output "history: the budget clerk reads who led it" "^H update tl.fg Fallführung: fk.fg → shansen"
grep -q "8a" "$TMP/out" && not_ok "history: ... but not that a § 8a alert changed" ||
	ok "history: ... but not that a § 8a alert changed"
grep -q "Bezeichnung" "$TMP/out" && ok "history: ... and that the title changed (who somebody is)" ||
	not_ok "history: ... and that the title changed (who somebody is)"
expect_exit 1 "history: a caseworker of another team may not read it" \
	"$CLIENT" "$SOCK" mmeier history cases "$id"
expect_exit 1 "history: nor provider staff" "$CLIENT" "$SOCK" traeger.dw history cases "$id"
expect_exit 1 "history: the whole audit log is the admins' only" \
	"$CLIENT" "$SOCK" amt history - 0
expect_exit 1 "history: ... nor all entries of a record id without its type" \
	"$CLIENT" "$SOCK" amt history - "$id"
expect_exit 0 "history: ... the admins read the whole log" "$CLIENT" "$SOCK" admin history - 0
expect_output "history: ... who led which case when" "^H update tl.fg Fallführung: fk.fg → shansen"
grep -qE "8a|Bezeichnung" "$TMP/out" && not_ok "history: ... but no field of a case's content" ||
	ok "history: ... but no field of a case's content"
expect_exit 1 "history: nor anybody the history of a record without a table" \
	"$CLIENT" "$SOCK" fk.fg history nothing "$id"

# A case is closed with a reason and opened again; the history says when.
expect_exit 1 "close: without a reason is refused" \
	"$CLIENT" "$SOCK" shansen rput cases "$id" 5 "title=Familie Kaya-Ali" "address=Ulzburger Straße 250" \
	initiator=2 reason=12 status=geschlossen lead=shansen "lead_note=Fallzahl ausgleichen"
expect_output "close: ... asking for it at the field" "Abschlussgrund: bitte angeben"
expect_exit 0 "close: with a reason" \
	"$CLIENT" "$SOCK" shansen rput cases "$id" 5 "title=Familie Kaya-Ali" "address=Ulzburger Straße 250" \
	initiator=2 reason=12 status=geschlossen lead=shansen "lead_note=Fallzahl ausgleichen" "close_reason=Ziele erreicht"
"$CLIENT" "$SOCK" amt rget cases "$id" >"$TMP/out" 2>&1
expect_output "close: ... the writer notes the day" "^closed=$(date +%d.%m.%Y)$"
expect_exit 0 "reopen: the case is opened again" \
	"$CLIENT" "$SOCK" shansen rput cases "$id" 6 "title=Familie Kaya-Ali" "address=Ulzburger Straße 250" \
	initiator=2 reason=12 status=offen lead=shansen "lead_note=Fallzahl ausgleichen" \
	"close_reason=Ziele erreicht"
"$CLIENT" "$SOCK" amt rget cases "$id" >"$TMP/out" 2>&1
expect_output "reopen: ... open, without a closing day" "^closed=$"
expect_output "reopen: ... nor its reason" "^close_reason=$"
"$CLIENT" "$SOCK" shansen history cases "$id" >"$TMP/out" 2>&1
expect_output "reopen: ... the history has the closing" \
	"^H update shansen Status: offen → geschlossen; Geschlossen: leer → $(date +%d\\.%m\\.%Y); Abschlussgrund$"
expect_output "reopen: ... and the reopening" \
	"^H update shansen Status: geschlossen → offen; Geschlossen: $(date +%d\\.%m\\.%Y) → leer; Abschlussgrund$"

# A family moves to another team's district: the save of the new address
# moves the case; its lead, not of the new team, lets go of it; the new
# team lead's open session hears of it and counts it among the cases
# without a lead; the old team no longer reads it; the new lead assigns it.
moved=(title=Familie\ Kaya-Ali initiator=2 reason=12 status=offen "lead_note=Fallzahl ausgleichen")
"$CLIENT" "$SOCK" hpetersen events 1 3000 >"$TMP/events.move" 2>&1 &
pid_move=$!
wait_line "$TMP/events.move" "^ready$"
expect_exit 0 "transfer: the caseworker saves the new address" \
	"$CLIENT" "$SOCK" shansen rput cases "$id" 7 "${moved[@]}" "address=Ohechaussee 10" lead=shansen
wait "$pid_move" && grep -q "^E cases $id shansen$" "$TMP/events.move" &&
	ok "transfer: ... the new team lead's open session hears of it" ||
	not_ok "transfer: ... the new team lead's open session hears of it"
"$CLIENT" "$SOCK" hpetersen rget cases "$id" >"$TMP/out" 2>&1
expect_output "transfer: ... in the new district" "^district=GA$"
expect_output "transfer: ... of the new team" "^team=T-GA$"
expect_output "transfer: ... without a lead" "^lead=$"
expect_output "transfer: ... its number kept" "^number=$number$"
expect_exit 0 "transfer: ... counted among the team's cases without a lead" \
	"$CLIENT" "$SOCK" hpetersen rcount cases unassigned T-GA
expect_output "transfer: ... one" "^count 1$"
"$CLIENT" "$SOCK" kjensen rcount cases unassigned T-GA >"$TMP/out" 2>&1
expect_output "transfer: ... another team lead counts none of them" "^count 0$"
expect_exit 1 "transfer: the old team's caseworker no longer reads it" \
	"$CLIENT" "$SOCK" shansen rget cases "$id"
expect_exit 1 "assign: a provider's staff member cannot lead a case" \
	"$CLIENT" "$SOCK" hpetersen rput cases "$id" 8 "${moved[@]}" "address=Ohechaussee 10" lead=traeger.dw
expect_output "assign: ... said at the field" "Fallführung: führt keine Fälle"
expect_exit 0 "assign: the new team lead assigns it" \
	"$CLIENT" "$SOCK" hpetersen rput cases "$id" 8 "${moved[@]}" "address=Ohechaussee 10" lead=oozdemir
"$CLIENT" "$SOCK" hpetersen rcount cases unassigned T-GA >"$TMP/out" 2>&1
expect_output "assign: ... no longer without a lead" "^count 0$"
"$CLIENT" "$SOCK" oozdemir history cases "$id" >"$TMP/out" 2>&1
expect_output "assign: ... the history says who led it, who decided" \
	"^H update hpetersen Fallführung: leer → oozdemir$"
expect_output "assign: ... and the move" \
	"^H update shansen Anschrift; Sozialraum: FG → GA; Team: T-FG → T-GA; Fallführung: shansen → leer$"

# The family leaves the city: the case is handed to the office there,
# closed with the reason Zuständigkeitswechsel; opened again, it is not.
expect_exit 0 "hand-over: the caseworker names the office the family went to" \
	"$CLIENT" "$SOCK" oozdemir rput cases "$id" 9 "${moved[@]}" "address=Ohechaussee 10" lead=oozdemir \
	"handed_to=Jugendamt Kreis Segeberg"
"$CLIENT" "$SOCK" oozdemir rget cases "$id" >"$TMP/out" 2>&1
expect_output "hand-over: ... the case is closed" "^status=geschlossen$"
expect_output "hand-over: ... for that reason" "^close_reason=Zuständigkeitswechsel$"
expect_output "hand-over: ... on this day" "^closed=$(date +%d\\.%m\\.%Y)$"
expect_exit 0 "hand-over: the family comes back, the case is opened again" \
	"$CLIENT" "$SOCK" oozdemir rput cases "$id" 10 "${moved[@]}" "address=Ohechaussee 10" lead=oozdemir \
	"handed_to=Jugendamt Kreis Segeberg" status=offen
"$CLIENT" "$SOCK" oozdemir rget cases "$id" >"$TMP/out" 2>&1
expect_output "hand-over: ... open" "^status=offen$"
expect_output "hand-over: ... handed to nobody" "^handed_to=$"

# The street directory changes under the cases: verify names each case
# whose district no longer follows from its address.
kill -TERM "$SERVER"
wait "$SERVER" 2>/dev/null
sed -i 's/("Ulzburger Straße", "HM", 1, 199)/("Ulzburger Straße", "GA", 1, 199)/' "$TMP/conf/streets.conf"
expect_exit 1 "verify: cases whose address now lies in another district are found" "${A[@]}" verify
expect_output "verify: ... naming the case, the field and what its rules give" \
	"cases: record [0-9]+: district is 'HM', its rules give 'GA'"
finish
