#!/usr/bin/env bash
# Editing without losing anyone's work: looking never locks, a role that
# may not change an offer gets it read-only and is told why once, and a
# draft resumed after somebody else saved the offer is refused as a
# conflict instead of writing over their change.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
"${A[@]}" demo >/dev/null
check "editing: server starts with demo data" start_server

# A budget clerk reads offers and may change none.
open_session wjh wjh
keys wjh a
screen_check "rights: the budget clerk gets the offers list" wjh "Einträg|Eintrag"
tail -n 1 "$TMP/screen" | grep -qE "(^| )n Neu( |$)|Einstellen" &&
	not_ok "rights: ... without New and End among its keys" ||
	ok "rights: ... without New and End among its keys"
keys wjh n
keys wjh '?'
screen_check "rights: ... n does nothing; help lists no key the role may not use" wjh "Hilfe"
grep -qE "neues Angebot anlegen|einstellen" "$TMP/screen" && not_ok "rights: ... help without New and End" ||
	ok "rights: ... help without New and End"
keys wjh Escape
screen_check "rights: back in the list" wjh "Einträg|Eintrag"

# Lists: filters picked from a list (F4 or f), which typing a code or a
# name's start in any case narrows; a cut cell ends in "…".
keys wjh F4
screen_check "lists: F4 offers the list's filters" wjh "Alle Filter aufheben"
keys wjh Enter
screen_check "lists: ... then the districts to pick from" wjh "Sozialraum wählen"
type_text wjh "HARKS"
screen_check "lists: ... typing a name's start in any case narrows them" wjh "HARKS: 1"
keys wjh Enter
screen_check "lists: ... the filter stands in the heading" wjh "Sozialraum: HM"
# the heading may stand before the page of the filter has come
gone_check "lists: ... shows no other district's offers" wjh "^. +[0-9]+ (FG|GA|GL) "
screen_check "lists: ... but that district's" wjh "^. +[0-9]+ HM "
keys wjh f Enter
type_text wjh "gl"
screen_check "lists: a code typed in lower case finds its district" wjh "gl: 1"
keys wjh BSpace BSpace
type_text wjh "alle-gibt-es-nicht"
screen_check "lists: a name that fits none leaves nothing to pick" wjh "alle-gibt-es-nicht: 0"
keys wjh Escape
screen_check "lists: ... Esc keeps the filter" wjh "Sozialraum: HM"
keys wjh f Enter Home Enter
screen_check "lists: alle means all districts" wjh "Sozialraum: alle"
grep -q "…" "$TMP/screen" && ok "lists: a name cut short ends in …" ||
	not_ok "lists: a name cut short ends in …"
keys wjh Enter
screen_check "rights: ... an offer opens read-only, saying why" wjh \
	"nur lesen: Ihre Rolle darf Angebote nicht ändern"
tail -n 1 "$TMP/screen" | grep -qE "Speichern|Bearbeiten" &&
	not_ok "rights: ... its keys offer neither saving nor editing" ||
	ok "rights: ... its keys offer neither saving nor editing"
keys wjh Down Down
type_text wjh "x"
screen_check "rights: ... typing changes nothing" wjh "nur lesen"
grep -qE "^Name \*.*x$" "$TMP/screen" && not_ok "rights: ... the name is unchanged" ||
	ok "rights: ... the name is unchanged"
"$CLIENT" "$SOCK" admin locks >/dev/null 2>&1
"${A[@]}" locks >"$TMP/out" 2>&1
expect_output "rights: ... and holds no lock" "^0 edit locks"
keys wjh Escape

# A draft begun on version 1; meanwhile somebody saves version 2; the
# draft resumed cannot write over it.
open_session fk fk.fg
keys fk a
screen_check "draft: the caseworker's list" fk "Einträg|Eintrag"
keys fk Enter
screen_check "draft: an offer opens without a lock" fk "Angebot Nr\. 1, Stand 1 – zum Ändern"
keys fk Down Down End
type_text fk " (Entwurf)"
screen_check "draft: typing takes the lock" fk "Angebot Nr\. 1, Stand 1 – in Bearbeitung"
tm kill-window -t main:fk
for _ in $(seq 100); do "$CLIENT" "$SOCK" amt overwrite 1 "Von der Amtsleitung" >/dev/null 2>&1 && break; sleep 0.05; done
"$CLIENT" "$SOCK" amt get 1 >"$TMP/out" 2>&1
expect_output "draft: meanwhile the head of office saves version 2" "^Von der Amtsleitung$"
open_session fk2 fk.fg
screen_check "draft: the draft is offered at the next login" fk2 "1  [0-9.]+ [0-9:]+  Angebot: "
keys fk2 1
screen_check "draft: resumed, it says someone saved since" fk2 "Seit Ihrem Entwurf \(Stand 1\) hat jemand gespeichert \(Stand 2\)"
screen_check "draft: ... the input is in the form" fk2 "\(Entwurf\)"
keys fk2 F2
screen_check "draft: ... saving it shows the conflict, field by field" fk2 "Jemand hat inzwischen gespeichert"
"$CLIENT" "$SOCK" amt get 1 >"$TMP/out" 2>&1
expect_output "draft: ... the other save stays" "^Von der Amtsleitung$"
keys fk2 Escape
screen_check "draft: Esc goes back to the form with the input" fk2 "^Name \* +Elterncafé FG \(Entwurf\)"
# Locked out by one's own other session: offered to take the lock over;
# the other session gives way and keeps its input as a draft.
open_session one tl.fg
keys one a
screen_check "takeover: the team lead's first session" one "Einträg|Eintrag"
keys one Down Enter
screen_check "takeover: ... opens an offer" one "Stand [0-9]+ – zum Ändern"
keys one Down Down End
type_text one " eins"
screen_check "takeover: ... and edits it" one "– in Bearbeitung"
open_session two tl.fg
keys two a
screen_check "takeover: the second session" two "Einträg|Eintrag"
keys two Down Enter
screen_check "takeover: ... opens the same offer, saying it is edited in the other" two \
	"Sie bearbeiten es in einer anderen Sitzung"
keys two Down Down End
type_text two "z"
screen_check "takeover: typing there offers to take the lock over" two "in einer anderen Sitzung\. Dort"
keys two j
screen_check "takeover: ... yes: this session edits" two "– in Bearbeitung"
screen_check "takeover: the first session is told and stops editing" one \
	"Bearbeitung ist in Ihre andere Sitzung gewechselt"
"$CLIENT" "$SOCK" tl.fg drafts >"$TMP/out" 2>&1
expect_output "takeover: ... its input kept as a draft" "^D [0-9]+ tl.fg offers [0-9]+ .* eins$"

# The menu: a highlight bar moved with the arrow keys, Enter opens.
open_session menu fk.fg
screen_check "menu: the dashboard" menu "Hauptmenü"
keys menu Down Down Enter
screen_check "menu: Down Down Enter opens the third entry" menu "^sozialraum · Angebote"
finish
