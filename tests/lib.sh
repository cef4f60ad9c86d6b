# Shared helpers of the shell tests. A test prints "ok NAME" or
# "not ok NAME" per check (tests/run counts them) and exits 0 when all
# passed, 1 when one failed, 77 when a tool it needs is missing.
set -u

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILDDIR=${BUILDDIR:-$SRCDIR/build}
ADMIN=$BUILDDIR/sozialraum-admin
CONF=$SRCDIR/conf/sozialraum.conf
TEST_FAILED=0
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
