#!/usr/bin/env python3
"""The terminal program on a slow link: 9,600 bit/s with 150 ms of latency.

The program runs in a pseudo-terminal at 80x24 (TERM=xterm-256color,
LANG=C.UTF-8). Between it and the "user" (this script) sits a model of a
serial-like line of a district office:

  user -> program  a key typed at time t reaches the program at t + 150 ms:
                   the script holds it back in a scheduler loop (select with
                   a timeout) and writes it to the pty when it is due. Keys
                   typed at once (a burst) reach the program in one write, as
                   one SSH packet would bring them. The few bytes of a key are
                   not charged for the line's speed (3 bytes take 3 ms).
  program -> user  9,600 bit/s at 10 bits a byte: 960 bytes/s. A byte read
                   from the pty at time r occupies the line for 1/960 s once
                   its latency is over and the line is free:
                       arrival = max(r + 150 ms, previous byte's arrival) + 1/960 s
                   (the last bit of a byte arrives when the byte is complete).

Assumption on back-pressure: the script reads the pty as soon as the
program writes (a select wakes it), although a real slow line would make the
program's writes wait once the kernel's and SSH's buffers are full. That
changes nothing measured here: the read time is the write time, each byte's
arrival is computed by the model from it, not from when a real line would
have taken the byte, and the program cannot see when a byte reaches the
user. (What back-pressure could change is what a program blocked on a full
buffer sees of keys typed meanwhile; here a burst reaches it in one write.)

The user types only when the screen has arrived, so every exchange starts on
an idle line. The script does not sit out the delivery in real time: it
computes each byte's arrival, hands the bytes to a small VT100/xterm screen
model and goes on, so a run takes a minute or two, not the link time it
models.

The screens, reached as a user would: the main menu, f (the cases list),
then / (its search field), n (a new case's form), Enter (the selected
case's file), PgDn, cursor down.

An exchange: keys typed at t0; it ends when the screen model shows what the
measurement waits for (a string only that screen has) and the program has
written nothing for QUIET seconds. The figure is the arrival of the last
byte minus t0 (link time), not the moment the quiet was noticed, so QUIET
does not add to it; it only has to be longer than any pause inside one
response (the largest such pause is printed). Each measurement is repeated
REPS times: median and p90 in ms, beside the floor of the line alone (2 x 150
ms + bytes / 960 bytes/s for the median bytes), so the part of the program
shows as the difference.

usage: slowlink.py PROGRAM CONFIG DATA_DIR [LOGIN]
(DATA_DIR with demo cases, its sozialraumd running; LOGIN default tl.fg.)
"""
import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
import unicodedata

LATENCY = 0.150          # seconds, each way
BYTES_PER_S = 9600 / 10  # 10 bits a byte on a serial-like line
QUIET = 0.25             # seconds of silence that end a response
TIMEOUT = 20.0           # an expected screen that does not come: a failure
REPS = 20
ROWS, COLS = 24, 80
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")

KEY_DOWN = b"\x1bOB"     # xterm's keys in keypad (application) mode
KEY_NPAGE = b"\x1b[6~"
KEY_ENTER = b"\r"
KEY_ESC = b"\x1b"
KEY_BACKSPACE = b"\x7f"

# DEC special graphics (ESC ( 0), as ncurses draws lines with xterm.
DEC_GRAPHICS = dict(zip("`afgjklmnopqrstuvwxyz{|}~",
                        "◆▒°±┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·"))


