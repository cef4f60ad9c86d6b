# Shared helpers of the shell tests. A test prints "ok NAME" or
# "not ok NAME" per check (tests/run counts them) and exits 0 when all
# passed, 1 when one failed, 77 when a tool it needs is missing.
set -u

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
ADMIN=$BUILDDIR/sozialraum-admin
CONF=$SRCDIR/conf/sozialraum.conf
TEST_FAILED=0
SERVER_WRAP=()
TMP=$(mktemp -d /tmp/sozialraum-test.XXXXXX)
trap 'cleanup_test' EXIT

cleanup_test() {
	# Stop what a test started in the background, then remove its files.
	jobs -p | xargs -r kill -9 2>/dev/null
	wait 2>/dev/null
	rm -rf "$TMP"
}

ok() { echo "ok $*"; }
not_ok() {
	echo "not ok $*"
	TEST_FAILED=1
}

# check NAME COMMAND...: passes when the command succeeds.
check() {
	local name=$1
	shift
	if "$@" >"$TMP/out" 2>&1; then ok "$name"; else
		sed 's/^/#   /' "$TMP/out" | head -20
		not_ok "$name"
	fi
}

# expect_exit CODE NAME COMMAND...: passes when the command exits with CODE;
# its output is kept in $TMP/out.
expect_exit() {
	local code=$1 name=$2 rc
	shift 2
	"$@" >"$TMP/out" 2>&1
	rc=$?
	if [ "$rc" -eq "$code" ]; then ok "$name"; else
		sed 's/^/#   /' "$TMP/out" | head -20
		echo "#   exit $rc, expected $code"
		not_ok "$name"
	fi
}

# expect_output NAME PATTERN: passes when $TMP/out matches the grep pattern.
expect_output() {
	if grep -qE -- "$2" "$TMP/out"; then ok "$1"; else
		sed 's/^/#   /' "$TMP/out" | head -20
		echo "#   expected output matching: $2"
		not_ok "$1"
	fi
}

need() {
	command -v "$1" >/dev/null 2>&1 || {
		echo "# skip: $1 is not installed"
		exit 77
	}
}

finish() { exit "$TEST_FAILED"; }

# server_setup: a data directory and a copy of the demo configuration of
# this test's own, in $DATA, $C (config) and $SOCK; "${A[@]}" is the admin
# command on them.
server_setup() {
	DATA=$TMP/data
	mkdir -p "$TMP/conf"
	cp "$SRCDIR/conf/sozialraum.conf" "$SRCDIR/conf/streets.conf" "$TMP/conf/"
	C=$TMP/conf/sozialraum.conf
	SOCK=$DATA/sozialraum.sock
	CLIENT=$BUILDDIR/tests/proc/srclient
	A=("$ADMIN" -c "$C" -D "$DATA")
}

# wait_line FILE PATTERN [SECONDS]: waits (up to 10 s) until FILE has a
# line matching the grep pattern.
wait_line() {
	for _ in $(seq $((${3:-10} * 20))); do
		grep -qE -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

# wait_lines FILE PATTERN N: waits (up to 30 s) until FILE has N lines
# matching the pattern: a stream of writes is running.
wait_lines() {
	for _ in $(seq 600); do
		[ "$(grep -cE -- "$2" "$1" 2>/dev/null)" -ge "$3" ] && return 0
		sleep 0.05
	done
	return 1
}

# start_server: sozialraumd in the background ($SERVER), logging to
# $TMP/server.log; returns when it answers on its socket. SERVER_WRAP, an
# array, is put before the command (e.g. prlimit for a descriptor limit).
start_server() {
	"${SERVER_WRAP[@]}" "$BUILDDIR/sozialraumd" -f -c "$C" -D "$DATA" 2>>"$TMP/server.log" &
	SERVER=$!
	for _ in $(seq 200); do
		if [ -S "$SOCK" ] && "$CLIENT" "$SOCK" amt lock 0 >/dev/null 2>&1; [ $? -ne 1 ] && [ -S "$SOCK" ]; then
			return 0
		fi
		kill -0 "$SERVER" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}
