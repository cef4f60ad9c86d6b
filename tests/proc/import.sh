#!/usr/bin/env bash
# import bookings FILE through the server: a file of the finance system
# (BOM, Windows line ends, German amounts and dates) booked in one
# transaction; the same file again books nothing and names each line;
# one bad line among many books nothing and is named by its number; a
# duplicate inside the file, a missing column, an unknown measure are
# said where they are; verify finds the budget right afterwards.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
expect_exit 0 "import: demo with measures" "${A[@]}" demo --cases 100 --measures 50
check "import: server starts" start_server
year=$(date +%Y)

"${A[@]}" export measures >"$TMP/measures" 2>&1
m=$(awk -F';' '$11 == "bewilligt" && $3 == "FG" { print $1; exit }' "$TMP/measures")
[ -n "$m" ] && ok "import: an approved measure in FG to book on" ||
	not_ok "import: an approved measure in FG to book on"
spent() {
	"${A[@]}" export budget --year "$year" --district FG >"$TMP/budget" 2>&1
	awk -F';' '$2 == "fallspezifisch" { gsub(",", "", $5); print $5 + 0 }' "$TMP/budget"
}
bookings() { "${A[@]}" export bookings | grep -c '^[0-9]'; }
before=$(spent)

head='Datum;Betrag;Maßnahme;Angebot;Rechnung;Empfänger;Zeitraum von;Zeitraum bis;Verwendungszweck'
{
	printf '\357\273\277%s\r\n' "$head"
	printf '05.11.%s;1.234,56;%s;;F-1;Diakonisches Werk;01.10.%s;31.10.%s;Oktober\r\n' \
		"$year" "$m" "$year" "$year"
	printf '05.11.%s;100;%s;;F-2;Diakonisches Werk;;;\r\n' "$year" "$m"
	printf '06.11.%s;"2.000,00";;1;F-3;"Sozialwerk; Norderstedt";;;"Zuwendung ""November"""\r\n' \
		"$year"
} >"$TMP/good.csv"
expect_exit 0 "import: a file of three bookings" "${A[@]}" import bookings "$TMP/good.csv"
expect_output "import: ... says what it booked" "^import: 3 bookings from .*good\.csv booked$"
[ "$(spent)" -eq $((before + 133456)) ] &&
	ok "import: ... the measure's district spent 1.334,56 € more, to the cent" ||
	not_ok "import: ... the measure's district spent 1.334,56 € more, to the cent"
"${A[@]}" export bookings >"$TMP/out" 2>&1
expect_output "import: ... a quoted payee with its ';' kept" "^[0-9]+;06\.11\.$year;2000,00;;1;"
n=$(bookings)

expect_exit 1 "import: the same file again books nothing" "${A[@]}" import bookings "$TMP/good.csv"
expect_output "import: ... naming each line as FILE:LINE" "good\.csv:2: Rechnung: schon gebucht: Buchung Nr\. [0-9]+"
expect_output "import: ... the offer's line too" "good\.csv:4: Rechnung: schon gebucht"
[ "$(bookings)" -eq "$n" ] && ok "import: ... no booking more" || not_ok "import: ... no booking more"

{
	echo "$head"
	for i in $(seq 1 60); do
		if [ "$i" -eq 26 ]; then
			echo "07.11.$year;12,3x;$m;;B-$i;AWO;;;"
		else
			echo "07.11.$year;10,00;$m;;B-$i;AWO;;;"
		fi
	done
} >"$TMP/bad.csv"
expect_exit 1 "import: one bad line among sixty books nothing" "${A[@]}" import bookings "$TMP/bad.csv"
expect_output "import: ... and names it" "bad\.csv:27: Betrag: '12,3x'"
[ "$(bookings)" -eq "$n" ] && ok "import: ... no booking of the good lines either" ||
	not_ok "import: ... no booking of the good lines either"

{
	echo "$head"
	echo "08.11.$year;10,00;$m;;D-1;AWO;;;"
	echo "08.11.$year;11,00;$m;;D-1;AWO;;;"
	echo "08.11.$year;12,00;999999;;D-2;AWO;;;"
} >"$TMP/twice.csv"
expect_exit 1 "import: a duplicate inside the file and an unknown measure" \
	"${A[@]}" import bookings "$TMP/twice.csv"
expect_output "import: ... the duplicate names its first line" "twice\.csv:3: .*schon in Zeile 2"
expect_output "import: ... the unknown measure" "twice\.csv:4: Hilfe: diese Hilfe gibt es nicht"
printf 'Datum;Betrag;Maßnahme;Angebot;Empfänger\n01.11.%s;1;%s;;x\n' "$year" "$m" >"$TMP/head.csv"
expect_exit 1 "import: a missing column" "${A[@]}" import bookings "$TMP/head.csv"
expect_output "import: ... said at line 1" "head\.csv:1: die Spalte 'Rechnung' fehlt"
expect_exit 1 "import: a file that is not there" "${A[@]}" import bookings "$TMP/none.csv"
expect_exit 2 "import: only bookings" "${A[@]}" import offers "$TMP/good.csv"

kill -TERM "$SERVER"
wait "$SERVER" 2>/dev/null
expect_exit 0 "import: verify finds the budget as the bookings give it" "${A[@]}" verify
finish