class Screen:
    """What the user's terminal shows: characters only, no attributes.

    Knows what ncurses sends for xterm-256color: cursor addressing and
    moves, erase, insert and delete of characters and lines, scrolling
    regions, repeat (REP), the line-drawing set, UTF-8 and wide characters.
    """

    def __init__(self, rows=ROWS, cols=COLS):
        self.rows, self.cols = rows, cols
        self.cells = [[" "] * cols for _ in range(rows)]
        self.y = self.x = 0
        self.wrap = False
        self.top, self.bottom = 0, rows - 1
        self.saved = (0, 0)
        self.graphics = False
        self.last = " "
        self.state, self.seq = "text", ""
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def row(self, y):
        return "".join(self.cells[y])

    def text(self):
        return "\n".join(self.row(y).rstrip() for y in range(self.rows))

    def find(self, pattern):
        """The first match of PATTERN on any row, or None."""
        for y in range(self.rows):
            m = re.search(pattern, self.row(y))
            if m:
                return m
        return None

    def feed(self, data):
        for ch in self.decoder.decode(data):
            self._char(ch)

    # The parser: plain text, ESC, CSI (ESC [), OSC (ESC ]), a charset
    # designation (ESC ( x) and other two-byte sequences.
    def _char(self, ch):
        if self.state == "text":
            if ch == "\x1b":
                self.state, self.seq = "esc", ""
            else:
                self._control(ch) if ord(ch) < 32 or ch == "\x7f" else self._print(ch)
        elif self.state == "esc":
            self._esc(ch)
        elif self.state == "csi":
            if "\x40" <= ch <= "\x7e":
                self.state = "text"
                self._csi(self.seq, ch)
            else:
                self.seq += ch
        elif self.state == "osc":
            if ch == "\x07" or (ch == "\\" and self.seq.endswith("\x1b")):
                self.state = "text"
            else:
                self.seq += ch
        elif self.state == "charset":
            self.graphics = ch == "0" if self.seq == "(" else self.graphics
            self.state = "text"

    def _esc(self, ch):
        self.state = "text"
        if ch == "[":
            self.state = "csi"
        elif ch == "]":
            self.state = "osc"
        elif ch in "()*+":
            self.state, self.seq = "charset", ch
        elif ch == "7":
            self.saved = (self.y, self.x)
        elif ch == "8":
            self.y, self.x = self.saved
            self.wrap = False
        elif ch == "M":
            self._reverse_index()
        elif ch == "D":
            self._index()
        elif ch == "E":
            self.x = 0
            self._index()
        elif ch == "c":
            self.__init__(self.rows, self.cols)

    def _control(self, ch):
        if ch == "\r":
            self.x, self.wrap = 0, False
        elif ch in "\n\x0b\x0c":
            self._index()
        elif ch == "\b":
            self.x, self.wrap = max(0, self.x - 1), False
        elif ch == "\t":
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)

    def _print(self, ch):
        if self.graphics:
            ch = DEC_GRAPHICS.get(ch, ch)
        if unicodedata.combining(ch):
            return
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if self.wrap or self.x + width > self.cols:
            self.x, self.wrap = 0, False
            self._index()
        self.cells[self.y][self.x] = ch
        if width == 2:
            self.cells[self.y][self.x + 1] = ""
        self.last = ch
        self.x += width
        if self.x >= self.cols:
            self.x, self.wrap = self.cols - 1, True

    def _index(self):
        self.wrap = False
        if self.y == self.bottom:
            self._scroll(self.top, self.bottom, 1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _reverse_index(self):
        if self.y == self.top:
            self._scroll(self.top, self.bottom, -1)
        elif self.y > 0:
            self.y -= 1

    def _scroll(self, top, bottom, n):
        """Moves lines TOP..BOTTOM up N (down when negative), blank lines in."""
        region = self.cells[top:bottom + 1]
        n = max(-len(region), min(len(region), n))
        blank = [[" "] * self.cols for _ in range(abs(n))]
        region = region[n:] + blank if n > 0 else blank + region[:len(region) + n]
        self.cells[top:bottom + 1] = region

    def _erase(self, y, x0, x1):
        for x in range(max(0, x0), min(self.cols, x1)):
            self.cells[y][x] = " "

    def _csi(self, seq, final):
        private = seq[:1] in ("?", ">", "=")
        params = [int(p) if p.isdigit() else 0 for p in seq.lstrip("?>=").split(";")]
        n = max(1, params[0])
        if private or final in "mhlnt":
            return  # modes, colours, reports, window titles
        self.wrap = False
        if final in "Hf":
            self.y = min(self.rows, max(1, params[0])) - 1
            self.x = min(self.cols, max(1, params[1] if len(params) > 1 else 1)) - 1
        elif final == "A":
            self.y = max(0, self.y - n)
        elif final == "B":
            self.y = min(self.rows - 1, self.y + n)
        elif final == "C":
            self.x = min(self.cols - 1, self.x + n)
        elif final == "D":
            self.x = max(0, self.x - n)
        elif final == "G":
            self.x = min(self.cols, n) - 1
        elif final == "d":
            self.y = min(self.rows, n) - 1
        elif final == "J":
            self._erase_display(params[0])
        elif final == "K":
            x0, x1 = {0: (self.x, self.cols), 1: (0, self.x + 1)}.get(params[0], (0, self.cols))
            self._erase(self.y, x0, x1)
        elif final == "X":
            self._erase(self.y, self.x, self.x + n)
        elif final == "@":
            line = self.cells[self.y]
            line[self.x:] = ([" "] * n + line[self.x:])[:self.cols - self.x]
        elif final == "P":
            line = self.cells[self.y]
            line[self.x:] = (line[self.x + n:] + [" "] * n)[:self.cols - self.x]
        elif final in "LM" and self.top <= self.y <= self.bottom:
            self._scroll(self.y, self.bottom, -n if final == "L" else n)
        elif final in "ST":
            self._scroll(self.top, self.bottom, n if final == "S" else -n)
        elif final == "b":
            for _ in range(n):
                self._print(self.last)
        elif final == "r":
            self.top = max(1, params[0]) - 1
            self.bottom = (params[1] if len(params) > 1 and params[1] else self.rows) - 1
            self.y = self.x = 0
        elif final == "s":
            self.saved = (self.y, self.x)
        elif final == "u":
            self.y, self.x = self.saved

    def _erase_display(self, how):
        if how == 0:
            self._erase(self.y, self.x, self.cols)
            ys = range(self.y + 1, self.rows)
        elif how == 1:
            self._erase(self.y, 0, self.x + 1)
            ys = range(0, self.y)
        else:
            ys = range(self.rows)
        for y in ys:
            self._erase(y, 0, self.cols)


class Line:
    """The line from the program to the user: when each byte arrives."""

    def __init__(self, idle_from):
        self.free = idle_from  # when the line has sent all it was given

    def carry(self, read_at, nbytes):
        """Bytes written at READ_AT: when the first starts; the line is busy
        with them until self.free."""
        start = max(read_at + LATENCY, self.free)
        self.free = start + nbytes / BYTES_PER_S
        return start


class Response:
    """What one exchange brought: the bytes and their link times (s after typing)."""

    def __init__(self):
        self.data = bytearray()
        self.last = 0.0    # arrival of the last byte
        self.shown = None  # arrival of the byte after which the screen showed it
        self.gap = 0.0     # the longest pause between the program's writes


class Session:
    """The program in a pty behind the link model, with the user's screen."""

    running = []  # sessions not yet stopped, ended on a failure

    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(argv[0], argv, ENV)
        Session.running.append(self)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.screen = Screen()

    def exchange(self, keys, shows, what):
        """Types KEYS (b"" for none) and waits until SHOWS(screen) holds and
        the program has been quiet; returns the Response in link time."""
        typed = time.monotonic()
        pending = [(typed + LATENCY, keys)] if keys else []
        resp = Response()
        line = Line(typed)  # idle when the user types
        quiet_from = typed
        while True:
            now = time.monotonic()
            while pending and pending[0][0] <= now:
                os.write(self.fd, pending.pop(0)[1])
                quiet_from = max(quiet_from, time.monotonic())
            if not pending and resp.shown is not None and now - quiet_from >= QUIET:
                return resp
            if now - typed > TIMEOUT:
                raise RuntimeError("%s: the screen did not come; it shows:\n%s"
                                   % (what, self.screen.text()))
            if pending:
                wait = pending[0][0] - now
            else:  # the rest of the quiet period, or a look now and then
                wait = quiet_from + QUIET - now if now - quiet_from < QUIET else 0.05
            if not select.select([self.fd], [], [], max(wait, 0.001))[0]:
                continue
            chunk, read_at = self._read(what), time.monotonic()
            if resp.data:
                resp.gap = max(resp.gap, read_at - quiet_from)
            quiet_from = read_at
            start = line.carry(read_at, len(chunk))
            resp.last = line.free - typed
            self._deliver(chunk, start - typed, resp, shows)
            resp.data += chunk

    def _read(self, what):
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program has ended
            chunk = b""
        if not chunk:
            raise RuntimeError("%s: the program ended; its screen:\n%s"
                               % (what, self.screen.text()))
        return chunk

    def _deliver(self, chunk, start, resp, shows):
        """The chunk's bytes to the screen; notes when SHOWS first holds."""
        if resp.shown is not None:
            self.screen.feed(chunk)
            return
        for i in range(len(chunk)):
            self.screen.feed(chunk[i:i + 1])
            if shows(self.screen):
                resp.shown = start + (i + 1) / BYTES_PER_S
                self.screen.feed(chunk[i + 1:])
                return

    def wait_for(self, shows, what):
        """Waits for a screen without typing (the first screen)."""
        return self.exchange(b"", shows, what)

    def stop(self, quit_keys=b"q"):
        try:
            os.write(self.fd, quit_keys)
        except OSError:
            pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    os.read(self.fd, 65536)
                except OSError:
                    pass
        else:
            self.kill()
            return
        os.close(self.fd)
        Session.running.remove(self)

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)
        Session.running.remove(self)


