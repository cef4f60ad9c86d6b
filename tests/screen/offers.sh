#!/usr/bin/env bash
# The terminal program at 80x24 against a real server: roles, the offers
# directory with create and edit, edit locks between two sessions, hang-up
# with a draft, a server restart under open sessions, resize, vt100 and
# NO_COLOR, umlauts and an escape sequence typed into a name.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "screen: server starts" start_server

# Starting: one clear line and a non-zero exit when it cannot.
expect_exit 1 "start: an unknown login is refused" "$PROG" -c "$C" -D "$DATA" --as nobody
expect_output "start: ... in one line saying why" "keinen Eintrag im Personal"
expect_exit 1 "start: no server: refused" "$PROG" -c "$C" -D "$TMP/nowhere"
expect_output "start: ... saying how to start it" "systemctl start sozialraumd"
echo 'oops = ;' >"$TMP/bad.conf"
expect_exit 1 "start: a broken configuration is refused" "$PROG" -c "$TMP/bad.conf"
expect_output "start: ... with file and line" "bad.conf:1"

# Roles: the menu offers what the role may use.
open_session tl tl.fg
screen_check "shell: top line with user, role, team" tl "Jürgen Müller · Teamleitung · T-FG"
screen_check "shell: the menu offers the offers directory" tl " a +Angebote"
screen_check "shell: the bottom line shows the keys" tl "Hilfe"
grep -q " k +Bearbeitungssperren" "$TMP/screen" && not_ok "shell: no admin entries for a team lead" ||
	ok "shell: no admin entries for a team lead"
open_session adm admin
screen_check "shell: the admin gets locks and audit log" adm "Protokoll"
grep -q "Angebote" "$TMP/screen" && not_ok "shell: ... and no offers (no content)" ||
	ok "shell: ... and no offers (no content)"
keys adm q
screen_check "shell: q quits from the menu" adm "EXITED 0"
tm new-session -d -s tiny -x 70 -y 20 \
	"env LANG=C.UTF-8 TERM=xterm $PROG -c $C -D $DATA --as tl.fg; echo EXITED \$?; sleep 600"
for _ in $(seq 100); do tm capture-pane -p -t tiny | grep -q EXITED && break; sleep 0.05; done
tm capture-pane -p -t tiny >"$TMP/out"
expect_output "start: a terminal below 80x24 is refused, saying the size needed" \
	"nötig sind mindestens"
expect_output "start: ... with a non-zero exit" "EXITED 1"

# Help is made from the key tables.
keys tl '?'
screen_check "shell: ? shows help from the key tables" tl "sozialraum beenden"
keys tl Escape

# Create an offer: a name with umlauts.
keys tl a
screen_check "offers: the list opens for the team's district" tl "^Angebote · Sozialraum: FG"
keys tl n
screen_check "offers: n opens a new form" tl "Angebot – neu"
keys tl Tab
type_text tl "DW"
keys tl Tab
type_text tl "Jugendtreff Müllerstraße"
keys tl Tab
type_text tl "Gruppe"
keys tl F2
screen_check "offers: F2 saves the new offer" tl "Gespeichert \(Angebot Nr\. 1"
keys tl Escape
screen_check "offers: back in the list, the offer is there" tl "Jugendtreff Müllerstraße"

# Looking never locks: both sessions open the offer; the first to change
# it holds the lock, the other sees who and since when.
keys tl Enter
screen_check "lock: opening shows the offer, not locked" tl "Angebot Nr\. 1, Stand 1 – zum Ändern tippen"
open_session fk fk.fg
keys fk a
screen_check "lock: second session sees the list" fk "Jugendtreff"
keys fk Enter
screen_check "lock: ... opens the same offer, no lock line" fk "Angebot Nr\. 1, Stand 1 – zum Ändern tippen"
keys tl F3
screen_check "lock: F3 in the first session takes the lock" tl "Angebot Nr\. 1, Stand 1 – in Bearbeitung"
keys fk Down Down
type_text fk "x"
screen_check "lock: ... typing in the other shows who edits it and since when" fk \
	"in Bearbeitung durch Jürgen Müller seit [0-9][0-9]:[0-9][0-9]"
