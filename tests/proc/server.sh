#!/usr/bin/env bash
# sozialraumd with real clients: edit locks tied to connections, kill -9 of a
# client and of the server, exactly-once saves, malformed messages, a hot
# backup during writes, SIGHUP with a broken configuration, clean SIGTERM.
. "$(dirname "$0")/../lib.sh"

server_setup

"${A[@]}" init >/dev/null
check "server: starts" start_server
expect_exit 1 "server: a second start on the same directory is refused" \
	"$BUILDDIR/sozialraumd" -f -c "$C" -D "$DATA"
expect_output "server: ... saying why" "in use by process $SERVER"

id=$("$CLIENT" "$SOCK" tl.fg create "Elterncafé") && [ -n "$id" ] &&
	ok "server: a team lead saves a new offer" || not_ok "server: a team lead saves a new offer"
expect_exit 1 "server: a login without staff entry is refused" "$CLIENT" "$SOCK" nobody create X
expect_exit 1 "server: controlling may not change offers" "$CLIENT" "$SOCK" ctrl create X

"$CLIENT" "$SOCK" tl.fg hold "$id" >"$TMP/hold" 2>&1 &
holder=$!
for _ in $(seq 100); do grep -q held "$TMP/hold" && break; sleep 0.05; done
expect_exit 1 "server: the lock is held against a second session" "$CLIENT" "$SOCK" fk.fg lock "$id"
expect_output "server: ... which names the holder" "locked by "
expect_exit 0 "admin: locks lists it" "${A[@]}" locks
expect_output "admin: ... with holder" "tl.fg"
kill -9 "$holder"
wait "$holder" 2>/dev/null || true
expect_exit 0 "server: the lock is free at once after kill -9 of its holder" \
	"$CLIENT" "$SOCK" fk.fg lock "$id"

# Many clients at once.
pids=()
for i in $(seq 20); do
	"$CLIENT" "$SOCK" fk.fg saves 10 >"$TMP/many.$i" 2>&1 &
	pids+=($!)
done
wait_ok=0
for pid in "${pids[@]}"; do wait "$pid" || wait_ok=1; done
[ "$wait_ok" -eq 0 ] && [ "$(cat "$TMP"/many.* | grep -c '^I ')" -eq 200 ] &&
	ok "server: 20 clients save at once" || not_ok "server: 20 clients save at once"

expect_exit 0 "server: a resent save is applied once" "$CLIENT" "$SOCK" tl.fg resend "Doppelt"
expect_exit 0 "server: malformed, wrong-version and oversized messages are answered" \
	"$CLIENT" "$SOCK" x garbage
expect_exit 0 "server: ... and the server still serves" "$CLIENT" "$SOCK" tl.fg create "Danach"

# kill -9 of the server under a stream of saves; the client reconnects.
"$CLIENT" "$SOCK" amt saves 300 >"$TMP/stream" 2>"$TMP/stream.err" &
streamer=$!
wait_lines "$TMP/stream" "^I " 20 && ok "server: the stream of saves is running" ||
	not_ok "server: the stream of saves is running"
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null
check "server: restarts after kill -9" start_server
wait "$streamer" && ok "server: the client reconnected and finished its saves" ||
	not_ok "server: the client reconnected and finished its saves"
[ "$(grep -c '^I ' "$TMP/stream")" -eq 300 ] && ok "server: 300 saves acknowledged" ||
	not_ok "server: 300 saves acknowledged ($(grep -c '^I ' "$TMP/stream"))"
"${A[@]}" audit --user amt >"$TMP/audit" 2>&1
[ "$(grep -c ' create ' "$TMP/audit")" -eq 300 ] && ok "server: no save applied twice" ||
	not_ok "server: no save applied twice ($(grep -c ' create ' "$TMP/audit") creates)"

# Hot backup while another client writes.
"$CLIENT" "$SOCK" fk.fg saves 200 >"$TMP/during" 2>&1 &
writer=$!
expect_exit 0 "admin: backup while users write" "${A[@]}" backup
expect_output "admin: ... into a new folder of the data directory's backups" "^backup written to $DATA/backups/backup-[0-9T]+$"
backup=$(sed -n 's/^backup written to //p' "$TMP/out")
wait "$writer"
expect_exit 0 "admin: verify through the running server" "${A[@]}" verify
expect_output "admin: ... is consistent" "consistent"

# SIGHUP with a broken configuration: refused, the old one stays.
echo 'districts = ( oops' >>"$C"
kill -HUP "$SERVER"
wait_line "$TMP/server.log" "refused"
expect_exit 0 "server: a broken configuration on SIGHUP is refused, service goes on" \
	"$CLIENT" "$SOCK" tl.fg create "Nach HUP"
grep -q "refused" "$TMP/server.log" && ok "server: ... and says so in its log" ||
	not_ok "server: ... and says so in its log"

kill -TERM "$SERVER"
wait "$SERVER"
[ $? -eq 0 ] && [ ! -e "$SOCK" ] && ok "server: SIGTERM ends it cleanly" ||
	not_ok "server: SIGTERM ends it cleanly"
sed -i '$d' "$C"
check "server: every acknowledged save of the stream is there" \
	"$BUILDDIR/tests/proc/crashwriter" check "$DATA" "$TMP/stream"

mkdir -m 711 "$TMP/data2"
D2=("$ADMIN" -c "$C" -D "$TMP/data2")
"${D2[@]}" init >/dev/null
expect_exit 0 "admin: the backup taken during writes restores" "${D2[@]}" restore "$backup"
expect_output "admin: ... to a consistent database" "consistent"
finish
