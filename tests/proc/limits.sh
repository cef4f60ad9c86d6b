#!/usr/bin/env bash
# What one user can make the server spend is bounded: exports are spooled
# to disk (held exports cost no memory) and a user has two jobs at most;
# one uid has 32 connections at most; out of descriptors the server
# neither spins nor locks anyone out; drafts per user are counted.
. "$(dirname "$0")/../lib.sh"

need setpriv
need prlimit
server_setup
"${A[@]}" init >/dev/null
chmod 711 "$TMP"
# The server under a low descriptor limit, as the issue reproduced it.
# (Under AddressSanitizer freed memory waits in a quarantine of 256 MB by
# default, which would count as growth here: a small one is asked for.)
SERVER_WRAP=(env "ASAN_OPTIONS=${ASAN_OPTIONS:-}:quarantine_size_mb=4" prlimit --nofile=1024:1024)
check "limits: server starts with 1024 descriptors" start_server
# 500 offers with descriptions of 1,500 bytes: an export is about 800 KB;
# 300 held in memory would be some 240 MB.
"$CLIENT" "$SOCK" tl.fg saves 500 1500 >/dev/null
rss() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$SERVER/status"; }
base=$(rss)

# 300 exports that nobody fetches: spooled, not held in memory.
"$CLIENT" "$SOCK" amt hold-exports 300 >"$TMP/held" 2>&1 &
holder=$!
wait_line "$TMP/held" "^held" 300 || true # slow under the sanitizers
grep -q "^held 300$" "$TMP/held" && ok "limits: 300 exports started and left unfetched" ||
	not_ok "limits: 300 exports started and left unfetched ($(cat "$TMP/held"))"
now=$(rss)
[ "$now" -lt $((base + 32)) ] && ok "limits: ... the server grew by less than 32 MB ($base -> $now MB)" ||
	not_ok "limits: ... the server grew by less than 32 MB ($base -> $now MB)"
kill "$holder"

# A flood of exports from one user: two at a time, the rest refused.
expect_exit 0 "limits: 50 exports sent at once by one user" "$CLIENT" "$SOCK" fk.fg export-flood 50
expect_output "limits: ... most refused as over the limit" "^started [1-9][0-9]? refused [1-9][0-9]+$"
"$ADMIN" -c "$C" -D "$DATA" verify >"$TMP/out" 2>&1 &&
	ok "limits: ... and the admin's verify still runs" || not_ok "limits: ... and the admin's verify still runs"

# One uid: 32 connections, then each is refused with an answer. Another
# user still gets in.
setpriv --reuid=65534 --regid=65534 --clear-groups "$CLIENT" "$SOCK" - connections 1100 500 >"$TMP/conns" 2>&1
grep -qE "^open 32 refused 1068 failed 0$" "$TMP/conns" &&
	ok "limits: 1,100 connections of one uid: 32 stay, the rest are refused with an answer" ||
	not_ok "limits: 1,100 connections of one uid: 32 stay, the rest are refused ($(cat "$TMP/conns"))"
expect_exit 0 "limits: ... meanwhile another user logs in and saves" "$CLIENT" "$SOCK" tl.fg create "Trotzdem"

# Out of descriptors (root is not counted per uid): refused, no busy loop.
before=$(awk '{ print $14 + $15 }' "/proc/$SERVER/stat")
(ulimit -n 4096 && "$CLIENT" "$SOCK" - connections 1500 2000) >"$TMP/conns" 2>&1
after=$(awk '{ print $14 + $15 }' "/proc/$SERVER/stat")
grep -qE "^open [0-9]+ refused [1-9][0-9]* failed 0$" "$TMP/conns" &&
	ok "limits: out of descriptors, a connection is refused with an answer" ||
	not_ok "limits: out of descriptors, a connection is refused with an answer ($(cat "$TMP/conns"))"
[ $((after - before)) -lt 100 ] && ok "limits: ... without spinning (server CPU $((after - before)) ticks in 2 s)" ||
	not_ok "limits: ... without spinning (server CPU $((after - before)) ticks in 2 s)"
grep -q "out of file descriptors" "$TMP/server.log" && ok "limits: ... and says so in its log" ||
	not_ok "limits: ... and says so in its log"
expect_exit 0 "limits: ... and serves again when they are gone" "$CLIENT" "$SOCK" tl.fg create "Danach"

# Drafts: twenty per user.
for i in $(seq 20); do "$CLIENT" "$SOCK" bgross draft "Entwurf $i" "$i" >/dev/null; done
expect_exit 0 "limits: the 20th form's draft is replaced" "$CLIENT" "$SOCK" bgross draft "Neuer Stand" 20
expect_exit 1 "limits: a 21st draft of one user is refused" "$CLIENT" "$SOCK" bgross draft "Einer zu viel" 21
expect_exit 0 "limits: ... another user's is not" "$CLIENT" "$SOCK" shansen draft "Meiner"

kill -TERM "$SERVER"
wait "$SERVER"
finish
