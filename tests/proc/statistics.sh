#!/usr/bin/env bash
# The federal statistics through the server: export statistics has a row
# per help due in the year (as recomputed from the measures export and the
# days the ended ones ended) and per § 8a procedure completed in it (as
# the assessments of every case give them), every code of domain.md's
# lists and no name, case number or login; a team lead gets their
# district's records; statistics check names the case, its lead and the
# field when a field is blanked through the server, and exits 1.
. "$(dirname "$0")/../lib.sh"
need python3

server_setup
"${A[@]}" init >/dev/null
expect_exit 0 "statistics: demo data" "${A[@]}" demo --cases 400 --measures 200
check "statistics: server starts" start_server
year=$(date +%Y)
saved_id() { sed -n 's/^saved \([0-9]*\) [0-9]*$/\1/p' "$TMP/out"; }

expect_exit 0 "export statistics --year" "${A[@]}" export statistics --year "$year"
cp "$TMP/out" "$TMP/statistics.csv"
"${A[@]}" export measures --year "$year" >"$TMP/measures.csv"
"${A[@]}" export cases >"$TMP/cases.csv"
"$CLIENT" "$SOCK" tl.fg export statistics "$year" >"$TMP/tl.csv"

# The independent side: the day each ended measure ended (not in the
# measures export), every case's § 8a assessments, and some names.
awk -F';' '$11 == "beendet" { print $1 }' "$TMP/measures.csv" | while read -r m; do
	echo "$m $("$CLIENT" "$SOCK" amt rget measures "$m" | sed -n 's/^ended=//p')"
done >"$TMP/ended"
ncases=$(($(wc -l <"$TMP/cases.csv") - 1))
for id in $(seq 1 "$ncases"); do
	"$CLIENT" "$SOCK" amt rkids risk_assessments "$id" | sed "s/^K /$id /"
done >"$TMP/assessments"
for id in 1 2 3 5 8 13 21 34 55 89; do
	"$CLIENT" "$SOCK" amt rget cases "$id" | sed -n 's/^title=Familie //p'
	"$CLIENT" "$SOCK" amt rkids persons "$id" | sed -n 's/.* name=\(.*\) birth=.*/\1/p'
done >"$TMP/names"
awk -F';' '/^ *\{ login/ || /login = / { print }' "$C" |
	sed -n 's/.*login = "\([^"]*\)"; name = "\([^"]*\)".*/\1\n\2/p' >>"$TMP/names"
for id in $(awk -F' ' '{ print $1 }' "$TMP/assessments" | sort -un); do
	echo "$id $("$CLIENT" "$SOCK" amt rget cases "$id" | sed -n 's/^district=//p')"
done >"$TMP/case_districts"

python3 - "$TMP" "$year" "$C" >"$TMP/out" 2>&1 <<'PY'
import csv, re, sys
from collections import Counter
tmp, year, conf = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding="utf-8").read()
def rows(name):
    with open(f"{tmp}/{name}", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))
def day(s):
    d, m, y = s.split(".")
    return (int(y), int(m), int(d))
bad = []
def same(what, got, want):
    if got != want:
        bad.append(f"{what}: export {got}, recomputed {want}")

# Helps due: approved at some time (bewilligt, Änderung beantragt, beendet),
# of a service with an Art der Hilfe, ended in the year or running on 31.12.
help_type = dict(re.findall(r'code = "([^"]+)";[^}]*?help_type = "(\d+)"', conf))
ended = dict(l.split() for l in open(f"{tmp}/ended") if len(l.split()) == 2)
first, last = (year, 1, 1), (year, 12, 31)
due = {}
for r in rows("measures.csv"):
    if r["Status"] not in ("bewilligt", "Änderung beantragt", "beendet") or r["Leistung"] not in help_type:
        continue
    start, end = day(r["Beginn"]), day(ended.get(r["Maßnahme"], r["Ende"]))
    if (start <= last and end > last) or (first <= end <= last and start <= end):
        due[r["Maßnahme"]] = (r, start, end > last)
stats = rows("statistics.csv")
teil1 = [r for r in stats if r["Erhebung"] == "Teil I"]
p8a = [r for r in stats if r["Erhebung"] == "§ 8a"]
same("rows other than Teil I and § 8a", len(stats) - len(teil1) - len(p8a), 0)
same("Teil I rows", len(teil1), len(due))
same("Art der Hilfe", Counter(r["Art der Hilfe"] for r in teil1),
     Counter(help_type[r["Leistung"]] for r, _, _ in due.values()))
same("Beginn Monat/Jahr", Counter((int(r["Beginn Monat"]), int(r["Beginn Jahr"])) for r in teil1),
     Counter(s[:2][::-1] for _, s, _ in due.values()))
same("andauernd am 31.12.", Counter(r["andauernd am 31.12."] for r in teil1),
     Counter("ja" if running else "nein" for _, _, running in due.values()))
# § 8a: the assessments dated in the year
assessed = [l for l in open(f"{tmp}/assessments") if re.search(rf" date=\d\d\.\d\d\.{year}\b", l)]
same("§ 8a rows", len(p8a), len(assessed))

