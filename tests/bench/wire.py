#!/usr/bin/env python3
"""Bytes on the wire: the terminal program in a pseudo-terminal at 80x24.

Counts what the program writes for the first full screen, for one typed
character in a form field, for moving the whole-row highlight one line in
a list and the menu's bar one entry, beside the same figures for `dialog
--form` and `dialog --menu` (a whole-row highlight too), measured in the
same run. A measurement
ends when the program has been quiet for QUIET seconds.

usage: wire.py PROGRAM CONFIG DATA_DIR
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

QUIET = 0.4
ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, ENV)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def drain(fd, first_wait=3.0):
    """Reads until QUIET seconds pass without output; returns the bytes."""
    data = b""
    deadline = time.time() + first_wait
    while True:
        wait = QUIET if data else max(0.0, deadline - time.time())
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return data
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return data
        if not chunk:
            return data
        data += chunk


def press(fd, keys):
    os.write(fd, keys)
    return len(drain(fd, 2.0))


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def stop(pid, fd, quit_keys):
    try:
        os.write(fd, quit_keys)
        time.sleep(0.3)
        os.kill(pid, 15)
    except OSError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def measure_sozialraum(prog, conf, data):
    pid, fd = spawn([prog, "-c", conf, "-D", data, "--as", "tl.fg"])
    first = len(drain(fd, 5.0))
    menu = [press(fd, b"\x1bOB") for _ in range(3)]  # the menu's highlight bar
    press(fd, b"\x1bOA\x1bOA\x1bOA")  # back to the first entry
    press(fd, b"a")  # the offers list
    down = [press(fd, b"\x1bOB") for _ in range(3)]
    press(fd, b"n")  # a new offer's form
    press(fd, b"\t")
    press(fd, b"\t")  # the name field
    typed = [press(fd, bytes([c])) for c in b"Jugend"]
    stop(pid, fd, b"\x1b\x1bn\x1bq")
    return first, median(typed), median(down), median(menu)


def measure_dialog():
    pid, fd = spawn(["dialog", "--form", "Angebot", "20", "70", "10",
                     "Name:", "1", "1", "", "1", "12", "40", "0",
                     "Adresse:", "2", "1", "", "2", "12", "40", "0"])
    first = len(drain(fd, 5.0))
    typed = [press(fd, bytes([c])) for c in b"Jugend"]
    stop(pid, fd, b"\x1b")
    return first, median(typed)


def measure_dialog_menu():
    items = []
    for i in range(12):
        items += ["%d" % (i + 1), "Angebot Nummer %d im Sozialraum Friedrichsgabe" % (i + 1)]
    pid, fd = spawn(["dialog", "--menu", "Angebote", "20", "76", "12"] + items)
    drain(fd, 5.0)
    down = [press(fd, b"\x1bOB") for _ in range(3)]
    stop(pid, fd, b"\x1b")
    return median(down)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    first, typed, down, menu = measure_sozialraum(*sys.argv[1:4])
    d_first, d_typed = measure_dialog()
    d_down = measure_dialog_menu()
    rows = [("first full screen (80x24)", first, d_first, "<= 2048"),
            ("one typed character in a form field", typed, d_typed, "<= 4"),
            ("list: whole-row highlight one line down", down, d_down, "<= 80"),
            ("the menu's highlight one entry down", menu, d_down, "<= 80")]
    print("%-40s %11s %16s %9s" % ("bytes written", "sozialraum", "dialog (same)", "target"))
    for what, ours, theirs, target in rows:
        print("%-40s %11d %16s %9s" % (what, ours, "-" if theirs is None else theirs, target))
    print("(dialog: --form for the screen and the character, --menu for the moves;")
    print(" typed character, list line, menu: median of 6, 3 and 3 keystrokes)")


if __name__ == "__main__":
    main()
