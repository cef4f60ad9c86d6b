#!/usr/bin/env bash
# Absences through the server: a caseworker records their own, a team lead
# the team's; the stand-in is of the same team and leads cases; the days
# are in order; another team sees none of it.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "absence: server starts" start_server

today=$(date +%d.%m.%Y)
later=$(date -d '+6 days' +%d.%m.%Y)
"$CLIENT" "$SOCK" fk.fg rput absences 0 0 login=fk.fg "from=$today" "to=$later" stand_in=bgross \
	note=Urlaub >"$TMP/out" 2>&1
expect_output "absence: a caseworker records their own" "^saved [0-9]+ 1$"
aid=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
"$CLIENT" "$SOCK" tl.fg rget absences "$aid" >"$TMP/out" 2>&1
expect_output "absence: ... the team lead reads it" "^stand_in=bgross$"
expect_output "absence: ... of the absent one's team" "^team=T-FG$"
expect_exit 1 "absence: a caseworker may not record a colleague's" \
	"$CLIENT" "$SOCK" fk.fg rput absences 0 0 login=bgross "from=$today" "to=$later" stand_in=fk.fg
expect_exit 1 "absence: the stand-in must be of the same team" \
	"$CLIENT" "$SOCK" tl.fg rput absences 0 0 login=shansen "from=$today" "to=$later" stand_in=mmeier
expect_output "absence: ... said at the field" "Vertretung: vertreten kann nur, wer im selben Team"
expect_exit 1 "absence: nobody stands in for themselves" \
	"$CLIENT" "$SOCK" tl.fg rput absences 0 0 login=shansen "from=$today" "to=$later" stand_in=shansen
expect_exit 1 "absence: the last day is not before the first" \
	"$CLIENT" "$SOCK" tl.fg rput absences 0 0 login=shansen "from=$later" "to=$today" stand_in=fk.fg
expect_exit 1 "absence: only those who lead cases are recorded" \
	"$CLIENT" "$SOCK" amt rput absences 0 0 login=wjh "from=$today" "to=$later" stand_in=fk.fg
expect_exit 0 "absence: the team lead records a caseworker's" \
	"$CLIENT" "$SOCK" tl.fg rput absences 0 0 login=shansen "from=$today" "to=$later" stand_in=fk.fg
expect_exit 1 "absence: another team's lead may not" \
	"$CLIENT" "$SOCK" kjensen rput absences 0 0 login=shansen "from=$today" "to=$later" stand_in=fk.fg
expect_exit 1 "absence: another team's caseworker does not see it" \
	"$CLIENT" "$SOCK" mmeier rget absences "$aid"
expect_exit 1 "absence: provider staff do not" "$CLIENT" "$SOCK" traeger.dw rget absences "$aid"
expect_exit 0 "absence: the stand-in's index holds who they stand in for" \
	"$CLIENT" "$SOCK" tl.fg rcount absences stand_in bgross
expect_output "absence: ... one" "^count 1$"

# A transfer killed mid-way (kill -9 of the server at a random moment of
# the save that moves the case): after recovery the case is wholly in one
# team or the other, its index entries with it.
"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Wechsel" "address=Ulzburger Straße 250" \
	initiator=2 reason=12 status=offen lead=fk.fg >"$TMP/out" 2>&1
expect_output "transfer: a case in Friedrichsgabe" "^saved [0-9]+ 1$"
cid=$(sed -n 's/^saved \([0-9]*\) 1$/\1/p' "$TMP/out")
bad=0 moved=0
for round in $(seq 8); do
	if [ $((round % 2)) -eq 1 ]; then addr="Ohechaussee 10"; else addr="Ulzburger Straße 250"; fi
	version=$("$CLIENT" "$SOCK" amt rget cases "$cid" | sed -n 's/^version=//p')
	"$CLIENT" "$SOCK" amt rput cases "$cid" "$version" "title=Familie Wechsel" "address=$addr" \
		initiator=2 reason=12 status=offen >/dev/null 2>&1 &
	client=$!
	sleep "0.00$((RANDOM % 10))"
	kill -9 "$SERVER"
	wait "$SERVER" 2>/dev/null
	wait "$client" 2>/dev/null
	start_server || { bad=$((bad + 1)); break; }
	"$CLIENT" "$SOCK" amt rget cases "$cid" >"$TMP/case" 2>&1
	where="$(sed -n 's/^district=//p' "$TMP/case")/$(sed -n 's/^team=//p' "$TMP/case")"
	ga=$("$CLIENT" "$SOCK" hpetersen rcount cases unassigned T-GA)
	case "$where $ga" in
	"FG/T-FG count 0") ;;
	"GA/T-GA count 1") moved=$((moved + 1)) ;;
	*)
		echo "# round $round: $where, T-GA's cases without a lead: $ga"
		bad=$((bad + 1))
		;;
	esac
done
echo "# 8 kills, the case found moved after $moved of them"
[ "$bad" -eq 0 ] && ok "transfer: after every kill the case is wholly in one team" ||
	not_ok "transfer: after every kill the case is wholly in one team ($bad bad rounds)"
kill -TERM "$SERVER"
wait "$SERVER" 2>/dev/null
expect_exit 0 "transfer: verify finds every index entry matching its record" "${A[@]}" verify
finish
