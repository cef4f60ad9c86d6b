#!/usr/bin/env bash
# Kills a writing process with kill -9 at random moments, many times. After
# every kill the reopened store (recovery runs) must hold every write the
# process had reported committed, and verify must find nothing wrong.
. "$(dirname "$0")/../lib.sh"

ROUNDS=${CRASH_ROUNDS:-30}
WRITER=$BUILDDIR/tests/proc/crashwriter
DATA=$TMP/data

check "crash: init" "$ADMIN" -c "$CONF" -D "$DATA" init
failures=0
for round in $(seq "$ROUNDS"); do
	"$WRITER" write "$DATA" >"$TMP/round" 2>>"$TMP/writer.err" &
	pid=$!
	# Once writes are being acknowledged, 0..200 ms more: kills land
	# during and between commits of a running stream.
	wait_lines "$TMP/round" "^[IUT] " 1 || echo "# round $round: no write acknowledged"
	sleep "0.$(printf '%03d' $((RANDOM % 200)))"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	cat "$TMP/round" >>"$TMP/acknowledged"
	if ! "$WRITER" check "$DATA" "$TMP/acknowledged" >"$TMP/check" 2>&1; then
		echo "# round $round:"
		sed 's/^/#   /' "$TMP/check" | head
		failures=$((failures + 1))
	fi
done
writes=$(wc -l <"$TMP/acknowledged")
echo "# $ROUNDS kills, $writes acknowledged writes"
if [ "$failures" -eq 0 ] && [ "$writes" -gt "$ROUNDS" ]; then
	ok "crash: every acknowledged write survives kill -9 ($ROUNDS rounds)"
else
	not_ok "crash: every acknowledged write survives kill -9 ($failures bad rounds, $writes writes)"
fi
expect_exit 0 "crash: verify is clean after the kills" "$ADMIN" -c "$CONF" -D "$DATA" verify
finish