grep -q "Jugendtreff Müllerstraßex" "$TMP/screen" && not_ok "lock: ... and takes no input" ||
	ok "lock: ... and takes no input"

# Unsaved input, then a hang-up: the lock goes, the draft stays.
keys tl Down Down
type_text tl " am Park"
screen_check "hang-up: input typed" tl "Jugendtreff Müllerstraße am Park"
tm kill-window -t main:tl
for _ in $(seq 100); do "$CLIENT" "$SOCK" amt lock 1 >/dev/null 2>&1 && break; sleep 0.05; done
expect_exit 0 "hang-up: the edit lock is free at once" "$CLIENT" "$SOCK" amt lock 1
open_session tl2 tl.fg
screen_check "hang-up: the draft is offered at the next login" tl2 "1  [0-9.]+ [0-9:]+  Angebot: Jugendtreff"
keys tl2 1
screen_check "hang-up: ... and continues in the form" tl2 "Entwurf fortgesetzt"
screen_check "hang-up: ... with what was typed" tl2 "Jugendtreff Müllerstraße am Park"

# Server killed and restarted under two open sessions.
kill -9 "$SERVER"
wait "$SERVER" 2>/dev/null
start_server
keys tl2 F2
screen_check "restart: the save after a server restart goes through" tl2 "Gespeichert \(Angebot Nr\. 1, Stand 2\)" 20
keys fk Escape
screen_check "restart: the other session works on" fk "Eintr" 20
keys fk g Enter
screen_check "restart: ... and sees the saved offer" fk "Jugendtreff Müllerstraße am Park" 20

# Resize in both directions, to 132x43 and back: the whole screen is drawn
# at the new size by itself (no Ctrl-L), the key bar on the last line.
keys fk Escape
screen_check "resize: the offers list at 80x24" fk "Einträg|Eintrag"
tm resize-window -t main:fk -x 132 -y 43
screen_check "resize: the top line spans 132 columns" fk "^sozialraum .{90,}[0-9]{2}\.[0-9]{2}\.[0-9]{4} *$"
line_check "resize: ... the key bar on line 43" fk 43 "Hilfe"
screen_check "resize: ... a wide terminal shows more columns" fk "Zielgruppe"
tm resize-window -t main:fk -x 80 -y 24
screen_check "resize: ... and back to 80x24" fk "^sozialraum .{40,}[0-9]{4}$"
line_check "resize: ... the key bar on line 24" fk 24 "Hilfe"
gone_check "resize: ... without the wide columns" fk "Zielgruppe"

# vt100 and NO_COLOR.
open_session vt fk.fg TERM=vt100 NO_COLOR=1
screen_check "terminal: TERM=vt100 with NO_COLOR works" vt "Hauptmen.*Nichts zu erledigen"
open_session unk fk.fg TERM=nonesuch-term
screen_check "terminal: an unknown TERM falls back with a note" unk "Unbekannter Terminaltyp"

# An escape sequence typed into a name: its ESC is the Esc key, which asks
# before leaving; Esc there goes back to the form with the input kept, and
# nothing of the sequence is stored.
keys vt a
screen_check "hostile: the list opens" vt "Jugendtreff"
keys vt n Tab
type_text vt "DW"
keys vt Tab
type_text vt $'Evil\e[31mRed'
screen_check "hostile: an escape typed into a name asks before leaving the form" vt "verwerfen\?"
keys vt Escape
screen_check "hostile: ... Esc goes back to the form, the input kept" vt "^Name \* +Evil"
keys vt Tab
type_text vt "Gruppe"
keys vt F2
screen_check "hostile: ... it saves" vt "Gespeichert \(Angebot Nr\."
keys vt F9
screen_check "terminal: F9 as an xterm sends it works under TERM=vt100 too" vt "Zugehörige Listen"
keys vt Escape
gone_check "terminal: ... Esc closes the list again" vt "Zugehörige Listen"
"${A[@]}" export offers >"$TMP/export" 2>&1
grep -q "Evil" "$TMP/export" && ! grep -q $'\e' "$TMP/export" &&
	ok "hostile: no escape character is stored" || not_ok "hostile: no escape character is stored"
finish
