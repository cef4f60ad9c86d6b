#!/usr/bin/env bash
# sozialraum-admin's offline commands as an admin uses them: exit codes,
# messages, modes, the refusal while another process has the database, and
# a restore from a Berkeley DB hot backup.
. "$(dirname "$0")/../lib.sh"
need db5.3_hotbackup

DATA=$TMP/data
A=("$ADMIN" -c "$CONF" -D "$DATA")

expect_exit 2 "admin: no command is a usage error" "$ADMIN"
expect_exit 2 "admin: unknown command is a usage error" "$ADMIN" frobnicate
expect_exit 2 "admin: extra argument is a usage error" "${A[@]}" init now
expect_exit 2 "admin: restore without DIR is a usage error" "${A[@]}" restore
expect_exit 0 "admin: --help" "$ADMIN" --help
expect_output "admin: --help lists the commands" "verify"

expect_exit 0 "admin: check accepts the demo configuration" "$ADMIN" -c "$CONF" check
cat >"$TMP/bad.conf" <<'CONF'
data_dir = "data";
city = "Teststadt";
districts = ( { id = "A"; name = "Nord"; residents_u21 = -5; } );
colour = 3;
CONF
expect_exit 1 "admin: check refuses a bad configuration" "$ADMIN" -c "$TMP/bad.conf" check
expect_output "admin: check names file and line" "bad.conf:3: "
expect_output "admin: check reports every error" "bad.conf:4: "
expect_exit 1 "admin: init refuses with a bad configuration" "$ADMIN" -c "$TMP/bad.conf" -D "$DATA" init
[ -e "$DATA" ] && not_ok "admin: nothing created with a bad configuration" ||
	ok "admin: nothing created with a bad configuration"
expect_exit 1 "admin: missing configuration" "$ADMIN" -c "$TMP/none.conf" check
expect_output "admin: missing configuration is named" "none.conf"

expect_exit 1 "admin: verify of a missing data directory" "${A[@]}" verify
expect_output "admin: ... says to run init" "sozialraum-admin init"
expect_exit 0 "admin: init" "${A[@]}" init
expect_exit 0 "admin: init again is harmless" "${A[@]}" init
[ "$(stat -c %a "$DATA")" = 711 ] && [ "$(stat -c %a "$DATA/db")" = 700 ] &&
	[ -z "$(find "$DATA/db" -type f ! -perm 600)" ] &&
	ok "admin: modes 0711, 0700, files 0600" || not_ok "admin: modes 0711, 0700, files 0600"
expect_exit 0 "admin: verify of an empty database" "${A[@]}" verify
expect_output "admin: verify says consistent" "consistent"

if [ "$(id -u)" -eq 0 ]; then
	chown nobody "$DATA"
	expect_exit 1 "admin: a data directory of another owner is refused" "${A[@]}" verify
	expect_output "admin: ... names the owner and says to run as it" "belongs to the service account nobody.*run it as nobody"
	grep -q chown "$TMP/out" && not_ok "admin: ... and does not say to chown the data" ||
		ok "admin: ... and does not say to chown the data"
	chown root "$DATA"
fi
chmod 755 "$DATA"
expect_exit 1 "admin: wrong mode refused" "${A[@]}" verify
expect_output "admin: ... says how to fix it" "chmod 0711"
chmod 711 "$DATA"

# Another process holds the database: every offline command refuses.
"$BUILDDIR/tests/proc/crashwriter" write "$DATA" >"$TMP/written" 2>&1 &
writer=$!
for _ in $(seq 50); do [ -s "$TMP/written" ] && break; sleep 0.1; done
for cmd in init recover verify "restore $TMP"; do
	expect_exit 1 "admin: ${cmd%% *} refuses while the database is in use" "${A[@]}" $cmd
	expect_output "admin: ... and names the process" "in use by process $writer"
done
kill -9 "$writer"
wait "$writer" 2>/dev/null

expect_exit 0 "admin: recover after a kill" "${A[@]}" recover
expect_exit 0 "admin: catastrophic recover" "${A[@]}" recover --catastrophic
expect_exit 0 "admin: verify after recovery" "${A[@]}" verify

# A standard hot backup, then more writes, then restore: back to the backup.
check "admin: hot backup with db5.3_hotbackup" db5.3_hotbackup -h "$DATA/db" -b "$TMP/backup"
before=$(grep -c . "$TMP/written")
"$BUILDDIR/tests/proc/crashwriter" write "$DATA" >"$TMP/more" 2>&1 &
writer=$!
wait_lines "$TMP/more" "^[IUT] " 10 || echo "# the writer wrote nothing"
kill -9 "$writer"
wait "$writer" 2>/dev/null
expect_exit 0 "admin: restore" "${A[@]}" restore "$TMP/backup"
expect_output "admin: restore keeps the previous database" "db.before-restore-"
expect_output "admin: restore verifies" "consistent"
head -n "$before" "$TMP/written" >"$TMP/expected"
check "admin: restored data holds what the backup held" \
	"$BUILDDIR/tests/proc/crashwriter" check "$DATA" "$TMP/expected"
expect_exit 1 "admin: restore from a directory without a backup" "${A[@]}" restore "$TMP/nothing"
expect_exit 0 "admin: verify after the refused restore" "${A[@]}" verify

# demo --bookings alone adds the bookings to a demo made without them, once
D2=("$ADMIN" -c "$CONF" -D "$TMP/demo2")
"${D2[@]}" init >/dev/null
expect_exit 0 "demo: cases and measures without bookings" "${D2[@]}" demo --cases 60 --measures 30
expect_exit 0 "demo: --bookings alone adds them" "${D2[@]}" demo --bookings 200
expect_output "demo: ... saying how many" "^demo: 200 bookings in "
expect_exit 0 "demo: ... and the budget's figures move with them" "${D2[@]}" verify
expect_exit 1 "demo: a second time is refused" "${D2[@]}" demo --bookings 200
expect_output "demo: ... saying why" "already holds data"
expect_exit 1 "demo: more cases on a filled directory are refused" "${D2[@]}" demo --cases 5
finish