# What the screens show: each test a string that only that screen has.

def on_menu(s):
    return s.find(r"Hauptmenü") is not None


def list_position(s):
    """The selected row's number in the cases list ("19 von 50 Einträgen")."""
    m = s.find(r"^  (\d+) von \d+ Einträgen")
    return int(m.group(1)) if m and s.find(r"Fall-Nr\.") else None


def selected_case(s):
    m = s.find(r"^▶ (\d{4}-\d{5}) ")
    return m.group(1) if m else None


def field_shows(s, y, x, text):
    return s.row(y)[x:x + len(text)] == text and s.row(y)[x + len(text):].strip() == ""


def at_row(n):
    return lambda s: list_position(s) == n


# The measurements. Each starts the program on the cases list.

first_screens = []  # each start's first screen (the main menu)


def start(argv):
    s = Session(argv)
    first_screens.append(s.wait_for(on_menu, "the first screen"))
    s.exchange(b"f", lambda sc: list_position(sc) == 1 and selected_case(sc), "the cases list")
    return s


def search_line(s):
    """The row of the search field ("Suche: ...")."""
    for y in range(ROWS):
        if s.row(y).startswith("Suche:"):
            return y
    return None


def typing(s, keys, text, row, x, what):
    """Types KEYS into the field at ROW, X; waits until it holds TEXT."""
    return s.exchange(keys, lambda sc: field_shows(sc, row, x, text), what)