# Every code one of domain.md's
codes = lambda *c: set(c) | {""}
yes_no = codes("ja", "nein")
n = lambda a, b, w=1: {str(i).zfill(w) for i in range(a, b + 1)}
allowed = {
    "Geschlecht": codes("männlich", "weiblich", "divers", "ohne Angabe"),
    "Geburtsmonat": n(1, 12) | {""}, "Art der Hilfe": n(1, 16, 2) | {""},
    "Hauptgrund": n(10, 19) | {""}, "2. Grund": n(10, 19) | {""}, "3. Grund": n(10, 19) | {""},
    "Anregende Institution": n(1, 8) | {""}, "§ 8a vorausgegangen": yes_no, "§ 1666 BGB": yes_no,
    "§ 1631b BGB": yes_no, "nach Inobhutnahme": yes_no, "weitere Hilfe gleichzeitig": yes_no,
    "Situation in der Herkunftsfamilie": n(1, 5) | {""},
    "ausländische Herkunft": codes("ja", "nein", "unbekannt"),
    "vorrangig Deutsch": codes("ja", "nein", "unbekannt"),
    "Transferleistungen": codes("ja", "nein", "unbekannt"),
    "Ort der Durchführung": n(1, 12, 2) | {""}, "Aufenthalt vor der Hilfe": n(1, 11, 2) | {""},
    "Art des Trägers": codes("10", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "40"),
    "andauernd am 31.12.": codes("ja", "nein"), "Beendigungsgrund": codes("10", "20", "21", "22", "30", "40", "50"),
    "Aufenthalt nach der Hilfe": n(1, 11, 2) | {""}, "nachfolgende Hilfe": n(1, 6) | {""},
    "Ergebnis": codes("akute Kindeswohlgefährdung", "latente Kindeswohlgefährdung",
                      "keine Kindeswohlgefährdung, aber Hilfe-/Unterstützungsbedarf",
                      "keine Kindeswohlgefährdung und kein Hilfebedarf"),
    "Alter der Mutter": codes("unter 18", "18 bis unter 27", "27 und älter"),
    "Alter des Vaters": codes("unter 18", "18 bis unter 27", "27 und älter"),
    "bekannt geworden durch": set(re.findall(r'\{ id = "[^"]+"; name = "([^"]+)"; \}', conf)) | {""},
}
for col in ("Vernachlässigung", "körperliche Misshandlung", "psychische Misshandlung", "sexuelle Gewalt",
            "wiederholte Meldung", "Leistung §§ 16-19", "Leistung ambulant §§ 27-32, 35",
            "Leistung stationär §§ 33-35a", "keine Leistung", "neue Hilfe", "Familiengericht angerufen",
            "Inobhutnahme § 42"):
    allowed[col] = yes_no
for col, values in allowed.items():
    if col not in stats[0]:
        bad.append(f"no column {col}")
        continue
    wrong = {r[col] for r in stats} - values
    if wrong:
        bad.append(f"{col}: not a code of domain.md: {sorted(wrong)[:5]}")
# a column of one statistics is empty in the other's rows
for r in teil1:
    if not r["Art der Hilfe"] or not r["Beginn Jahr"] or not r["andauernd am 31.12."]:
        bad.append("a Teil I row without its Art der Hilfe, begin or state on 31.12.")
        break
for r in teil1:
    if r["Ergebnis"] or r["Einschätzung Jahr"]:
        bad.append("a Teil I row with § 8a cells")
        break
for r in p8a:
    if r["Art der Hilfe"] or r["Beginn Jahr"]:
        bad.append("a § 8a row with Teil I cells")
        break
# no person's name, no case number, no login
text = open(f"{tmp}/statistics.csv", encoding="utf-8-sig").read()
names = {l.strip() for l in open(f"{tmp}/names", encoding="utf-8") if l.strip()}
found = sorted(x for x in names if re.search(rf"(^|[;\s]){re.escape(x)}($|[;\s])", text))
if found:
    bad.append(f"names in the export: {found[:5]}")
if re.search(r"\d{4}-\d{5}", text):
    bad.append("a case number in the export")
if len(names) < 20:
    bad.append(f"only {len(names)} names to look for")

# A team lead: their district's helps and procedures
districts = dict(l.split() for l in open(f"{tmp}/case_districts") if len(l.split()) == 2)
tl = rows("tl.csv")
same("team lead: Teil I rows", sum(1 for r in tl if r["Erhebung"] == "Teil I"),
     sum(1 for r, _, _ in due.values() if r["Sozialraum"] == "FG"))
same("team lead: § 8a rows", sum(1 for r in tl if r["Erhebung"] == "§ 8a"),
     sum(1 for l in assessed if districts.get(l.split()[0]) == "FG"))
print("\n".join(bad) if bad else
      f"all equal ({len(teil1)} helps, {len(p8a)} procedures, {len(names)} names looked for)")
