#!/usr/bin/env bash
# More of the terminal program at 80x24: the multi-line editor with word
# wrap, provider staff seeing only their own offers, the address lookup of
# the street directory, the admin's lock and audit screens, quitting with
# unsaved input, and the idle timeout keeping the input as a draft.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
"${A[@]}" demo >/dev/null
check "screens: server starts with demo data" start_server

# The built-in editor: Enter on the description opens it, long lines wrap.
open_session fk fk.fg
keys fk a
screen_check "editor: offers list" fk "Elterncafé FG"
keys fk Enter
screen_check "editor: the form shows the description's lines" fk "Beschreibung +Für Eltern"
keys fk F3
screen_check "editor: F3 takes the offer for editing" fk "Stand 1 – in Bearbeitung"
for _ in $(seq 5); do keys fk Tab; done
keys fk Enter
screen_check "editor: Enter on a multi-line field opens the editor" fk "Zeile 3/3"
keys fk Enter
type_text fk "Neu ab Dezember: ein zusätzlicher Termin am Samstagvormittag für berufstätige Eltern, mit Kinderbetreuung"
screen_check "editor: a long line wraps at a word" fk "^Eltern, mit Kinderbetreuung"
keys fk Escape
keys fk F2
screen_check "editor: the text is saved with the offer" fk "Gespeichert \(Angebot Nr\. 1, Stand 2\)"
keys fk Escape
screen_check "editor: Esc after saving goes back to the list" fk "Einträg|Eintrag"
"${A[@]}" export offers >"$TMP/out" 2>&1
expect_output "editor: ... all its lines (CSV keeps them in one quoted cell)" "Samstagvormittag"

# u offers the offer's lists: its history names the field that changed
# (and who changed it), its monthly counts are its child list.
keys fk u
screen_check "history: u offers the offer's lists" fk "Zugehörige Listen"
keys fk End Enter
screen_check "history: the offer's changes" fk "^Änderungen · Angebot: Elterncafé FG"
screen_check "history: ... the description changed, by whom" fk "fk\.fg +geändert +Beschreibung$"
keys fk Escape

# Monthly counts: n a new count, whose month is checked against the
# offer's time at the field.
keys fk u Enter
screen_check "counts: u opens the offer's monthly counts, newest first" fk \
	"Monatszahlen · Angebot: Elterncafé FG"
keys fk n
screen_check "counts: n opens a new count" fk "Monatszahl – neu"
keys fk BSpace BSpace BSpace BSpace BSpace BSpace BSpace
type_text fk "12.2024"
keys fk Tab
type_text fk "12"
keys fk F2
screen_check "counts: a month before the offer began is refused at the field" fk \
	"Monat: liegt vor dem Beginn des Angebots"
keys fk BSpace BSpace BSpace BSpace BSpace BSpace BSpace # the cursor stands in the field
type_text fk "12.2030"
keys fk F2
screen_check "counts: ... a month in the future too" fk "Monat: liegt in der Zukunft"
keys fk BSpace BSpace BSpace BSpace BSpace BSpace BSpace
type_text fk "03.2025"
keys fk F2
screen_check "counts: ... a month within it is saved" fk "Gespeichert \(Monatszahl"
keys fk Escape
screen_check "counts: back in the list, the new month is there" fk "03\.2025 +12"
keys fk Escape
screen_check "counts: back in the offers list" fk "Einträg|Eintrag"

# Provider staff see only their own provider's offers.
open_session dw traeger.dw
keys dw a
screen_check "rights: provider staff get the offers list" dw "Einträg|Eintrag"
screen_check "rights: ... of every district" dw "Sozialraum: alle"
grep -E "^. +[0-9]+ [A-Z]+ +[A-Z]+" "$TMP/screen" | grep -v " DW " >"$TMP/others"
[ ! -s "$TMP/others" ] && ok "rights: ... but only DW's offers" || not_ok "rights: ... but only DW's offers"

