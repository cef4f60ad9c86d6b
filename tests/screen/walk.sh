#!/usr/bin/env bash
# Every screen each role without case content can reach, walked at 80x24
# on demo data with cases, and searched for what it must not show:
# provider staff, controlling and the admin no case (no family's name, no
# case number) and provider staff no internal login, and of their
# provider's measures the young person's first name and initial only; the budget clerk
# reads a case's journal list without a word of what was written.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
"${A[@]}" demo --cases 60 --measures 40 >/dev/null
check "walk: server starts" start_server

case_content='Familie |[0-9]{4}-[0-9]{5}'
logins='fk\.fg|tl\.fg|shansen|bgross|mboettcher|hpetersen|oozdemir'
journal='Erstgespräch|Wohnung aufgeräumt|Fehlzeiten|Fallkonferenz mit|Termin abgesagt|Regeln und Zeiten'

# look NAME WHAT PATTERN: the screen now shown holds nothing matching.
look() {
	screen_of "$1" >"$TMP/screen"
	if grep -qE -- "$3" "$TMP/screen"; then
		sed 's/^/#   |/' "$TMP/screen"
		not_ok "walk: $2"
	else
		ok "walk: $2"
	fi
}

# visit NAME LOGIN KEY TITLE [SUB]: the menu entry KEY opens the list
# titled TITLE (and Enter on its first row the screen titled SUB); each is
# searched; Esc goes back to the dashboard.
visit() {
	local name=$1 login=$2 key=$3 title=$4 sub=${5:-} forbidden=$case_content
	[ "$login" = traeger.dw ] && forbidden="$case_content|$logins"
	keys "$name" "$key"
	screen_check "walk: $login opens $title" "$name" "^sozialraum · $title "
	look "$name" "$login: $title shows nothing of a case" "$forbidden"
	if [ -n "$sub" ]; then
		keys "$name" Enter
		screen_check "walk: $login opens $sub" "$name" "^sozialraum · $sub "
		look "$name" "$login: $sub shows nothing of a case" "$forbidden"
		keys "$name" Escape
		screen_check "walk: $login back in $title" "$name" "^sozialraum · $title "
	fi
	keys "$name" Escape
	screen_check "walk: $login back on the dashboard" "$name" "Hauptmen"
}

for login in traeger.dw ctrl admin; do
	name=${login%%.*}
	open_session "$name" "$login"
	screen_check "walk: $login's dashboard" "$name" "Hauptmen"
	# provider staff wide: the columns only a wide terminal shows too
	[ "$login" = traeger.dw ] && tm resize-window -t "main:$name" -x 132 -y 43
	look "$name" "$login: the dashboard shows nothing of a case" "$case_content"
	[ "$login" = traeger.dw ] && visit "$name" "$login" a Angebote Angebot
	[ "$login" = traeger.dw ] && visit "$name" "$login" h Hilfen Hilfe
	visit "$name" "$login" s Sozialräume Straßenverzeichnis
	visit "$name" "$login" t Teams Teammitglieder
	visit "$name" "$login" r Träger
	visit "$name" "$login" l Leistungen
	if [ "$login" = admin ]; then
		visit "$name" "$login" k Bearbeitungssperren
		visit "$name" "$login" p Protokoll
	fi
done

# The budget clerk opens a case and its journal: who, not what happened.
open_session wjh wjh
keys wjh f
screen_check "walk: the budget clerk lists the cases" wjh "^sozialraum · Fälle "
keys wjh Enter
screen_check "walk: ... opens one" wjh "^sozialraum · Fall "
look wjh "wjh: the case shows no will and resources" "Wir wollen|Ich möchte|Wir brauchen|Großmutter|feste Arbeitszeiten|Sportverein"
keys wjh F9
screen_check "walk: ... its lists" wjh "Zugehörige Listen"
keys wjh Down Enter
screen_check "walk: ... its journal" wjh "^Verlauf · Fall"
look wjh "wjh: the journal list shows no word of the entries" "$journal"
finish
