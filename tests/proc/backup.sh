#!/usr/bin/env bash
# Backups through the server: only into a new folder of the configured
# backup directory, which must be the service account's own and 0700; the
# client names no place; files are created, never followed through links;
# old backups are rotated; the log files a backup makes unneeded go.
. "$(dirname "$0")/../lib.sh"

server_setup
"${A[@]}" init >/dev/null
sed -i 's/keep = 7;/keep = 2;/' "$C"
check "backup: server starts" start_server
"$CLIENT" "$SOCK" tl.fg saves 20 >/dev/null

expect_exit 0 "backup: a backup through the server" "${A[@]}" backup
expect_output "backup: ... into a new folder of the backup directory" "^backup written to $DATA/backups/backup-"
first=$(sed -n 's/^backup written to //p' "$TMP/out")
[ "$(stat -c %a "$DATA/backups")" = 700 ] && [ "$(stat -c %a "$first")" = 700 ] &&
	ok "backup: ... both 0700" || not_ok "backup: ... both 0700"
[ -z "$(find "$first" -type f ! -perm 600)" ] && [ -f "$first/offers.db" ] &&
	ok "backup: ... its files 0600" || not_ok "backup: ... its files 0600"

expect_exit 1 "backup: a client that names a path is refused" "$CLIENT" "$SOCK" admin backup "$TMP/mine"
expect_output "backup: ... as not permitted" "not permitted"
[ ! -e "$TMP/mine" ] && ok "backup: ... and nothing is written there" ||
	not_ok "backup: ... and nothing is written there"
expect_exit 1 "backup: only the admin may back up" "$CLIENT" "$SOCK" tl.fg backup x

# Rotation: keep = 2.
"${A[@]}" backup >/dev/null && "${A[@]}" backup >/dev/null
[ "$(find "$DATA/backups" -mindepth 1 -maxdepth 1 -name 'backup-*' | wc -l)" -eq 2 ] && [ ! -e "$first" ] &&
	ok "backup: the newest two are kept, the oldest removed" ||
	not_ok "backup: the newest two are kept, the oldest removed ($(ls "$DATA/backups"))"

# A backup directory that is a link, or not the service account's own.
mv "$DATA/backups" "$DATA/real"
mkdir -m 700 "$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$DATA/backups"
expect_exit 1 "backup: a backup directory that is a symlink is refused" "${A[@]}" backup
[ -z "$(ls -A "$TMP/elsewhere")" ] && ok "backup: ... nothing written where it points" ||
	not_ok "backup: ... nothing written where it points"
rm "$DATA/backups"
mkdir -m 755 "$DATA/backups"
expect_exit 1 "backup: a backup directory others may enter is refused" "${A[@]}" backup
expect_output "backup: ... saying it must be 0700" "0700"
chmod 700 "$DATA/backups"
chown nobody "$DATA/backups"
expect_exit 1 "backup: a backup directory of another user is refused" "${A[@]}" backup
rmdir "$DATA/backups"
mv "$DATA/real" "$DATA/backups"

# The log does not grow for ever: a backup removes the log files recovery
# no longer needs. 10,000 saves fill several 10 MB files.
"$CLIENT" "$SOCK" tl.fg saves 10000 >/dev/null
log_files() { "${A[@]}" status | sed -n 's/^Log-Dateien: *//p'; }
before=$(log_files)
[ "${before:-0}" -ge 3 ] && ok "backup: 10,000 saves wrote $before log files" ||
	not_ok "backup: 10,000 saves wrote several log files (${before:-?})"
"${A[@]}" backup >/dev/null
after=$(log_files)
[ "${after:-9}" -le 2 ] && ok "backup: ... after a backup $after remain" ||
	not_ok "backup: ... after a backup at most 2 remain (${after:-?})"
expect_exit 0 "status: through the running server" "${A[@]}" status
expect_output "status: ... names the last backup" "^Sicherung in: +$DATA/backups/backup-"
expect_output "status: ... and the last checkpoint" "^Letzter Checkpoint: +[0-9]{2}\.[0-9]{2}\.20[0-9]{2} "
expect_exit 0 "status: verify, then" "${A[@]}" verify
"${A[@]}" status >"$TMP/out"
expect_output "status: ... shows its result" "^Prüfergebnis: +in Ordnung"

# Every admin action leaves a trace.
"$CLIENT" "$SOCK" tl.fg hold 1 >"$TMP/hold" &
holder=$!
wait_line "$TMP/hold" "^held"
lock=$("${A[@]}" locks | awk '$2 == "offers" && $3 == 1 { print $1 }')
"${A[@]}" unlock "$lock" >/dev/null
kill "$holder"
kill -HUP "$SERVER"
wait_line "$TMP/server.log" "configuration reloaded"
"${A[@]}" audit >"$TMP/out"
for action in backup verify unlock reload; do
	expect_output "audit: the admin's $action is in the audit log" " $action "
done
expect_output "audit: ... the unlock names whose lock it was" "unlock .*Sperre $lock von tl.fg auf offers 1"

# Offline, root names the place; not while the server runs.
expect_exit 1 "backup: root's backup into a directory is refused while the server runs" \
	"${A[@]}" backup "$TMP/offline"
expect_output "backup: ... saying how to back up through it" "without a directory"
kill -TERM "$SERVER"
wait "$SERVER"
expect_exit 0 "backup: ... and works without the server" "${A[@]}" backup "$TMP/offline"
[ -f "$TMP/offline/offers.db" ] && ok "backup: ... into that directory" ||
	not_ok "backup: ... into that directory"
expect_exit 0 "backup: verify after the backups" "${A[@]}" verify
finish
