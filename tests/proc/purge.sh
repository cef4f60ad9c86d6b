#!/usr/bin/env bash
# purge after the retention period, on demo data: the dry run lists what
# would go and why and changes nothing; the purge deletes names, addresses
# and texts of the cases past their period, keeps a case under § 9b SGB
# VIII as it was, leaves the committee reports of every year as they were
# to the cent, writes its audit entries, and no file of the data directory
# holds a purged name afterwards (grep -a), though the name was written
# minutes before, into pages and the log. A purged case takes no more
# writes; the server must be stopped for a purge.
. "$(dirname "$0")/../lib.sh"
need python3

server_setup
# closed cases go one year after they ended (the least the loader allows)
sed -i 's/case_years = 10;/case_years = 1;/' "$C"
"${A[@]}" init >/dev/null
expect_exit 0 "purge: demo data" "${A[@]}" demo --cases 600 --measures 600 --bookings 3000
year=$(date +%Y)

expect_exit 0 "dry run: purge --dry-run" "${A[@]}" purge --dry-run
cp "$TMP/out" "$TMP/dry"
expect_output "dry run: ... lists a case that would go, and why" \
	"^would go +[0-9]{4}-[0-9]{5} +[A-Z]+ +1 Jahr nach dem Ende am [0-9.]+: [0-9]+ records deleted"
expect_output "dry run: ... and a case § 9b keeps to the 100th birthday" \
	"^kept +[0-9]{4}-[0-9]{5} .*§ 9b SGB VIII \(Leistung [0-9a-z.-]+\): bis zum 100\. Geburtstag, [0-9]{2}\.[0-9]{2}\.2[01][0-9]{2}$"
gone=$(awk '$1 == "would" { print $3; exit }' "$TMP/dry")
kept=$(awk '$1 == "kept" { print $2; exit }' "$TMP/dry")
ngone=$(grep -c '^would go' "$TMP/dry")

check "purge: server starts" start_server
# the id of a case number: the cases export is in id order
id_of() { awk -F';' -v n="$1" 'NR > 1 && $1 == n { print NR - 1 }' "$TMP/cases.csv"; }
"${A[@]}" export cases >"$TMP/cases.csv"
gid=$(id_of "$gone")
kid=$(id_of "$kept")
"$CLIENT" "$SOCK" amt rget cases "$gid" >"$TMP/out" 2>&1
expect_output "purge: the case to go is $gone (id $gid)" "^number=$gone$"

# names of their own in the case to go, written now: in pages and log
# records of their own; one in the case § 9b keeps
resave() { # TABLE ID FIELD=VALUE...: the record as stored, with FIELDS changed
	local table=$1 id=$2 version
	shift 2
	"$CLIENT" "$SOCK" amt rget "$table" "$id" >"$TMP/stored"
	version=$(sed -n 's/^version=//p' "$TMP/stored")
	mapfile -t fields < <(grep -v '^version=' "$TMP/stored")
	"$CLIENT" "$SOCK" amt rput "$table" "$id" "${version:-0}" "${fields[@]}" "$@"
}
resave cases "$gid" "title=Familie Zwiebelhuber" "will=Frau Zwiebelhuber möchte Ruhe" >"$TMP/out" 2>&1
expect_output "purge: the case to go renamed Familie Zwiebelhuber" "^saved $gid [0-9]+$"
"$CLIENT" "$SOCK" amt rput persons 0 0 "case_id=$gid" role=jung "name=Quirin Zwiebelhuber" \
	birth=03.04.2015 sex=männlich "address=Quickborner Straße 7" >"$TMP/out" 2>&1
expect_output "purge: ... with a person Quirin Zwiebelhuber" "^saved [0-9]+ 1$"
"$CLIENT" "$SOCK" amt rput journal 0 0 "case_id=$gid" kind=vermerk "date=$(date +%d.%m.%Y)" \
	"text=Anruf von Quirin Zwiebelhuber, Telefon 040 123456" >"$TMP/out" 2>&1
