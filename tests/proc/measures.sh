#!/usr/bin/env bash
# Help measures through the server: a caseworker's proposal with its cost
# computed by the model, decisions by the team lead within the team's
# limit and by the head of office above it, nobody deciding their own
# proposal, two leads deciding at once (one wins, one gets the conflict),
# an extension decided anew with every approved version kept, a rejected
# change falling back, the end; the provider's staff see their provider's
# measures with the minimum of personal data and record reviews only.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "measures: server starts" start_server

saved_id() { sed -n 's/^saved \([0-9]*\) [0-9]*$/\1/p' "$TMP/out"; }

"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Brandt" "address=Ulzburger Straße 250" \
	initiator=2 reason=13 status=offen >"$TMP/out" 2>&1
expect_output "measures: a case to help" "^saved [0-9]+ 1$"
case_id=$(saved_id)

# SPFH, 6 hours a week at 68,50 € from 1 January to 31 March 2027:
# 6 x 68,50 x 31 / 7 = 1.820,14 € for January and March, 1.644,00 € for
# February.
spfh=(case_id="$case_id" "recipient=Lena B." birth_year=2014 service=31 provider=DW
	start=01.01.2027 end=31.03.2027 hours=6 initiator=2 reason=13 preceded_8a=nein)
expect_exit 0 "propose: a caseworker proposes SPFH" \
	"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${spfh[@]}"
m1=$(saved_id)
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
expect_output "propose: ... waiting for a decision" "^status=beantragt$"
expect_output "propose: ... at the service's rate" "^rate=68,50 €$"
expect_output "propose: ... its cost over the period, by month, to the cent" \
	"^cost_total=5\.284,28 €$"
expect_output "propose: ... an average month" "^cost_month=1\.785,89 €$"
expect_output "propose: ... the case's district and lead" "^district=FG$"
expect_output "propose: ... proposed by the caseworker" "^proposed_by=fk\.fg$"

expect_exit 1 "propose: hours for an hourly service are required" \
	"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${spfh[@]/hours=6/hours=}"
expect_output "propose: ... said at the field" "Stunden je Woche"
expect_exit 1 "propose: an end before the start is refused" \
	"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${spfh[@]/end=31.03.2027/end=01.12.2026}"

# Who may decide.
expect_exit 1 "decide: a caseworker decides nothing" \
	"$CLIENT" "$SOCK" fk.fg rput approvals 0 0 measure_id="$m1" measure_version=1 decision=bewilligt
expect_output "decide: ... refused" "not permitted"
expect_exit 1 "decide: a team lead of another team does not see it" \
	"$CLIENT" "$SOCK" kjensen rput approvals 0 0 measure_id="$m1" measure_version=1 decision=bewilligt

"$CLIENT" "$SOCK" tl.fg rput measures 0 0 "${spfh[@]/recipient=Lena B./recipient=Tom B.}" >"$TMP/out" 2>&1
m2=$(saved_id)
expect_exit 1 "decide: the team lead cannot approve their own proposal" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m2" measure_version=1 decision=bewilligt
expect_output "decide: ... and is told why" "eigenen Vorschlag"
expect_exit 0 "decide: ... the head of office can" \
	"$CLIENT" "$SOCK" amt rput approvals 0 0 measure_id="$m2" measure_version=1 decision=bewilligt

# Above the team's limit (15.000,00 € in the year): Heimerziehung a year.
home=(case_id="$case_id" "recipient=Lena B." birth_year=2014 service=34 provider=AWO
	start=01.01.2027 end=31.12.2027)
"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${home[@]}" >"$TMP/out" 2>&1
m3=$(saved_id)
"$CLIENT" "$SOCK" fk.fg rget measures "$m3" >"$TMP/out" 2>&1
expect_output "limit: a year of Heimerziehung at 195,00 € a day" "^cost_total=71\.175,00 €$"
expect_exit 1 "limit: above the limit the team lead cannot approve" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m3" measure_version=1 decision=bewilligt
expect_output "limit: ... it waits for the head of office" "entscheidet die Amtsleitung"
"$CLIENT" "$SOCK" amt rcount measures pending T-FG >"$TMP/out" 2>&1
expect_output "limit: ... among the team's measures waiting" "^count 2$"
expect_exit 0 "limit: ... the head of office approves it" \
	"$CLIENT" "$SOCK" amt rput approvals 0 0 measure_id="$m3" measure_version=1 decision=bewilligt

