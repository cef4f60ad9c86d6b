#!/usr/bin/env bash
# The committee report on screen at 80x24 ('j'): the head of office sees
# each figure of every district side by side with a bar, and the city's;
# the values are the export's; a team lead sees their district only; a
# caseworker's menu has no report.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
"${A[@]}" demo --cases 300 --measures 150 --bookings 2000 >/dev/null
check "report: server starts" start_server
year=$(date +%Y)
"${A[@]}" export committee --year "$year" >"$TMP/committee.csv"
eck_fg=$(awk -F';' '$2 == "Eckwert" && $3 == "FG" { print $5 }' "$TMP/committee.csv")
eck_city=$(awk -F';' '$2 == "Eckwert" && $3 == "Stadt" { print $5 }' "$TMP/committee.csv")

open_session amt amt
screen_check "report: the head of office's menu offers it" amt "j Jahresbericht"
keys amt j
screen_check "report: j opens the report of the year" amt \
	"^Bericht an den Jugendhilfeausschuss $year · Vorjahr $((year - 1))"
keys amt /
type_text amt "Eckwert"
keys amt Enter
screen_check "report: ... the districts' Eckwert side by side, with a bar" amt \
	"^. FG +Eckwert \(je 10\.000\) +$eck_fg #+ *$"
screen_check "report: ... and the city's below them" amt "^  Stadt +Eckwert \(je 10\.000\) +$eck_city *$"

open_session tl tl.fg
keys tl j
screen_check "report: a team lead's report" tl "^Bericht an den Jugendhilfeausschuss $year"
keys tl /
type_text tl "Eckwert"
keys tl Enter
screen_check "report: ... has their district" tl "^. FG +Eckwert \(je 10\.000\)"
grep -qE "^ +(HM|GA|GL|Stadt) " "$TMP/screen" && not_ok "report: ... and no other, nor the city" ||
	ok "report: ... and no other, nor the city"

# 'x': the list as CSV in the user's own folder of the export directory,
# written by the program as the user; a name that Excel would take for a
# formula is quoted
mkdir -p "$TMP/demo-exports"
"$CLIENT" "$SOCK" tl.fg create '=HYPERLINK("http://example.org","klick")' >/dev/null
keys tl Escape
keys tl a
screen_check "export: the team lead's offers" tl "Einträg"
keys tl x
screen_check "export: x says where the file is" tl "Exportiert: .*/demo-exports/tl\.fg/offers-"
files=("$TMP"/demo-exports/tl.fg/offers-*.csv)
[ ${#files[@]} -eq 1 ] && [ "$(stat -c %a "$TMP/demo-exports/tl.fg")" = 700 ] &&
	[ "$(stat -c %a "${files[0]}")" = 600 ] && ok "export: one file, in a folder of the user's own (0700, 0600)" ||
	not_ok "export: one file, in a folder of the user's own"
"$CLIENT" "$SOCK" tl.fg export offers 0 >"$TMP/offers.csv"
python3 - "${files[0]}" "$TMP/offers.csv" >"$TMP/out" 2>&1 <<'PY'
import csv, sys
def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))
got, want = rows(sys.argv[1]), rows(sys.argv[2])
formula = [r for r in got if any("HYPERLINK" in c for c in r)]
print("rows", len(got), "of", len(want))
print("formula cells", *[c for r in formula for c in r if "HYPERLINK" in c])
PY
expect_output "export: ... the rows the server exports for the user (csv reader)" "^rows ([0-9]+) of \1$"
expect_output "export: ... a name starting with = kept from being a formula" "^formula cells '=HYPERLINK"
keys amt x
screen_check "export: the head of office exports the report" amt "Exportiert: .*/demo-exports/amt/committee-"
"${A[@]}" export committee --year "$year" >"$TMP/committee.csv"
python3 - "$TMP"/demo-exports/amt/committee-*.csv "$TMP/committee.csv" >"$TMP/out" 2>&1 <<'PY'
import csv, sys
def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))
print("same" if rows(sys.argv[1]) == rows(sys.argv[2]) else "differs")
PY
expect_output "export: ... the same figures as the admin's export" "^same$"

# x on a directory of the configuration: the rows as shown
keys tl Escape
keys tl s
screen_check "export: the districts' directory" tl "^sozialraum · Sozialräume "
keys tl x
screen_check "export: ... x writes it" tl "Exportiert: .*/demo-exports/tl\.fg/sozialraeume-"
grep -q "^FG;Friedrichsgabe;" "$TMP"/demo-exports/tl.fg/sozialraeume-*.csv &&
	ok "export: ... with its rows" || not_ok "export: ... with its rows"

# 'm': what the federal statistics lack, as statistics check lists it
"${A[@]}" export statistics-missing --year "$year" >"$TMP/missing.csv"
missing=$(($(grep -c . "$TMP/missing.csv") - 1))
open_session st amt
keys st m
screen_check "statistics: m lists what the federal statistics still lack" st \
	"^Bundesstatistik $year: was noch fehlt"
screen_check "statistics: ... every help and procedure statistics check names ($missing)" st \
	"1 von $missing Eintr|^ +$missing Eintr|von $missing Eintr"

open_session fk fk.fg
screen_check "report: a caseworker's menu" fk "Hauptmenü"
grep -q "Jahresbericht" "$TMP/screen" && not_ok "report: ... has no report" || ok "report: ... has no report"
finish
