#!/usr/bin/env bash
# Cases at 80x24: an intake whose address gives the district (an unknown
# street answered with similar names), a person added, a search by a word
# from the middle of a name that opens the case, a journal entry and its
# correction (the entry itself stays), a § 8a alert appearing in the team
# lead's open session, an intake interrupted by a hang-up continued from
# its draft, and the alert's risk assessment and the case's history.
. "$(dirname "$0")/../tmux-lib.sh"

server_setup
"${A[@]}" init >/dev/null
check "cases: server starts" start_server

# The team lead's dashboard stays open while the caseworker works.
open_session tl tl.fg
screen_check "cases: the team lead's dashboard" tl "Hauptmen"

open_session fk fk.fg
keys fk f
screen_check "intake: the cases list of the team's district" fk "^Fälle · Sozialraum: FG"
keys fk n
screen_check "intake: n opens a new case" fk "Fall – neu"
type_text fk "Familie Çelik-Müller"
keys fk Tab
type_text fk "Ulzberger Strase 12"
keys fk Tab Tab
type_text fk "Schule"
keys fk Tab
type_text fk "Gefährdung"
keys fk Tab F2
screen_check "intake: an unknown street is asked again with similar names" fk \
	"^Anschrift: unbekannte Straße; meinten Sie: Ulzburger Straße\?"
screen_check "intake: ... at the field" fk "^Anschrift \* +Ulzberger Strase 12 +unbekannte Straße"
keys fk Home
for _ in $(seq 19); do keys fk DC; done
type_text fk "ulzburger str. 250"
keys fk F2
screen_check "intake: saved with the year's number" fk "Gespeichert \(Fall [0-9]{4}-00001, Stand 1\)"
screen_check "intake: ... the district from the address" fk "^Sozialraum +FG +Friedrichsgabe"
screen_check "intake: ... the team from the district" fk "^Team +T-FG"
screen_check "intake: ... the caseworker leads it" fk "^Fallführung +fk\.fg +Ayşe Yılmaz"

# A person of the case: F9 offers the case's lists.
keys fk F9
screen_check "persons: F9 offers the case's lists" fk "Zugehörige Listen"
keys fk Enter
screen_check "persons: the case's persons" fk "^Personen · Fall: Familie Çelik-Müller"
keys fk n
type_text fk "jung"
keys fk Tab
type_text fk "Emre Çelik-Müller"
keys fk Tab
type_text fk "03.04.2012"
keys fk Tab
type_text fk "männlich"
keys fk F2
screen_check "persons: a young person saved" fk "Gespeichert \(Person Nr\. 1"
keys fk Escape
screen_check "persons: ... listed with the case" fk "Emre Çelik-Müller +junger Mensch +03\.04\.2012"
# x: the case's persons as CSV in the caseworker's export folder
mkdir -p "$TMP/demo-exports"
keys fk x
screen_check "persons: x exports the case's persons" fk "Exportiert: .*/demo-exports/fk\.fg/persons-"
grep -q "Emre Çelik-Müller;" "$TMP"/demo-exports/fk.fg/persons-*.csv &&
	ok "persons: ... the file has them, with their names" || not_ok "persons: ... the file has them, with their names"
keys fk Escape
screen_check "persons: back in the case" fk "Fall [0-9]{4}-00001"

# The journal: an entry, then its correction; the entry stays as it was.
keys fk F9
screen_check "journal: the case's lists again" fk "Zugehörige Listen"
keys fk Down Enter
screen_check "journal: the case's journal" fk "^Verlauf · Fall: Familie Çelik-Müller"
keys fk n
type_text fk "Hausbesuch"
keys fk Tab Tab Enter
screen_check "journal: Enter on the entry's text opens the editor" fk "Zeile 1/1"
type_text fk "Mutter berichtet von Schulangst seit dem Sommer."
keys fk Escape F2
screen_check "journal: an entry saved" fk "Gespeichert \(Verlaufseintrag Nr\. 1"
keys fk Escape
screen_check "journal: ... listed" fk "Hausbesuch +fk\.fg +Mutter berichtet"
keys fk Enter
screen_check "journal: a saved entry opens read-only, saying why" fk \
	"nur lesen: Gespeichertes bleibt, wie es ist"
keys fk Escape
screen_check "journal: back in the journal" fk "^Verlauf · Fall"
keys fk b
screen_check "journal: b starts a correction from the entry" fk "^Berichtigt Nr\. +1"
keys fk Tab Tab Enter
screen_check "journal: ... its text in the editor" fk "Zeile 1/1"
keys fk End
type_text fk " (seit Ostern)"
keys fk Escape F2
screen_check "journal: the correction is saved" fk "Gespeichert \(Verlaufseintrag Nr\. 2"
keys fk Escape
screen_check "journal: ... both are listed, the correction naming the entry" fk \
	"^. +2 [0-9.]+ Hausbesuch +fk\.fg +\(berichtigt Nr\. 1\) Mutter"
keys fk Down Enter
screen_check "journal: ... the entry itself unchanged" fk \
	"^Eintrag \* +Mutter berichtet von Schulangst seit dem Sommer\.$"
# three levels back at once: the entry, the journal, the case file
keys fk Escape Escape Escape
screen_check "journal: back in the cases list" fk "^Fälle · Sozialraum"

