#!/usr/bin/env bash
# A purged case on screen at 80x24: listed with its number and district,
# "gelöscht" where its name was; its form opens read-only and says since
# when; typing changes nothing; its persons are gone.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
sed -i 's/case_years = 10;/case_years = 1;/' "$C"
"${A[@]}" init >/dev/null
"${A[@]}" demo --cases 300 --measures 300 >/dev/null
"${A[@]}" purge >"$TMP/purge" 2>&1
gone=$(awk '$1 == "purged" { print $2; exit }' "$TMP/purge")
[ -n "$gone" ] && ok "purge: the demo has a case past its period ($gone)" ||
	not_ok "purge: the demo has a case past its period"
check "purge: server starts" start_server
today=$(date +%d.%m.%Y)

open_session amt amt
screen_check "purged: the head of office's menu" amt "Hauptmen"
keys amt f
screen_check "purged: the cases list" amt "^Fälle · "
keys amt /
type_text amt "gelöscht"
keys amt Enter
screen_check "purged: listed with number and district, 'gelöscht' where its name was" amt \
	"^. $gone [A-Z]+ +gelöscht +[a-z.]+ +geschlossen"
grep -E "^▶ " "$TMP/screen" | grep -q " $gone " && ok "purged: ... the first found" ||
	not_ok "purged: ... the first found"
keys amt Enter
screen_check "purged: its form opens read-only and says since when" amt \
	"^nur lesen: nach Ablauf der Aufbewahrungsfrist am $today gelöscht"
# typed into and saved: the message line (the last but one) says why not
type_text amt "x"
keys amt F2
line_check "purged: ... F2 after typing says it is read-only" amt 23 \
	"^nur lesen: nach Ablauf der Aufbewahrungsfrist"
grep -qE "^Bezeichnung \* +gelöscht *$" "$TMP/screen" && ok "purged: ... the typed x went nowhere" ||
	not_ok "purged: ... the typed x went nowhere"
grep -q "in Bearbeitung" "$TMP/screen" && not_ok "purged: ... and takes no edit lock" ||
	ok "purged: ... and takes no edit lock"
keys amt PPage
keys amt NPage
screen_check "purged: ... its second page says when it was purged" amt "^Gelöscht am +$today"
keys amt F9
screen_check "purged: F9 offers its lists" amt "Zugehörige Listen"
keys amt Enter
screen_check "purged: ... its persons' list" amt "^Personen · Fall: gelöscht"
grep -qE "^. .*(jung|Mutter|Vater)" "$TMP/screen" && not_ok "purged: ... lists none of them" ||
	ok "purged: ... lists none of them"
finish
