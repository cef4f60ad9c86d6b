#!/usr/bin/env bash
# The committee report through the server: its figures per district add up
# to the city's; its money is the budget export's (the aggregates verify
# recomputes) and what the bookings of the year add up to; its cases are
# what the cases export gives; rights decide which districts one sees; the
# text is paged by area, and the PDF shows the figures and renders.
. "$(dirname "$0")/../lib.sh"
need python3

server_setup
"${A[@]}" init >/dev/null
expect_exit 0 "report: demo data" "${A[@]}" demo --cases 400 --measures 200 --bookings 3000
expect_exit 0 "report: verify recomputes the budget's figures and finds them equal" "${A[@]}" verify
check "report: server starts" start_server
year=$(date +%Y)

"${A[@]}" export committee --year "$year" >"$TMP/committee.csv" 2>"$TMP/out"
"${A[@]}" export budget --year "$year" >"$TMP/budget.csv"
"${A[@]}" export bookings >"$TMP/bookings.csv"
"${A[@]}" export cases >"$TMP/cases.csv"
python3 - "$TMP" "$year" >"$TMP/out" 2>&1 <<'PY'
import csv, sys
from collections import defaultdict
tmp, year = sys.argv[1], int(sys.argv[2])
def rows(name):
    with open(f"{tmp}/{name}", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))
def num(s):
    return int(s) if "," not in s else round(float(s.replace(".", "").replace(",", ".")) * 100)
report = {(r["Kennzahl"], r["Bereich"]): (num(r["Jahr"]), num(r["Vorjahr"])) for r in rows("committee.csv")}
areas = sorted({a for _, a in report} - {"Stadt"})
bad = []
def same(what, got, want):
    if got != want:
        bad.append(f"{what}: report {got}, recomputed {want}")
# counts: the city is the sum of its districts
for figure in ("Fälle offen am 31.12.", "Fälle neu im Jahr", "Fälle beendet im Jahr",
               "Hilfen am 31.12.", "Hilfen neu im Jahr", "Hilfen beendet im Jahr", "Angebote",
               "Erreichte Personen (anonym gezählt)", "§ 8a: akute Kindeswohlgefährdung"):
    same(f"{figure}, Stadt = sum of districts", report[(figure, "Stadt")][0],
         sum(report[(figure, a)][0] for a in areas))
# money: the budget export's lines, per district and for the city
line_names = {"fallspezifisch", "fallübergreifend", "fallunspezifisch"}
city = defaultdict(int)
for r in rows("budget.csv"):
    for col, what in (("Plan", "Plan"), ("Ausgegeben", "Ausgegeben"), ("Offen", "Offen"), ("Prognose", "Prognose")):
        same(f"{what}: {r['Budgetlinie']} {r['Sozialraum']}", report[(f"{what}: {r['Budgetlinie']}", r["Sozialraum"])][0], num(r[col]))
        city[(what, r["Budgetlinie"])] += num(r[col])
for (what, line), v in city.items():
    same(f"{what}: {line} Stadt", report[(f"{what}: {line}", "Stadt")][0], v)
# spent: what the year's bookings add up to, per line (not from the aggregates)
spent = defaultdict(int)
for r in rows("bookings.csv"):
    if r["Datum"].endswith(str(year)):
        spent[r["Budgetlinie"]] += num(r["Betrag"])
for line in line_names:
    same(f"Ausgegeben: {line} Stadt = the year's bookings", report[(f"Ausgegeben: {line}", "Stadt")][0], spent[line])
# cases: from the cases export
def day(s):
    d, m, y = s.split(".")
    return (int(y), int(m), int(d))
end = (year, 12, 31)
for a in areas:
    mine = [r for r in rows("cases.csv") if r["Sozialraum"] == a]
    same(f"Fälle offen am 31.12. {a}", report[("Fälle offen am 31.12.", a)][0],
         sum(1 for r in mine if day(r["Eröffnet"]) <= end and (not r["Geschlossen"] or day(r["Geschlossen"]) > end)))
    same(f"Fälle neu im Jahr {a}", report[("Fälle neu im Jahr", a)][0],
         sum(1 for r in mine if day(r["Eröffnet"])[0] == year))
    same(f"Fälle beendet im Jahr {a}", report[("Fälle beendet im Jahr", a)][0],
         sum(1 for r in mine if r["Geschlossen"] and day(r["Geschlossen"])[0] == year))
print("\n".join(bad) if bad else f"all equal ({len(report)} figures, districts {' '.join(areas)})")
PY
expect_output "report: figures equal the exports' and the bookings' (csv reader)" "^all equal"

# rights: a team lead their district only, a caseworker nothing
"$CLIENT" "$SOCK" tl.fg export committee "$year" >"$TMP/out" 2>&1
cut -d';' -f3 "$TMP/out" | tail -n +2 | sort -u >"$TMP/areas"
[ "$(cat "$TMP/areas")" = "FG" ] && ok "report: a team lead gets their district, not the city" ||
	{ sed 's/^/#   /' "$TMP/areas"; not_ok "report: a team lead gets their district, not the city"; }
"$CLIENT" "$SOCK" fk.fg export committee "$year" >"$TMP/out" 2>&1
expect_output "report: a caseworker gets none" "^refused: .*may not export committee"

# the text: one page per area, each figure beside the previous year's
expect_exit 0 "report: report committee --year" "${A[@]}" report committee --year "$year"
cp "$TMP/out" "$TMP/report.txt"
expect_output "report: ... titled with the city and the year" "^Bericht an den Jugendhilfeausschuss Norderstedt $year$"
expect_output "report: ... the year beside the previous one" "^Hilfen +$year +$((year - 1)) +Veränderung$"
expect_output "report: ... the Eckwert with its definition" "mit § 41, ohne Erziehungsberatung"
[ "$(tr -cd '\f' <"$TMP/report.txt" | wc -c)" -eq 4 ] && ok "report: ... a page per district and one for the city" ||
	not_ok "report: ... a page per district and one for the city"
expect_output "report: ... the city's page" "^Norderstedt, gesamt$"
expect_exit 2 "report: a PDF needs -o" "${A[@]}" report committee --year "$year" --format pdf
expect_exit 2 "report: an unknown format is a usage error" "${A[@]}" report committee --year "$year" --format doc

# the PDF
if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null; then
	expect_exit 0 "pdf: report committee --format pdf -o" \
		"${A[@]}" report committee --year "$year" --format pdf -o "$TMP/report.pdf"
	pdftotext -layout "$TMP/report.pdf" "$TMP/report.pdf.txt" 2>"$TMP/out"
	eck=$(awk -F';' '$2 == "Eckwert" && $3 == "Stadt" { print $5 }' "$TMP/committee.csv")
	cp "$TMP/report.pdf.txt" "$TMP/out"
	expect_output "pdf: ... shows the city and the year" "Norderstedt.*$year"
	expect_output "pdf: ... and the city's Eckwert ($eck)" "$eck"
	expect_output "pdf: ... with umlauts" "Fälle"
	pdftoppm -r 30 -png "$TMP/report.pdf" "$TMP/page" 2>"$TMP/out"
	[ -s "$TMP/page-01.png" ] || [ -s "$TMP/page-1.png" ] && ok "pdf: ... renders (pdftoppm)" ||
		not_ok "pdf: ... renders (pdftoppm)"
	expect_exit 1 "pdf: an unwritable file is refused" \
		"${A[@]}" report committee --year "$year" --format pdf -o /nonexistent/dir/r.pdf
else
	echo "# skip: pdftotext or pdftoppm missing (poppler-utils)"
	exit 77
fi
finish
