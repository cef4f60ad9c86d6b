# Screen tests: the real program in tmux against a real server. Each test
# has its own tmux server (-L), data directory and socket. Panes are read
# with capture-pane and polled until the expected text appears, never
# read after a fixed sleep.
. "$(dirname "$0")/../lib.sh"
need tmux

TMUX_SOCK=sr-test-$$
PROG=$BUILDDIR/sozialraum
tm() { tmux -L "$TMUX_SOCK" "$@"; }

cleanup_screen() {
	tm kill-server 2>/dev/null
	# A program of this test still there (its pane gone; under ASan the
	# leak check at exit can hang where ptrace is not allowed) goes too.
	[ -n "${C:-}" ] && pkill -9 -f -- "$PROG -c $C " 2>/dev/null
	cleanup_test
}
trap 'cleanup_screen' EXIT

# open_session NAME LOGIN [ENV...]: the program in a new 80x24 window.
open_session() {
	local name=$1 login=$2
	shift 2
	local cmd="env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color $* $PROG -c $C -D $DATA --as $login; echo EXITED \$?; sleep 600"
	if tm has-session 2>/dev/null; then
		tm new-window -d -t main: -n "$name" "$cmd"
	else
		# (setting window-size to manual here crashed tmux 3.3a's server)
		tm new-session -d -s main -n "$name" -x 80 -y 24 "$cmd"
	fi
}

screen_of() { tm capture-pane -p -t "main:$1"; }

# wait_for NAME PATTERN [SECONDS]: polls the window until PATTERN (grep -E)
# shows; the screen is kept in $TMP/screen for the report.
wait_for() {
	local name=$1 pattern=$2 limit=${3:-10} i
	for ((i = 0; i < limit * 20; i++)); do
		screen_of "$name" >"$TMP/screen" 2>/dev/null
		grep -qE -- "$pattern" "$TMP/screen" && return 0
		sleep 0.05
	done
	echo "# waited for: $pattern"
	sed 's/^/#   |/' "$TMP/screen"
	return 1
}

# screen_check TESTNAME WINDOW PATTERN: ok when the pattern shows.
screen_check() {
	if wait_for "$2" "$3" "${4:-10}"; then ok "$1"; else not_ok "$1"; fi
}

keys() {
	local name=$1
	shift
	tm send-keys -t "main:$name" "$@"
}

# type_text WINDOW TEXT: literal text, as a user types it.
type_text() { tm send-keys -t "main:$1" -l -- "$2"; }

# line_check NAME WINDOW LINE PATTERN: polls until line LINE of the
# window matches PATTERN (grep -E).
line_check() {
	local i
	for ((i = 0; i < 200; i++)); do
		screen_of "$2" >"$TMP/screen"
		sed -n "${3}p" "$TMP/screen" | grep -qE -- "$4" && { ok "$1"; return 0; }
		sleep 0.05
	done
	sed 's/^/#   |/' "$TMP/screen"
	not_ok "$1"
}

# gone_check NAME WINDOW PATTERN: polls until nothing on the window
# matches PATTERN any more.
gone_check() {
	local i
	for ((i = 0; i < 200; i++)); do
		screen_of "$2" >"$TMP/screen"
		grep -qE -- "$3" "$TMP/screen" || { ok "$1"; return 0; }
		sleep 0.05
	done
	sed 's/^/#   |/' "$TMP/screen"
	not_ok "$1"
}