# The street directory answers "which district is this address?".
keys dw Escape s
screen_check "directories: districts with residents under 21" dw "Einwohner unter 21"
keys dw a
type_text dw "ulzburger str. 250"
keys dw Enter
screen_check "directories: an address typed as people type it is found" dw "liegt im Sozialraum"
keys dw Enter
screen_check "directories: Enter shows a district's streets" dw "Hausnummern|Straße"

# The admin: locks with holder, release; the audit log with a filter.
keys fk Enter
screen_check "admin: fk.fg opens offer 1" fk "Angebot Nr\. 1, Stand 2 – zum Ändern"
keys fk F3
screen_check "admin: ... and edits it" fk "Angebot Nr\. 1, Stand 2 – in Bearbeitung"
open_session adm admin
keys adm k
screen_check "admin: the lock list names the holder" adm "Ayşe Yılmaz"
screen_check "admin: e releases, offered on the bottom line" adm "e Freigeben"
keys adm e
screen_check "admin: releasing asks first" adm "freigeben\?"
keys adm j
screen_check "admin: ... and the lock is gone" adm "Keine Einträge|freigegeben"
# fk.fg's form is still open, without the lock now, and fk.fg has typed
# into it: another user takes the offer and saves; fk.fg's save is refused
# with the version message and nothing is overwritten. (A form with
# nothing typed into it would simply show the new version.)
keys fk Tab Tab End
type_text fk " (alt)"
screen_check "conflict: fk.fg types into the form" fk "^Name \* +Elterncafé FG \(alt\)"
open_session tl tl.fg
keys tl a
screen_check "conflict: a team lead opens the list" tl "Elterncafé FG"
keys tl Enter
screen_check "conflict: ... and gets the offer for editing" tl "Angebot Nr\. 1, Stand 2"
keys tl Tab Tab End
type_text tl " am Markt"
keys tl F2
screen_check "conflict: the team lead saves version 3" tl "Gespeichert \(Angebot Nr\. 1, Stand 3\)"
keys fk F2
screen_check "conflict: a save while another user holds the lock names the holder" fk \
	"Nicht gespeichert: in Bearbeitung durch Jürgen Müller seit"
keys tl Escape
screen_check "conflict: the team lead leaves the form" tl "Einträg|Eintrag"
keys fk F2
screen_check "conflict: the stale save shows both versions, field by field" fk \
	"Jemand hat inzwischen gespeichert"
screen_check "conflict: ... the input" fk "Ihre Eingabe: +Elterncafé FG \(alt\)"
screen_check "conflict: ... and the stored value" fk "Gespeichert: +Elterncafé FG am Markt"
"${A[@]}" export offers >"$TMP/out" 2>&1
expect_output "conflict: ... and nothing was overwritten" "Elterncafé FG am Markt;"
keys fk Space
screen_check "conflict: Space takes the stored value for the field" fk "\(•\) Gespeichert:"
keys fk F2
screen_check "conflict: F2 takes the choice into the form" fk "Übernommen auf Stand 3"
screen_check "conflict: ... the form shows the stored name" fk "^Name \* +Elterncafé FG am Markt"
keys fk Tab Tab End
type_text fk " (neu)"
keys fk F5
screen_check "conflict: F5 asks before it throws input away" fk "verwerfen und neu laden\?"
keys fk j
screen_check "conflict: ... then loads the stored version" fk "Neu geladen: Stand 3"
keys fk Tab Tab End
type_text fk "!"
keys fk F2
screen_check "conflict: a save on the stored version goes through" fk "Gespeichert \(Angebot Nr\. 1, Stand 4\)"
keys fk Escape j
keys tl Escape