# Two leads decide the same version at once: one wins, the other is told.
"$CLIENT" "$SOCK" tl.fg events 1 5000 >"$TMP/events" 2>&1 &
ev=$!
wait_line "$TMP/events" "^ready$"
"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${spfh[@]/recipient=Lena B./recipient=Mia B.}" >"$TMP/out" 2>&1
m4=$(saved_id)
wait "$ev"
grep -q "^E measures $m4 fk.fg$" "$TMP/events" && ok "events: the team lead's session hears of the proposal" ||
	not_ok "events: the team lead's session hears of the proposal"
"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m4" measure_version=1 decision=bewilligt >"$TMP/a1" 2>&1 &
p1=$!
"$CLIENT" "$SOCK" amt rput approvals 0 0 measure_id="$m4" measure_version=1 decision=abgelehnt \
	"reason=zu viele Stunden" >"$TMP/a2" 2>&1 &
p2=$!
wait "$p1" "$p2"
cat "$TMP/a1" "$TMP/a2" >"$TMP/out"
[ "$(grep -c '^saved ' "$TMP/out")" -eq 1 ] && [ "$(grep -c "^record was changed" "$TMP/out")" -eq 1 ] &&
	ok "race: two leads decide at once: one decision, one conflict" ||
	{ sed 's/^/#   /' "$TMP/out"; not_ok "race: two leads decide at once: one decision, one conflict"; }
"$CLIENT" "$SOCK" fk.fg rkids approvals "$m4" >"$TMP/out" 2>&1
[ "$(grep -c '^K ' "$TMP/out")" -eq 1 ] && ok "race: ... one decision stored" ||
	not_ok "race: ... one decision stored"

# The first proposal approved; then extended to June: decided anew.
expect_exit 0 "decide: the team lead approves the caseworker's proposal" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m1" measure_version=1 decision=bewilligt
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
expect_output "decide: ... approved" "^status=bewilligt$"
expect_output "decide: ... to its end" "^approved_to=31\.03\.2027$"
expect_output "decide: ... by the team lead" "^decided_by=tl\.fg$"
version=$(sed -n 's/^version=//p' "$TMP/out")
expect_exit 0 "extend: the caseworker extends it to June" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m1" "$version" "${spfh[@]/end=31.03.2027/end=30.06.2027}"
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
expect_output "extend: ... a change waits" "^status=Änderung beantragt$"
expect_output "extend: ... from the day after the approved end" "^change_from=01\.04\.2027$"
expect_output "extend: ... the approved end stands meanwhile" "^approved_to=31\.03\.2027$"
version=$(sed -n 's/^version=//p' "$TMP/out")
expect_exit 0 "extend: the team lead approves the extension" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m1" measure_version="$version" decision=bewilligt
"$CLIENT" "$SOCK" wjh rkids approvals "$m1" >"$TMP/out" 2>&1
[ "$(grep -c 'decision=bewilligt' "$TMP/out")" -eq 2 ] &&
	ok "extend: ... both approved versions are kept" || not_ok "extend: ... both approved versions are kept"
expect_output "extend: ... the second from April to June" "from=01\.04\.2027 to=30\.06\.2027"

# A change of rate, rejected: the approved version stands.
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
version=$(sed -n 's/^version=//p' "$TMP/out")
expect_exit 1 "rate: a new rate needs the day it applies from" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m1" "$version" "${spfh[@]/end=31.03.2027/end=30.06.2027}" rate=75,00
expect_exit 0 "rate: ... from 1 May" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m1" "$version" "${spfh[@]/end=31.03.2027/end=30.06.2027}" \
	rate=75,00 change_from=01.05.2027
expect_exit 1 "rate: a rejection says why" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m1" measure_version=$((version + 1)) decision=abgelehnt
expect_exit 0 "rate: the team lead rejects it" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m1" measure_version=$((version + 1)) \
	decision=abgelehnt "reason=Satz nicht vereinbart"
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
expect_output "rate: ... the approved rate stands" "^rate=68,50 €$"
expect_output "rate: ... approved" "^status=bewilligt$"
expect_output "rate: ... the caseworker reads why" "^reject_reason=Satz nicht vereinbart$"