def measure_echo(argv, text="Friedrichsgabe Nowak"):
    """One character at a time into the cases list's search field."""
    s = start(argv)
    s.exchange(b"/", lambda sc: search_line(sc) is not None, "the search field")
    row, out = search_line(s.screen), []
    for i in range(min(REPS, len(text))):
        out.append(typing(s, text[i].encode(), text[:i + 1], row, 7, "echo"))
    s.stop(b"\x1b\x1bq")
    return out


def measure_echo_form(argv, text="Familie Yilmaz Garst"):
    """One character at a time into a new case's first field (Bezeichnung)."""
    s = start(argv)
    s.exchange(b"n", lambda sc: sc.find(r"^Fall – neu") is not None, "a new case's form")
    row = next(y for y in range(ROWS) if s.screen.row(y).startswith("Bezeichnung"))
    x = 20  # where the form's values begin
    out = [typing(s, text[i].encode(), text[:i + 1], row, x, "echo in a form")
           for i in range(min(REPS, len(text)))]
    s.exchange(KEY_ESC, lambda sc: sc.find(r"verwerfen\?") is not None, "discard?")
    s.exchange(b"j", lambda sc: list_position(sc) is not None, "back to the list")
    s.stop()
    return out


def measure_open_case(argv):
    """Enter on the selected case: its case file, whole; Esc back to the
    list (measured too: it waits out the ESC delay); one down."""
    s = start(argv)
    opened, back = [], []
    for i in range(REPS):
        case = selected_case(s.screen)
        opened.append(s.exchange(KEY_ENTER, lambda sc: sc.find(r"^Fall %s, Stand" % case)
                                 and sc.find(r"^Seite 1/"), "case file %s" % case))
        back.append(s.exchange(KEY_ESC, at_row(i + 1), "back to the list"))
        s.exchange(KEY_DOWN, at_row(i + 2), "the next case")
    s.stop()
    return opened, back


def rows_shown(s):
    return sum(1 for y in range(ROWS) if re.match(r"^[▶ ] \d{4}-\d{5} ", s.row(y)))


