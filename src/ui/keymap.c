/* The key map: every command of the program with its one letter and its
 * one function key, the same on every screen (as mc's F-key bar: F2
 * saves, F5 reloads, F10 ends wherever one is). Screens name commands
 * (struct ui_key), never keys, so a key cannot mean two things; the
 * bottom line and the help are made from this table and the screens'.
 *
 * Letters are offered as well as function keys, because many SSH clients
 * mangle the function keys. In a form letters are text: there the
 * function keys and control keys work.
 */
#include "ui.h"

#define CTRL(c) ((c)&0x1f)

const struct ui_keymap_entry ui_keymap[] = {
        {CMD_HELP, '?', 1, "Hilfe", "diese Hilfe"},
        {CMD_BACK, 27, 0, "Zurück", "zurück zum vorigen Bild"},
        {CMD_QUIT, 'q', 10, "Ende", "sozialraum beenden (fragt bei ungesicherten Eingaben)"},
        {CMD_REPAINT, CTRL('l'), 0, "", "Bild neu aufbauen"},
        {CMD_OPEN, '\r', 0, "Öffnen", "den gewählten Eintrag öffnen"},
        {CMD_SAVE, CTRL('s'), 2, "Speichern", "speichern"},
        {CMD_EDIT, 0, 3, "Bearbeiten",
         "zum Bearbeiten sperren (geschieht auch beim ersten Tippen)"},
        {CMD_FILTER, 'f', 4, "Filter",
         "Filter aus einer Liste wählen; Tippen grenzt die Liste ein (Kürzel oder Name)"},
        {CMD_RELOAD, 'g', 5, "Neu laden",
         "neu vom Server holen (fragt, bevor Eingaben verloren gingen)"},
        {CMD_SORT, 's', 6, "Sortieren", "nach der nächsten Spalte sortieren"},
        {CMD_SORT_REV, 'S', 0, "", "die Sortierung umkehren"},
        {CMD_NEW, 'n', 7, "Neu", "einen neuen Eintrag anlegen"},
        {CMD_END, 'e', 8, "Beenden", "den gewählten Eintrag beenden (fragt vorher)"},
        {CMD_CHILDREN, 'u', 9, "Unterlisten", "die zugehörigen Listen des Eintrags"},
        {CMD_CORRECT, 'b', 0, "Berichtigen",
         "einen neuen Eintrag anlegen, der den gewählten berichtigt (der bleibt, wie er ist)"},
        {CMD_PARENT, 'o', 0, "Übergeordnet",
         "öffnen, wozu der Eintrag gehört (den Fall einer Person)"},
        {CMD_SEARCH, '/', 0, "Suche", "nach Wörtern suchen (leer: alle)"},
        {CMD_TOGGLE, ' ', 0, "Wechseln", "umschalten"},
        {CMD_ADDRESS, 'a', 0, "Adresse",
         "zu einer Adresse (Straße Hausnummer) den Sozialraum finden"},
        {CMD_DRAFT, '1', 0, "Entwurf", "Entwurf 1 bis 9 fortsetzen (Ziffer)"},
        {CMD_CASES, '!', 0, "Fall, Hilfe",
         "einen Fall oder eine Hilfe der Übersicht wählen und öffnen (§ 8a-Meldungen, "
         "Entscheidungen, Hilfepläne, ohne Fallführung, Wiedervorlagen, meine Fälle)"},
        {CMD_BOOK, 'z', 0, "Buchen", "eine Zahlung auf den gewählten Eintrag buchen"},
        {CMD_EXPORT, 'x', 0, "Export",
         "die Liste als CSV-Datei (Excel) in Ihren Exportordner schreiben"},
};
const size_t ui_keymap_size = sizeof(ui_keymap) / sizeof(ui_keymap[0]);

const struct ui_keymap_entry *ui_keymap_find(enum ui_cmd cmd)
{
	for (size_t i = 0; i < ui_keymap_size; i++)
		if (ui_keymap[i].cmd == cmd)
			return &ui_keymap[i];
	return NULL;
}

/* Enter comes as '\r', '\n' or KEY_ENTER; the digits all continue a
 * draft. */
static bool key_matches(const struct ui_keymap_entry *e, struct ui_input in, bool typing)
{
	if (in.is_key)
		return (e->fkey && in.ch == (wint_t)KEY_F(e->fkey)) ||
		       (in.ch == KEY_ENTER && e->key == '\r');
	if (!e->key || (typing && e->key >= ' ' && e->key != 127))
		return false;
	if (e->cmd == CMD_DRAFT)
		return in.ch >= '1' && in.ch <= '9';
	return in.ch == (wint_t)e->key || (e->key == '\r' && in.ch == '\n');
}

enum ui_cmd ui_keymap_cmd(struct ui_input in, bool typing)
{
	for (size_t i = 0; i < ui_keymap_size; i++)
		if (key_matches(&ui_keymap[i], in, typing))
			return ui_keymap[i].cmd;
	return CMD_NONE;
}

bool ui_key_is(struct ui_input in, enum ui_cmd cmd)
{
	const struct ui_keymap_entry *e = ui_keymap_find(cmd);

	return e && key_matches(e, in, false);
}
