#!/usr/bin/env bash
# Terminals as they are: Home and End in the encodings common terminals
# send, input that ends, a terminal that cannot place the cursor, no
# terminal at all.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "terminal: server starts" start_server

# No terminal, and one without cursor addressing: one line, at once.
expect_exit 1 "terminal: input that is no terminal is refused" \
	timeout 5 "$PROG" -c "$C" -D "$DATA" --as fk.fg </dev/null
expect_output "terminal: ... saying a terminal is needed" "braucht ein Terminal"
open_session dumb fk.fg TERM=dumb
screen_check "terminal: TERM=dumb is refused, saying why" dumb "kann den Cursor nicht setzen"
screen_check "terminal: ... with a non-zero exit" dumb "EXITED 1"

# Home and End: ESC[1~ / ESC[4~ (PuTTY, tmux, screen), ESC[H / ESC[F
# (xterm), ESCOH / ESCOF (xterm's keypad mode) in the name field.
open_session keys fk.fg
keys keys a
screen_check "keys: the offers list" keys "Einträg|Eintrag"
keys keys n Tab Tab
screen_check "keys: a new offer's form" keys "Angebot – neu"
type_text keys "mitte"
n=0
for enc in "[1~ [4~" "[H [F" "OH OF"; do
	set -- $enc
	n=$((n + 1))
	type_text keys "$(printf '\033%s' "$1")"
	type_text keys "A$n"
	type_text keys "$(printf '\033%s' "$2")"
	type_text keys "E$n"
done
screen_check "keys: Home and End in three encodings move to both ends of the field" keys \
	"Name \* +A3A2A1mitteE1E2E3"
for _ in $(seq 10); do keys keys Tab; done
type_text keys "31.12.2026"
screen_check "keys: a date field shows its whole content while typing" keys "^Aktiv bis +31\.12\.2026"

# A long list: End goes to its real end (the last page, fetched from the
# other end of the list), the rows above come as one scrolls back, and
# Home goes to the real start again.
keys keys Escape j
"$CLIENT" "$SOCK" tl.fg saves 300 >"$TMP/saves" || not_ok "long list: 300 offers saved"
last=$(tail -n 1 "$TMP/saves" | cut -d' ' -f3)
first=$(head -n 1 "$TMP/saves" | cut -d' ' -f3)
keys keys g
screen_check "long list: the list of 300 offers" keys "weitere beim Blättern"
keys keys End
screen_check "long list: End shows the last offer" keys "▶ +[0-9]+ FG .*$last"
screen_check "long list: ... and says there are more above" keys "weitere darüber"
keys keys PageUp PageUp PageUp Up
screen_check "long list: scrolling back up from there" keys "weitere darüber"
keys keys Home
screen_check "long list: Home shows the first offer again" keys "▶ +[0-9]+ FG .*$first"

# Sessions without UTF-8: the program says at start how to get one; a
# letter of an ISO-8859-1 terminal is taken (and kept as UTF-8); in a
# session whose character set has no such letter the bytes are refused
# with a message that stays over the next keys, never dropped silently.
open_session latin fk.fg LANG=de_DE.ISO-8859-1 LC_ALL=de_DE.ISO-8859-1
screen_check "locale: a session without UTF-8 says how to get one" latin "Kein UTF-8.*LANG=C\.UTF-8"
keys latin a
screen_check "locale: the offers list in ISO-8859-1" latin "Eintr"
keys latin n Tab
type_text latin "DW"
keys latin Tab
tm send-keys -t main:latin -H 4d fc 6c 6c 65 72 # "Müller" in ISO-8859-1
screen_check "locale: ... a letter typed in ISO-8859-1 is taken" latin "^Name \* +Mueller"
keys latin Tab
type_text latin "Gruppe"
keys latin F2
screen_check "locale: ... and saved" latin "Gespeichert"
"${A[@]}" export offers >"$TMP/out" 2>&1
expect_output "locale: ... as UTF-8" "Müller"
keys latin Escape
# Terminal descriptions of the user's own (TERMINFO, ~/.terminfo) are not
# read: here an "xterm" that cannot place the cursor, which the program
# would refuse.
mkdir -p "$TMP/evil" "$TMP/home/.terminfo"
printf 'xterm|no cursor addressing,\n\tcols#80, lines#24,\n' >"$TMP/evil.src"
tic -o "$TMP/evil" "$TMP/evil.src" && tic -o "$TMP/home/.terminfo" "$TMP/evil.src"
open_session ti fk.fg TERM=xterm TERMINFO="$TMP/evil" TERMINFO_DIRS="$TMP/evil" HOME="$TMP/home"
screen_check "terminfo: the system's description is read, not one the environment names" ti "Hauptmen"
# A locale this system does not have (a Mac's LC_CTYPE=UTF-8 sent over
# ssh), or none at all: the program takes C.UTF-8, umlauts show.
open_session alien fk.fg LANG= LC_ALL= LC_CTYPE=UTF-8
screen_check "locale: one this system lacks falls back to UTF-8" alien "Ayşe Yılmaz"
grep -q "Kein UTF-8" "$TMP/screen" && not_ok "locale: ... without the note" || ok "locale: ... without the note"
open_session nolocale fk.fg LANG= LC_ALL=
screen_check "locale: none at all falls back to UTF-8" nolocale "Ayşe Yılmaz"
open_session plain fk.fg LANG=C LC_ALL=C
keys plain a
screen_check "locale: the offers list in the C locale" plain "Eintr"
keys plain n Tab Tab
type_text plain "ä"
screen_check "locale: a letter the session has no character for is refused, saying why" plain \
	"Zeichen nicht uebernommen.*LANG=C\.UTF-8"