expect_output "purge: ... and a journal entry naming him" "^saved [0-9]+ 1$"
"$CLIENT" "$SOCK" amt rget cases "$kid" | grep -v '^version=' >"$TMP/kept.before"
# drafts typed into its forms: the case's own, and a new journal entry's
"$CLIENT" "$SOCK" amt rdraft cases "$gid" "title=Familie Zwiebelhuber-Ost" >/dev/null
"$CLIENT" "$SOCK" amt rdraft journal 0 "case_id=$gid" "text=Zwiebelhuber ruft an" >/dev/null
"$CLIENT" "$SOCK" amt drafts >"$TMP/out" 2>&1
[ "$(grep -cE " (cases $gid|journal 0) " "$TMP/out")" -eq 2 ] && ok "purge: ... and two drafts typed into its forms" ||
	not_ok "purge: ... and two drafts typed into its forms"
resave cases "$kid" "title=Familie Bleibtreu" >"$TMP/out" 2>&1
expect_output "purge: the case § 9b keeps renamed Familie Bleibtreu" "^saved $kid [0-9]+$"
"$CLIENT" "$SOCK" amt rkids persons "$kid" >"$TMP/kept.persons"
"$CLIENT" "$SOCK" amt rkids journal "$kid" >"$TMP/kept.journal"
"$CLIENT" "$SOCK" amt rkids measures "$kid" >"$TMP/kept.measures"
for y in $((year - 2)) $((year - 1)) "$year"; do
	"${A[@]}" export committee --year "$y" >"$TMP/committee.$y.before"
done
"${A[@]}" export budget --year "$year" >"$TMP/budget.before"
grep -rqa "Zwiebelhuber" "$DATA" && ok "purge: ... the name is in the data directory now" ||
	not_ok "purge: ... the name is in the data directory now"

expect_exit 1 "purge: refused while the server runs" "${A[@]}" purge
expect_output "purge: ... saying to stop it" "server is running on .*: stop it first"
kill "$SERVER"
wait "$SERVER" 2>/dev/null

expect_exit 0 "purge: purge" "${A[@]}" purge
cp "$TMP/out" "$TMP/purge"
expect_output "purge: ... purges what the dry run listed ($ngone cases)" \
	"^purge: $ngone cases past their retention period purged"
expect_output "purge: ... and rewrites the database files" "^database rewritten: "
expect_exit 0 "purge: verify is clean afterwards" "${A[@]}" verify
hits=$(grep -rla -e "Zwiebelhuber" -e "zwiebelhuber" "$DATA" | wc -l)
[ "$hits" -eq 0 ] && ok "purge: no file of the data directory holds a purged name (grep -a)" || {
	grep -rla -e "Zwiebelhuber" -e "zwiebelhuber" "$DATA" | sed 's/^/#   /'
	not_ok "purge: no file of the data directory holds a purged name (grep -a)"
}
grep -rqa "Familie Bleibtreu" "$DATA" && ok "purge: the case § 9b keeps still has its name" ||
	not_ok "purge: the case § 9b keeps still has its name"
mkdir -p "$TMP/backup-here" && "${A[@]}" backup "$TMP/backup-here" >/dev/null
mkdir -m 700 "$DATA/backups" && cp -r "$TMP/backup-here" "$DATA/backups/backup-20260101T000000"
expect_exit 0 "purge: a second purge finds nothing more" "${A[@]}" purge
expect_output "purge: ... 0 cases, $ngone purged before" "^purge: 0 cases .* $ngone purged before"
expect_output "purge: ... and names the backups that still hold what was purged" \
	"^1 backup in .*/backups: those made before this purge still hold what it purged"
rm -rf "$DATA/backups"

check "purge: server starts again" start_server
"$CLIENT" "$SOCK" amt rget cases "$gid" >"$TMP/out" 2>&1
expect_output "purged case: its number stays" "^number=$gone$"
expect_output "purged case: ... its title is gone" "^title=gelöscht$"
expect_output "purged case: ... its address too" "^address=gelöscht$"
expect_output "purged case: ... and says when" "^purged=$(date +%d.%m.%Y)$"
expect_output "purged case: ... its district stays for the reports" "^district=[A-Z]+$"
"$CLIENT" "$SOCK" amt drafts >"$TMP/out" 2>&1
grep -qE " (cases $gid|journal 0) " "$TMP/out" && not_ok "purged case: ... its drafts are gone" ||
	ok "purged case: ... its drafts are gone"