def measure_page(argv):
    """Page down through the cases list."""
    s = start(argv)
    out, page = [], rows_shown(s.screen)
    for _ in range(REPS):
        n = list_position(s.screen)
        out.append(s.exchange(KEY_NPAGE, at_row(n + page), "page down from %d" % n))
    s.stop()
    return out


def measure_down(argv):
    """One cursor-down in the cases list, REPS times; then REPS bursts of 10."""
    s = start(argv)
    one, ten = [], []
    for _ in range(REPS):
        n = list_position(s.screen)
        one.append(s.exchange(KEY_DOWN, at_row(n + 1), "down from %d" % n))
    for _ in range(REPS):
        n = list_position(s.screen)
        ten.append(s.exchange(KEY_DOWN * 10, at_row(n + 10), "10 down from %d" % n))
    s.stop()
    return one, ten


def measure_burst_field(argv, text="Harksheide"):
    """10 characters at once into the search field; 10 Backspaces clear it."""
    s = start(argv)
    s.exchange(b"/", lambda sc: search_line(sc) is not None, "the search field")
    row, out = search_line(s.screen), []
    for _ in range(REPS):
        out.append(typing(s, text.encode(), text, row, 7, "10 characters"))
        typing(s, KEY_BACKSPACE * len(text), "", row, 7, "10 Backspaces")
    s.stop(b"\x1b\x1bq")
    return out


# The report.

def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def p90(values):
    values = sorted(values)
    return values[max(0, -(-len(values) * 9 // 10) - 1)]


def floor_ms(nbytes, trips=2):
    """The line alone: its latency TRIPS times, the bytes at 960 a second."""
    return 1000 * (trips * LATENCY + nbytes / BYTES_PER_S)


def row(what, responses, note="", trips=2):
    times = [1000 * r.last for r in responses]
    nbytes = median([len(r.data) for r in responses])
    print(("%-38s %7.0f %7.0f %7.0f %7d  %s" % (what, median(times), p90(times),
                                                 floor_ms(nbytes, trips), nbytes, note)).rstrip())
    return nbytes


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    prog, conf, data = sys.argv[1:4]
    login = sys.argv[4] if len(sys.argv) == 5 else "tl.fg"
    argv = [prog, "-c", conf, "-D", data, "--as", login]
    try:
        echo = measure_echo(argv)
        echo_form = measure_echo_form(argv)
        opened, back = measure_open_case(argv)
        pages = measure_page(argv)
        one, ten = measure_down(argv)
        burst = measure_burst_field(argv)
    except RuntimeError as e:
        for s in list(Session.running):
            s.kill()
        sys.exit("slowlink.py: %s" % e)
    everything = echo + echo_form + opened + back + pages + one + ten + burst
    print("slow link (9600 bit/s = 960 bytes/s, %d ms each way), %s on the cases "
          "list; %d of each" % (1000 * LATENCY, login, REPS))
    print("link time from typing to the last byte of the response (ms); floor: "
          "2 x %d ms + bytes / 960" % (1000 * LATENCY))
    print("%-38s %7s %7s %7s %7s" % ("", "median", "p90", "floor", "bytes"))
    row("key -> echo (search field)", echo)
    row("key -> echo (form field)", echo_form)
    row("start -> the first screen", first_screens,
        "(%d starts; latency once; the start included)" % len(first_screens), trips=1)
    row("Enter -> a whole case file", opened)
    row("Esc -> back to the cases list", back, "(the ESC delay included)")
    row("page down -> a list page", pages)
    down = row("cursor down -> list highlight", one)
    row("burst: 10 x cursor down", ten, "(10 keys one by one: %d bytes)" % (10 * down))
    char = median([len(r.data) for r in echo])
    row("burst: 10 characters (search field)", burst,
        "(10 keys one by one: %d bytes)" % (10 * char))
    shown = [1000 * (r.last - r.shown) for r in echo + echo_form]
    print("echo: the typed character is on the screen %.0f ms (median) before the "
          "last byte" % median(shown))
    print("quiet period %d ms; longest pause inside a response %.0f ms"
          % (1000 * QUIET, 1000 * max(r.gap for r in everything)))


if __name__ == "__main__":
    main()