PY
expect_output "export: rows, codes, anonymity and the team lead's share as recomputed (csv reader)" "^all equal"

# Rights: the budget clerks, controlling and caseworkers export none
"$CLIENT" "$SOCK" wjh export statistics "$year" >"$TMP/out" 2>&1
expect_output "rights: the budget clerks get no statistics" "^refused: not permitted"
"$CLIENT" "$SOCK" ctrl export statistics "$year" >"$TMP/out" 2>&1
expect_output "rights: nor controlling" "^refused: .*may not export statistics"
"$CLIENT" "$SOCK" fk.fg export statistics "$year" >"$TMP/out" 2>&1
expect_output "rights: nor a caseworker" "^refused: .*may not export statistics"
"${A[@]}" export statistics --year "$year" --district FG | sort >"$TMP/fg.csv"
sort "$TMP/tl.csv" >"$TMP/tl.sorted"
cmp -s "$TMP/fg.csv" "$TMP/tl.sorted" && ok "rights: --district FG gives the team lead's rows" ||
	not_ok "rights: --district FG gives the team lead's rows"

# statistics check: a help with every field, then one blanked
"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Zählmann" "address=Ulzburger Straße 250" \
	initiator=2 reason=13 family=1 foreign_origin=nein german_home=ja transfer_payments=nein \
	status=offen >"$TMP/out" 2>&1
case_id=$(saved_id)
number=$("$CLIENT" "$SOCK" fk.fg rget cases "$case_id" | sed -n 's/^number=//p')
expect_exit 0 "check: the young person of the case" \
	"$CLIENT" "$SOCK" fk.fg rput persons 0 0 case_id="$case_id" role=jung "name=Lena Zählmann" \
	birth=15.03.2014 sex=w
spfh=(case_id="$case_id" "recipient=Lena Z." birth_year=2014 service=31 provider=DW
	start=01.01.$year end=31.03.$((year + 1)) hours=2 initiator=2 reason=13 preceded_8a=nein
	place=01 lived_before=01 provider_kind=24)
"$CLIENT" "$SOCK" fk.fg rput measures 0 0 "${spfh[@]}" >"$TMP/out" 2>&1
m=$(saved_id)
expect_exit 0 "check: the team lead approves a help with every field" \
	"$CLIENT" "$SOCK" tl.fg rput approvals 0 0 measure_id="$m" measure_version=1 decision=bewilligt
"${A[@]}" statistics check --year "$year" >"$TMP/out" 2>&1
if grep -q "$number" "$TMP/out"; then
	grep "$number" "$TMP/out" | sed 's/^/#   /'
	not_ok "check: ... its case is not listed"
else ok "check: ... its case is not listed"; fi
version=$("$CLIENT" "$SOCK" fk.fg rget measures "$m" | sed -n 's/^version=//p')
expect_exit 0 "check: the caseworker blanks its Ort der Durchführung" \
	"$CLIENT" "$SOCK" fk.fg rput measures "$m" "$version" "${spfh[@]/place=01/place=}"
expect_exit 1 "check: statistics check --year finds it (exit 1)" \
	"${A[@]}" statistics check --year "$year"
expect_output "check: ... the case, its lead's login and name, the help and the field on one line" \
	"^fk\.fg \(Ayşe Yılmaz\) +$number +Hilfe $m \(31, ab 01\.01\.$year\): fehlt Ort der Durchführung$"
awk '/^[a-z]/ { print $1 }' "$TMP/out" >"$TMP/leads"
LC_ALL=C sort -c "$TMP/leads" 2>/dev/null && ok "check: ... sorted by lead" || not_ok "check: ... sorted by lead"
expect_output "check: ... and counted" "^[0-9]+ helps? or § 8a procedures? of $year miss"
"$CLIENT" "$SOCK" tl.fg export statistics-missing "$year" >"$TMP/out" 2>&1
expect_output "check: the team lead's list has the case" "^$number;fk\.fg;Ayşe Yılmaz;Hilfe $m "
python3 - "$TMP" >"$TMP/check" 2>&1 <<'PY'
import csv, sys
tmp = sys.argv[1]
with open(f"{tmp}/cases.csv", encoding="utf-8-sig", newline="") as f:
    district = {r["Fall"]: r["Sozialraum"] for r in csv.DictReader(f, delimiter=";")}
with open(f"{tmp}/out", encoding="utf-8-sig", newline="") as f:
    other = [r["Fall"] for r in csv.DictReader(f, delimiter=";") if district.get(r["Fall"], "FG") != "FG"]
print(f"other districts: {other}" if other else "FG only")
PY
cp "$TMP/check" "$TMP/out"
expect_output "check: ... and only cases of their district" "^FG only$"
expect_exit 0 "check: a year without records misses nothing (exit 0)" \
	"${A[@]}" statistics check --year 2001
expect_output "check: ... and says so" "^nothing missing"
expect_exit 2 "check: --year is required" "${A[@]}" statistics check
expect_exit 2 "check: ... a year" "${A[@]}" statistics check --year soon
finish