"$CLIENT" "$SOCK" amt rkids persons "$gid" >"$TMP/out" 2>&1
[ ! -s "$TMP/out" ] && ok "purged case: ... no persons left" || not_ok "purged case: ... no persons left"
"$CLIENT" "$SOCK" amt rkids journal "$gid" >"$TMP/out" 2>&1
[ ! -s "$TMP/out" ] && ok "purged case: ... no journal left" || not_ok "purged case: ... no journal left"
resave cases "$gid" "title=Familie Neu" >"$TMP/out" 2>&1
expect_output "purged case: a save is refused" "^not permitted .*Aufbewahrungsfrist gelöscht"
"$CLIENT" "$SOCK" amt rput journal 0 0 "case_id=$gid" kind=vermerk "date=$(date +%d.%m.%Y)" \
	"text=neu" >"$TMP/out" 2>&1
expect_output "purged case: ... and so is a new journal entry" "^not permitted .*Aufbewahrungsfrist gelöscht"

"$CLIENT" "$SOCK" amt rget cases "$kid" | grep -v '^version=' | sed 's/^title=Familie Bleibtreu$//' >"$TMP/kept.after"
sed -i 's/^title=.*$//' "$TMP/kept.before"
cmp -s "$TMP/kept.before" "$TMP/kept.after" &&
	ok "§ 9b: the kept case is as it was" || {
	diff "$TMP/kept.before" "$TMP/kept.after" | sed 's/^/#   /'
	not_ok "§ 9b: the kept case is as it was"
}
for what in persons journal measures; do
	"$CLIENT" "$SOCK" amt rkids "$what" "$kid" >"$TMP/out"
	cmp -s "$TMP/kept.$what" "$TMP/out" && ok "§ 9b: ... its $what too" ||
		not_ok "§ 9b: ... its $what too"
done

same=0
for y in $((year - 2)) $((year - 1)) "$year"; do
	"${A[@]}" export committee --year "$y" >"$TMP/committee.$y.after"
	cmp -s "$TMP/committee.$y.before" "$TMP/committee.$y.after" && same=$((same + 1)) ||
		diff "$TMP/committee.$y.before" "$TMP/committee.$y.after" | head -5 | sed 's/^/#   /'
done
[ "$same" -eq 3 ] && ok "reports: the committee reports of $((year - 2))-$year are unchanged to the cent" ||
	not_ok "reports: the committee reports of $((year - 2))-$year are unchanged to the cent"
"${A[@]}" export budget --year "$year" >"$TMP/budget.after"
cmp -s "$TMP/budget.before" "$TMP/budget.after" && ok "reports: ... and so is the budget" ||
	not_ok "reports: ... and so is the budget"

"${A[@]}" audit >"$TMP/out" 2>&1
expect_output "audit: each purge has its entry, with why" \
	"purge +cases +$gid +Aufbewahrungsfrist abgelaufen \(1 Jahr nach dem Ende"
[ "$(grep -c ' purge  *cases ' "$TMP/out")" -eq "$ngone" ] &&
	ok "audit: ... one for each of the $ngone cases" || not_ok "audit: ... one for each of the $ngone cases"
kill "$SERVER"
wait "$SERVER" 2>/dev/null

expect_exit 2 "purge: an unknown option is a usage error" "${A[@]}" purge --now
# a purge that stopped: a half copy is removed; one that stopped between
# its two renames is named with what to do
mkdir "$DATA/db.rewrite"
touch "$DATA/db.rewrite/half.db"
expect_exit 0 "purge: a half rewrite left by a purge that stopped is removed" "${A[@]}" purge
[ ! -e "$DATA/db.rewrite" ] && [ ! -e "$DATA/db.purged" ] && ok "purge: ... nothing left beside db/" ||
	not_ok "purge: ... nothing left beside db/"
mv "$DATA/db" "$DATA/db.rewrite"
expect_exit 1 "purge: a database moved aside and not back is found" "${A[@]}" purge
expect_output "purge: ... with what to do" "a purge stopped .*mv .*db.rewrite .*/db'"
mv "$DATA/db.rewrite" "$DATA/db"
expect_exit 0 "purge: ... and after that, verify is clean" "${A[@]}" verify
finish