keys adm Escape p
screen_check "admin: the audit log shows writes" adm "angelegt"
expect_newest_first() {
	grep -E "angelegt|geändert" "$TMP/screen" | grep -oE "^[^0-9]*[0-9]+" | grep -oE "[0-9]+$" >"$TMP/ids"
	[ "$(head -n 1 "$TMP/ids")" -gt "$(tail -n 1 "$TMP/ids")" ]
}
expect_newest_first && ok "admin: ... the newest first" || not_ok "admin: ... the newest first"
grep -qE "Angebot Nr\. [0-9]+" "$TMP/screen" && ok "admin: ... naming records by label and number" ||
	not_ok "admin: ... naming records by label and number"
keys adm F4
screen_check "admin: F4 offers the filters in a pick list" adm "Alle Filter aufheben"
keys adm Enter
screen_check "admin: ... the user filter lists the staff" adm "Benutzer wählen"
type_text adm "fk.fg"
screen_check "admin: ... typing narrows the list" adm "fk\.fg: 1"
keys adm Enter
screen_check "admin: filtered by user" adm "fk\.fg +geändert"
screen_check "admin: ... the filter is shown in the heading" adm "Benutzer: fk\.fg"
grep -q " demo " "$TMP/screen" && not_ok "admin: ... only that user's entries" ||
	ok "admin: ... only that user's entries"

# Quit with unsaved input asks; the input stays as a draft.
screen_check "quit: back in the list" fk "Einträg|Eintrag"
keys fk Enter
screen_check "quit: the form is open again" fk "Angebot Nr\. 1, Stand 4"
keys fk Tab Tab End
type_text fk " (neu)"
screen_check "quit: typed into the name" fk "Name \* +Elterncafé FG am Markt \(neu\)"
keys fk F10
screen_check "quit: unsaved input makes quit ask" fk "ungesicherte Eingaben"
keys fk j
screen_check "quit: ... and the program ends" fk "EXITED 0"
open_session fk2 fk.fg
screen_check "quit: the input is offered as a draft at the next login" fk2 "Angebot: Elterncafé FG am Markt"

# A double-width character never overflows a field: 30 of them (60
# columns) in the 40-column name field.
open_session cjk fk.fg
keys cjk a
screen_check "wide: offers list" cjk "Einträg|Eintrag"
keys cjk n Tab Tab
type_text cjk "$(printf '東%.0s' $(seq 30))"
screen_check "wide: typed into the name field" cjk "Name \* +東"
grep "^Name" "$TMP/screen" | python3 -c '
import sys, unicodedata
line = sys.stdin.read().rstrip("\n")
cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip())
sys.exit(0 if cols <= 18 + 40 else 1)' && ok "wide: ... the field stays within its 40 columns" ||
	not_ok "wide: ... the field stays within its 40 columns"
keys cjk Escape j

# Events: an offers list open in one session shows an offer another session
# saves, without a key pressed here; the dashboard's district list too.
open_session live fk.fg
screen_check "events: the dashboard of a caseworker" live "Angebote in meinem Sozialraum"
"$CLIENT" "$SOCK" tl.fg create "Ereignis-Treff am Markt" >/dev/null
screen_check "events: ... shows an offer saved elsewhere by itself" live "FG +Ereignis-Treff am Markt" 3
keys live a
screen_check "events: the offers list" live "Einträg|Eintrag"
"$CLIENT" "$SOCK" amt create "Zweites Ereignis" >/dev/null
screen_check "events: ... shows the next one saved elsewhere by itself" live "Zweites Ereignis" 3
keys live Escape

# The idle timeout ends the session and keeps the input.
sed -i 's/idle_timeout = 900;/idle_timeout = 2;/' "$C"
open_session idle tl.fg
keys idle a
screen_check "idle: a session with a short idle timeout" idle "Einträg|Eintrag"
keys idle n Tab
type_text idle "DW"
keys idle Tab
type_text idle "Angefangen"
screen_check "idle: ... ends after the timeout" idle "ohne Eingabe beendet" 15
"$CLIENT" "$SOCK" tl.fg drafts >"$TMP/out" 2>&1
expect_output "idle: ... and the input is kept as a draft" "D [0-9]+ tl.fg offers 0 Angefangen"
finish