# The provider's staff: their provider's measures, first name and initial.
"$CLIENT" "$SOCK" traeger.dw rget measures "$m1" >"$TMP/out" 2>&1
expect_output "provider: the provider's staff open their measure" "^recipient=Lena B\.$"
expect_output "provider: ... without the reasons" "^reason=$"
expect_exit 1 "provider: another provider's staff do not find it" \
	"$CLIENT" "$SOCK" traeger.awo rget measures "$m1"
expect_exit 1 "provider: ... they decide nothing" \
	"$CLIENT" "$SOCK" traeger.dw rput approvals 0 0 measure_id="$m1" measure_version=1 decision=bewilligt

# The help plan: agreed by the caseworker, reviewed by the provider.
expect_exit 0 "plan: the caseworker records the help plan" \
	"$CLIENT" "$SOCK" fk.fg rput plans 0 0 measure_id="$m1" kind=hilfeplan date=01.11.2026 \
	"present=Frau B., Lena, Frau Weiß (DW)" "goals=Lena geht wieder gern zur Schule"
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
expect_output "plan: ... the next review six months on" "^next_review=01\.05\.2027$"
"$CLIENT" "$SOCK" traeger.dw rcount measures provider_review DW >"$TMP/out" 2>&1
expect_output "plan: ... among the provider's reviews" "^count 1$"
expect_exit 1 "plan: the provider records no help plan" \
	"$CLIENT" "$SOCK" traeger.dw rput plans 0 0 measure_id="$m1" kind=hilfeplan date=02.11.2026 \
	"present=Frau Weiß" "goals=x"
expect_exit 0 "plan: ... but a review's outcome" \
	"$CLIENT" "$SOCK" traeger.dw rput plans 0 0 measure_id="$m1" kind=ueberpruefung date=20.11.2026 \
	"present=Frau B., Frau Weiß" "reached=Schulbesuch regelmäßig" next_review=20.02.2027
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
expect_output "plan: ... which sets the next review" "^next_review=20\.02\.2027$"

# The end: with its reasons, what is approved beyond it is released.
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
version=$(sed -n 's/^version=//p' "$TMP/out")
expect_exit 1 "end: ending asks why" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m1" "$version" "${spfh[@]/end=31.03.2027/end=30.06.2027}" \
	ended=15.05.2027
expect_exit 0 "end: the caseworker ends it" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m1" "$version" "${spfh[@]/end=31.03.2027/end=30.06.2027}" \
	ended=15.05.2027 end_reason=10 lived_after=01 following_help=6
"$CLIENT" "$SOCK" fk.fg rget measures "$m1" >"$TMP/out" 2>&1
expect_output "end: ... ended" "^status=beendet$"

# Exported with what each commits in the year: 6 x 68,50 € a week from
# January to 14 May (15 May ended it; the new rate was rejected).
"${A[@]}" export measures --year 2027 >"$TMP/out" 2>&1
expect_output "export: the columns of design.md" \
	"^.?Maßnahme;Fall;Sozialraum;Leistung;Träger;Kostenmodell;Satz;Stunden/Woche;Beginn;Ende;Status;Gebunden.?$"
expect_output "export: ... the ended one, committed to its end" \
	"^$m1;[0-9]{4}-[0-9]{5};FG;31;DW;stündlich;68,50;6,00;01\.01\.2027;30\.06\.2027;beendet;7926,42.?$"
expect_output "export: ... the year's Heimerziehung, approved" "^$m3;.*;34;AWO;täglich;195,00;0,00;.*;bewilligt;71175,00"

kill -TERM "$SERVER"
wait "$SERVER" 2>/dev/null
expect_exit 0 "verify: the measures, their decisions and plans agree with their rules" "${A[@]}" verify

# The catalogue changes under the measures: verify names each measure
# whose service is no longer in it.
sed -i 's/{ code = "34";/{ code = "34-alt";/' "$TMP/conf/sozialraum.conf"
expect_exit 1 "verify: a measure of a service no longer in the catalogue is found" "${A[@]}" verify
expect_output "verify: ... naming the measure and its field" "^measures: record $m3: Leistung"
finish
