#!/usr/bin/env bash
# Cases through the admin command and the server: demo cases filled in by
# the writer's own rules, verify checking that every case's district and
# team follow from its address, the cases export with the columns of
# design.md and only for the roles that may export cases.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
expect_exit 0 "cases: demo with 300 cases" "${A[@]}" demo --cases 300
expect_output "cases: ... said" "40 offers with their monthly counts and 300 cases"
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

# The street directory changes under the cases: verify names each case
# whose district no longer follows from its address.
kill -TERM "$SERVER"
wait "$SERVER" 2>/dev/null
sed -i 's/("Ulzburger Straße", "HM", 1, 199)/("Ulzburger Straße", "GA", 1, 199)/' "$TMP/conf/streets.conf"
expect_exit 1 "verify: cases whose address now lies in another district are found" "${A[@]}" verify
expect_output "verify: ... naming the case, the field and what its rules give" \
	"cases: record [0-9]+: district is 'HM', its rules give 'GA'"
finish
