#!/usr/bin/env bash
# Every list as CSV: the list of any record type through the server's
# export, with the rights of who asks: a case's persons and journal for
# its caseworker, with the fields each role sees (the budget clerk gets
# names, not what happened; controlling gets no list of persons), not for
# one who may not list them; each such export of personal data leaves an
# audit entry; a list that belongs to a record only with that record.
. "$(dirname "$0")/../lib.sh"
need python3

server_setup
"${A[@]}" init >/dev/null
check "exports: server starts" start_server
base=("address=Ulzburger Straße 250" initiator=2 reason=12 status=offen lead=fk.fg)
"$CLIENT" "$SOCK" fk.fg rput cases 0 0 "title=Familie Kaya" "${base[@]}" >"$TMP/out" 2>&1
id=$(awk '/^saved/ { print $2 }' "$TMP/out")
expect_output "exports: a case" "^saved [0-9]+ 1$"
for name in "Aylin Kaya" "=Deniz Kaya"; do
	"$CLIENT" "$SOCK" fk.fg rput persons 0 0 "case_id=$id" role=jung "name=$name" \
		birth=03.04.2015 sex=weiblich >/dev/null
done
"$CLIENT" "$SOCK" fk.fg rput journal 0 0 "case_id=$id" kind=vermerk "date=$(date +%d.%m.%Y)" \
	"text=Die Mutter berichtet von Streit" >/dev/null

"$CLIENT" "$SOCK" fk.fg export persons 0 "$id" >"$TMP/persons.csv" 2>&1
python3 - "$TMP/persons.csv" >"$TMP/out" 2>&1 <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f, delimiter=";"))
print("rows", len(rows), "names", "|".join(sorted(r["Name"] for r in rows)))
PY
expect_output "persons: the caseworker's export of the case's persons (csv reader)" \
	"^rows 2 names '=Deniz Kaya\|Aylin Kaya$"

"$CLIENT" "$SOCK" fk.fg export journal 0 "$id" >"$TMP/out" 2>&1
expect_output "journal: the caseworker's export has the text" "Die Mutter berichtet von Streit"
"$CLIENT" "$SOCK" wjh export journal 0 "$id" >"$TMP/out" 2>&1
expect_output "journal: the budget clerk's export has the entry" "Nr\.;Fall;|Nr\.;Abwesend"
grep -q "Streit" "$TMP/out" && not_ok "journal: ... but not what happened" ||
	ok "journal: ... but not what happened"
head -1 "$TMP/out" | grep -q "Text" && not_ok "journal: ... nor its column" || ok "journal: ... nor its column"
"$CLIENT" "$SOCK" ctrl export persons 0 "$id" >"$TMP/out" 2>&1
expect_output "persons: controlling may not export them" "^refused: .*may not export persons"
"$CLIENT" "$SOCK" traeger.dw export persons 0 "$id" >"$TMP/out" 2>&1
expect_output "persons: a provider's staff get nothing of a case" "^refused: "
"$CLIENT" "$SOCK" fk.fg export persons 0 >"$TMP/out" 2>&1
expect_output "persons: only as the list of their case" "^refused: .*exported as the list of the record they belong to"
"$CLIENT" "$SOCK" fk.fg export cases 0 999999 >"$TMP/out" 2>&1
expect_output "cases: belong to no other record" "^refused: .*belong to no other record"
"$CLIENT" "$SOCK" fk.fg export nothing 0 >"$TMP/out" 2>&1
expect_output "exports: an unknown one is named" "^refused: .*unknown export 'nothing'"

"${A[@]}" audit >"$TMP/out" 2>&1
expect_output "audit: the export of the persons is in the audit log" \
	"fk\.fg +export +cases +$id +Personen als CSV exportiert"
"$CLIENT" "$SOCK" fk.fg export absences 0 >"$TMP/out" 2>&1
expect_output "absences: a top-level list without an export of its own" "Nr\.;Fall;|Nr\.;Abwesend"
finish