# A person found by a word from the middle of the name opens the case.
keys fk Escape n
screen_check "search: the persons search" fk "^Personen( |$)"
keys fk /
type_text fk "muller"
keys fk Enter
screen_check "search: a word from the middle of a name, typed without umlaut" fk \
	"Emre Çelik-Müller"
keys fk o
screen_check "search: o opens the person's case" fk "Fall [0-9]{4}-00001"

# § 8a: raised in the case, it appears in the team lead's open session.
keys fk F3 PageDown Tab Tab Space F2
screen_check "alert: the case is saved with a § 8a alert" fk "Gespeichert \(Fall [0-9]{4}-00001, Stand 2\)"
screen_check "alert: ... it appears in the team lead's open session" tl \
	"§ 8a: offene Meldungen" 5
screen_check "alert: ... naming the case" tl "[0-9]{4}-00001 FG Familie Çelik-Müller"

# A hang-up during an intake: the draft is offered at the next login.
open_session fk2 fk.fg
keys fk2 f n
screen_check "draft: a second intake" fk2 "Fall – neu"
type_text fk2 "Familie Nowak"
keys fk2 Tab
type_text fk2 "Buchenweg 3"
keys fk2 Tab
tm kill-window -t main:fk2
open_session fk3 fk.fg
screen_check "draft: the intake is offered at the next login" fk3 "1 .* Fall: Familie Nowak"
screen_check "dashboard: the caseworker's open cases" fk3 "[0-9]{4}-00001 FG +Familie Çelik-Müller"
screen_check "dashboard: ... under their title" fk3 "Meine Fälle"
screen_check "dashboard: ... and the open § 8a alert" fk3 "§ 8a: offene Meldungen"
keys fk3 1
screen_check "draft: ... continued in the form" fk3 "Entwurf fortgesetzt"
screen_check "draft: ... with what was typed" fk3 "^Anschrift \* +Buchenweg 3"

# The duplicate check: the same young person taken into the second case
# (a spelling without the accents) names the first case and asks.
keys fk3 Tab Tab Tab
type_text fk3 "Schule"
keys fk3 Tab
type_text fk3 "Gefährdung"
keys fk3 Tab F2
screen_check "duplicates: the continued intake is saved" fk3 "Gespeichert \(Fall [0-9]{4}-00002"
keys fk3 F9 Enter
screen_check "duplicates: the second case's persons" fk3 "^Personen · Fall: Familie Nowak"
keys fk3 n
type_text fk3 "jung"
keys fk3 Tab
type_text fk3 "emre celik-muller"
keys fk3 Tab
type_text fk3 "03.04.2012"
keys fk3 Tab
type_text fk3 "m"
keys fk3 F2
screen_check "duplicates: a person known in another case is named before saving" fk3 \
	"Bekannt in Fall [0-9]{4}-00001 \(FG, offen\)\. Trotzdem anlegen\?"
keys fk3 n
screen_check "duplicates: ... no: not saved, the input stays" fk3 "Nicht angelegt; die Eingaben bleiben"
screen_check "duplicates: ... the name still in the form" fk3 "^Name \* +emre celik-muller"

# The risk assessment from the team lead's dashboard: ! opens the alert's
# case; two professionals are needed; saving it completes the procedure,
# the alert leaves the dashboard, and the case's history says so.
keys tl '!'
screen_check "risk: ! on the dashboard opens the alert's case" tl "^Fall +[0-9]{4}-00001$"
keys tl F9
screen_check "risk: the case's lists" tl "Gefährdungseinschätzungen"
keys tl Down Down Enter
screen_check "risk: the case's assessments" tl \
	"^Gefährdungseinschätzungen · Fall: Familie Çelik-Müller"
keys tl n
screen_check "risk: a new one, the team lead as first professional" tl "^Fachkraft \* +tl\.fg"
keys tl Tab
type_text tl "Emre Çelik-Müller"
keys tl Tab Tab
type_text tl "tl.fg"
keys tl Tab Tab
type_text tl "latent"
keys tl Tab Space Tab Tab Tab Tab
type_text tl "kita"
keys tl F2
screen_check "risk: one professional twice is refused at the field" tl \
	"^Zweite Fachkraft \* +tl\.fg +.*andere Fachkraft"
keys tl Home
for _ in $(seq 5); do keys tl DC; done
type_text tl "fk.fg"
keys tl F2
screen_check "risk: the assessment is saved" tl "Gespeichert \(Gefährdungseinschätzung Nr\. 1"
keys tl Escape
screen_check "risk: ... listed with its result" tl "Emre Çelik-Müller +latente Kindeswohlgef"
keys tl Escape F9
screen_check "risk: the case's lists again" tl "Zugehörige Listen"
keys tl End Enter
screen_check "history: the case's changes" tl "^Änderungen · Fall: Familie Çelik-Müller"
screen_check "history: ... the alert ended by the assessment, its fields named" tl \
	"tl\.fg +geändert +§ 8a; § 8a seit"
screen_check "history: ... back to the intake" tl "fk\.fg +angelegt"
keys tl Escape Escape
screen_check "risk: back on the dashboard" tl "Hauptmenü"
gone_check "risk: ... the alert has left it" tl "§ 8a: offene Meldungen"
finish