type_text plain "xy"
screen_check "locale: ... the next keys are typed" plain "^Name \* +xy"
grep -q "Zeichen nicht uebernommen" "$TMP/screen" && ok "locale: ... and the message stays" ||
	not_ok "locale: ... and the message stays"
keys plain Escape j

# Input that ends without a hang-up: the program ends, keeps the draft,
# and does not spin.
python3 - "$PROG" "$C" "$DATA" >"$TMP/out" 2>&1 <<'PY'
import os, pty, resource, select, sys, time
prog, conf, data = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS="80", LINES="24")
    os.execv(prog, [prog, "-c", conf, "-D", data, "--as", "fk.fg"])
seen = b""
end = time.time() + 10
while b"Hauptmen" not in seen and time.time() < end:
    if select.select([fd], [], [], 0.2)[0]:
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
os.close(fd)  # the terminal goes away
end = time.time() + 5
while time.time() < end:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    time.sleep(0.05)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    print("still running 5 s after its input closed")
    sys.exit(1)
cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
print("ended, cpu %.2f s" % (cpu.ru_utime + cpu.ru_stime))
PY
expect_output "input: the program ends when its terminal goes away" "^ended"
cpu=$(sed -n 's/^ended, cpu //p' "$TMP/out" | cut -d' ' -f1)
awk -v c="${cpu:-9}" 'BEGIN { exit !(c < 1.0) }' && ok "input: ... without spinning (cpu ${cpu} s)" ||
	not_ok "input: ... without spinning (cpu ${cpu:-?} s)"
# Keys typed ahead on a slow line: a burst of ten cursor keys in a list
# costs one repaint, about the bytes of one key, not ten.
python3 - "$PROG" "$C" "$DATA" >"$TMP/out" 2>&1 <<'PY'
import fcntl, os, pty, select, struct, sys, termios, time
prog, conf, data = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.environ.update(TERM="xterm", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    os.execv(prog, [prog, "-c", conf, "-D", data, "--as", "fk.fg"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
DOWN, UP = b"\x1bOB", b"\x1bOA"  # xterm's cursor keys in keypad mode

def answer(keys, until=b"", quiet=0.3, limit=10):
    """Types KEYS; the bytes written until UNTIL showed and then nothing
    more came for QUIET seconds."""
    os.write(fd, keys)
    got, end = b"", time.time() + limit
    while time.time() < end:
        if select.select([fd], [], [], quiet)[0]:
            got += os.read(fd, 65536)
        elif until in got:
            return got
    sys.exit("no answer to %r (waited for %r)" % (keys, until))

answer(b"", b"Hauptmen")
answer(b"a", "Einträg".encode())
one = len(answer(DOWN))
answer(UP)
ten = len(answer(DOWN * 10))
print("one key %d bytes, ten at once %d bytes" % (one, ten))
os.write(fd, b"q")
PY
one=$(sed -n 's/^one key \([0-9]*\) bytes.*/\1/p' "$TMP/out")
ten=$(sed -n 's/.*ten at once \([0-9]*\) bytes$/\1/p' "$TMP/out")
if [ -n "$one" ] && [ -n "$ten" ] && [ "$one" -gt 0 ] && [ "$ten" -gt 0 ] && [ "$ten" -lt $((3 * one)) ]; then
	ok "typeahead: ten keys at once cost one repaint ($(cat "$TMP/out"))"
else
	sed 's/^/#   /' "$TMP/out"
	not_ok "typeahead: ten keys at once cost one repaint"
fi
finish
